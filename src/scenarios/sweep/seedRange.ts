/** A sweep's seeds: every whole number from `from` to `to`, both included. */
export interface SeedRange {
  readonly from: number;
  readonly to: number;
}

/** Far more runs than a night on many machines does; a range beyond it is a typo. */
export const SWEEP_SEEDS_MAX = 10_000_000;

export type SeedRangeResult = { ok: true; range: SeedRange } | { ok: false; expected: string };

const EXPECTED = `a seed range such as 1..200 (whole numbers, first ≤ last, at most ${SWEEP_SEEDS_MAX} seeds), or one seed`;

/** Parses `1..200` or `7`. */
export function parseSeedRange(text: string): SeedRangeResult {
  const match = /^\s*(-?\d+)\s*(?:\.\.\s*(-?\d+)\s*)?$/.exec(text);
  if (match === null) return { ok: false, expected: EXPECTED };
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from)
    return { ok: false, expected: EXPECTED };
  if (to - from + 1 > SWEEP_SEEDS_MAX) return { ok: false, expected: EXPECTED };
  return { ok: true, range: { from, to } };
}

/** Splits a range into consecutive pieces of at most `size` seeds, in order. */
export function splitRange(range: SeedRange, size: number): SeedRange[] {
  if (!Number.isSafeInteger(size) || size < 1)
    throw new Error(`splitRange: size ${size} is not a whole number ≥ 1`);
  const pieces: SeedRange[] = [];
  for (let from = range.from; from <= range.to; from += size)
    pieces.push({ from, to: Math.min(range.to, from + size - 1) });
  return pieces;
}
