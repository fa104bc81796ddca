import { emptyPointSummary, mergePointSummaries } from './pointSummary.ts';
import type { PointSummary } from './pointSummary.ts';

/** Trace hashes of re-checked seeds by `point:seed`: the first run's and the second run's. */
export type TraceHashes = Record<string, { first?: string; second?: string }>;

/**
 * A partial result: what some jobs of one sweep found. Parts merge by a commutative, associative
 * rule into the same bytes whatever the grouping: the reduce every path (pool, queue, shards)
 * uses.
 */
export interface SweepPart {
  sweepId: string;
  /** Summaries by grid point index. */
  points: Record<string, PointSummary>;
  /** Seed ranges done: [point, first seed, last seed], sorted. */
  covered: [number, number, number][];
  traceHashes: TraceHashes;
}

/** The same seed ran twice and its traces differ: the simulation is not deterministic. */
export class DeterminismError extends Error {
  constructor(
    readonly key: string,
    readonly hashes: readonly string[],
  ) {
    const [point, seed] = key.split(':');
    super(
      `DETERMINISM BROKEN: seed ${seed} (grid point ${point}) ran twice with different trace hashes:\n` +
        hashes.map((hash) => `  ${hash}`).join('\n'),
    );
  }
}

/** Two parts cover the same seeds (one shard merged twice, or parts of another sweep). */
export class PartMismatchError extends Error {}

function compareCovered(a: readonly number[], b: readonly number[]): number {
  return (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number);
}

function mergeHashes(a: TraceHashes, b: TraceHashes): TraceHashes {
  const merged: TraceHashes = {};
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[key] ?? {};
    const y = b[key] ?? {};
    for (const field of ['first', 'second'] as const) {
      const p = x[field];
      const q = y[field];
      if (p !== undefined && q !== undefined && p !== q) throw new DeterminismError(key, [p, q]);
    }
    merged[key] = { ...x, ...y };
  }
  return merged;
}

export function mergeParts(a: SweepPart, b: SweepPart): SweepPart {
  if (a.sweepId !== b.sweepId)
    throw new PartMismatchError(
      `parts of two different sweeps (${a.sweepId.slice(0, 12)}… and ${b.sweepId.slice(0, 12)}…)`,
    );
  const sorted = [...a.covered, ...b.covered].sort(compareCovered);
  // Adjacent ranges are joined, so the covered list is the same however the seeds were cut.
  const covered: [number, number, number][] = [];
  for (const [point, from, to] of sorted) {
    const last = covered[covered.length - 1];
    if (last !== undefined && last[0] === point && from <= last[2])
      throw new PartMismatchError(
        `seeds ${from}..${to} of grid point ${point} are in two parts (a part merged twice?)`,
      );
    if (last !== undefined && last[0] === point && from === last[2] + 1) last[2] = to;
    else covered.push([point, from, to]);
  }
  const points: Record<string, PointSummary> = {};
  const keys = [...new Set([...Object.keys(a.points), ...Object.keys(b.points)])].sort(
    (x, y) => Number(x) - Number(y),
  );
  for (const key of keys)
    points[key] = mergePointSummaries(
      a.points[key] ?? emptyPointSummary(),
      b.points[key] ?? emptyPointSummary(),
    );
  return { sweepId: a.sweepId, points, covered, traceHashes: mergeHashes(a.traceHashes, b.traceHashes) };
}

/** Every part merged, in any order: the result is the same. */
export function mergeAllParts(parts: readonly SweepPart[]): SweepPart {
  const [first, ...rest] = parts;
  if (first === undefined) throw new PartMismatchError('no parts to merge');
  return rest.reduce(mergeParts, first);
}

/**
 * What is missing from a merged part for it to be the whole sweep: seed ranges never run, or
 * re-checks whose second run is absent. Empty when complete.
 */
export function missingFromPart(part: SweepPart, pointCount: number, from: number, to: number): string[] {
  const missing: string[] = [];
  for (let point = 0; point < pointCount; point++) {
    let next = from;
    for (const [coveredPoint, start, end] of part.covered) {
      if (coveredPoint !== point) continue;
      if (start > next) missing.push(`grid point ${point}: seeds ${next}..${start - 1}`);
      next = Math.max(next, end + 1);
    }
    if (next <= to) missing.push(`grid point ${point}: seeds ${next}..${to}`);
  }
  for (const [key, entry] of Object.entries(part.traceHashes))
    if (entry.first === undefined || entry.second === undefined) missing.push(`re-check of ${key}`);
  return missing;
}

/** Compares every re-checked seed's two trace hashes; throws on the first that differ. */
export function checkDeterminism(part: SweepPart): number {
  let compared = 0;
  for (const [key, entry] of Object.entries(part.traceHashes)) {
    if (entry.first === undefined || entry.second === undefined) continue;
    if (entry.first !== entry.second) throw new DeterminismError(key, [entry.first, entry.second]);
    compared++;
  }
  return compared;
}
