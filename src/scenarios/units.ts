import { MS_PER_YEAR } from '../sim/time.ts';
/**
 * Human units in scenario files, parsed to numbers in the base units the model uses:
 *
 * | quantity    | written as                         | base unit        |
 * |-------------|------------------------------------|------------------|
 * | duration    | `250ms`, `90s`, `5m`, `1h30m`, `3.5d` | milliseconds   |
 * | size        | `3MB`, `8GB`, `512KiB`             | bytes            |
 * | bit rate    | `100Mbps`, `4Gbps`                 | bits per second  |
 * | power       | `2W`, `500mW`, `1.2kW`             | watts            |
 * | temperature | `80C`, `-5°C`                      | degrees Celsius  |
 * | percentage  | `25%`                              | fraction (0..1)  |
 * | event rate  | `12/h`, `1.5/year`                 | events per ms    |
 *
 * Decimal prefixes are decimal, binary ones binary: kB = 10^3 B, MB = 10^6 B, KiB = 2^10 B,
 * MiB = 2^20 B; bit rates are always decimal (Mbps = 10^6 bit/s), as network gear quotes them.
 * A year is 365.25 days; months are refused because their length varies.
 *
 * A unit is never implied: `90` where a duration is expected is an error, not 90 ms or 90 s,
 * because guessing the unit of a migration step is how a rehearsal silently lies.
 */

export type UnitParseResult = { ok: true; value: number } | { ok: false; expected: string };

/** One kind of quantity: its grammar (also shipped in the JSON Schema) and its parser. */
export interface UnitKind {
  readonly name: string;
  /** What a valid value looks like, phrased to follow "expected". */
  readonly expected: string;
  /** The grammar as a regular expression source, anchored; the JSON Schema carries it as `pattern`. */
  readonly pattern: string;
  parse(text: string): UnitParseResult;
}

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const SIGNED_NUMBER = String.raw`-?\d+(?:\.\d+)?`;

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const MS_PER_WEEK = 7 * MS_PER_DAY;

/** Duration components, largest first; each may appear once and in this order (`1h30m`, not `30m1h`). */
const DURATION_UNITS: ReadonlyArray<readonly [suffix: string, ms: number]> = [
  ['d', MS_PER_DAY],
  ['h', MS_PER_HOUR],
  ['m', MS_PER_MINUTE],
  ['s', MS_PER_SECOND],
  ['ms', 1],
];

// `m(?!s)` keeps the minutes group from eating the `m` of `ms`.
const DURATION_PATTERN = `^(?=\\d)(?:(${NUMBER})d)?(?:(${NUMBER})h)?(?:(${NUMBER})m(?!s))?(?:(${NUMBER})s)?(?:(${NUMBER})ms)?$`;
const DURATION_REGEX = new RegExp(DURATION_PATTERN);

function fail(expected: string): UnitParseResult {
  return { ok: false, expected };
}

function finite(value: number, expected: string): UnitParseResult {
  return Number.isFinite(value) ? { ok: true, value } : fail(expected);
}

const DURATION_EXPECTED = 'a duration with units, such as 250ms, 90s, 5m, 1h30m or 3.5d';

export const duration: UnitKind = {
  name: 'duration',
  expected: DURATION_EXPECTED,
  pattern: DURATION_PATTERN,
  parse(text) {
    const match = DURATION_REGEX.exec(text);
    if (match === null) return fail(DURATION_EXPECTED);
    let totalMs = 0;
    DURATION_UNITS.forEach(([, unitMs], index) => {
      const component = match[index + 1];
      if (component !== undefined) totalMs += Number(component) * unitMs;
    });
    return finite(totalMs, DURATION_EXPECTED);
  },
};

/** Builds a quantity written as one number and one unit from a fixed table. */
function singleUnitKind(
  name: string,
  expected: string,
  factors: Readonly<Record<string, number>>,
  numberPattern = NUMBER,
): UnitKind {
  // Longest suffix first so `KiB` is not read as `B`.
  const suffixes = Object.keys(factors)
    .sort((a, b) => b.length - a.length)
    .map((suffix) => suffix.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&'));
  const pattern = `^(${numberPattern})(${suffixes.join('|')})$`;
  const regex = new RegExp(pattern);
  return {
    name,
    expected,
    pattern,
    parse(text) {
      const match = regex.exec(text);
      const factor = match?.[2] === undefined ? undefined : factors[match[2]];
      if (match === null || factor === undefined) return fail(expected);
      return finite(Number(match[1]) * factor, expected);
    },
  };
}

export const SIZE_FACTORS: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
};

export const size = singleUnitKind(
  'size',
  'a size with units, such as 3MB, 8GB or 512KiB (MB = 10^6 bytes, MiB = 2^20 bytes)',
  SIZE_FACTORS,
);

export const BIT_RATE_FACTORS: Readonly<Record<string, number>> = {
  bps: 1,
  kbps: 1e3,
  Kbps: 1e3,
  Mbps: 1e6,
  Gbps: 1e9,
  Tbps: 1e12,
};

export const bitRate = singleUnitKind(
  'bit rate',
  'a bit rate with units, such as 100Mbps or 4Gbps',
  BIT_RATE_FACTORS,
);

export const POWER_FACTORS: Readonly<Record<string, number>> = { mW: 1e-3, W: 1, kW: 1e3 };

export const power = singleUnitKind('power', 'a power with units, such as 2W or 370W', POWER_FACTORS);

export const temperature = singleUnitKind(
  'temperature',
  'a temperature in degrees Celsius, such as 80C or 22.5°C',
  { C: 1, '°C': 1 },
  SIGNED_NUMBER,
);

const percentageUnbounded = singleUnitKind('percentage', 'a percentage from 0% to 100%, such as 25%', {
  '%': 0.01,
});

export const percentage: UnitKind = {
  ...percentageUnbounded,
  parse(text) {
    const result = percentageUnbounded.parse(text);
    // The fraction is compared, not the written number, so `100.0%` passes and `100.5%` does not.
    if (result.ok && result.value > 1) return fail(percentageUnbounded.expected);
    return result;
  },
};

export const EVENT_RATE_PERIODS_MS: Readonly<Record<string, number>> = {
  s: MS_PER_SECOND,
  sec: MS_PER_SECOND,
  m: MS_PER_MINUTE,
  min: MS_PER_MINUTE,
  h: MS_PER_HOUR,
  hour: MS_PER_HOUR,
  d: MS_PER_DAY,
  day: MS_PER_DAY,
  w: MS_PER_WEEK,
  week: MS_PER_WEEK,
  y: MS_PER_YEAR,
  year: MS_PER_YEAR,
};

const eventRateFactors = Object.fromEntries(
  Object.entries(EVENT_RATE_PERIODS_MS).map(([period, ms]) => [`/${period}`, 1 / ms]),
);

export const eventRate = singleUnitKind(
  'event rate',
  'an event rate such as 12/h, 2/day or 1.5/year (periods: s, min, h, day, week, year)',
  eventRateFactors,
);

export const UNIT_KINDS = { duration, size, bitRate, power, temperature, percentage, eventRate } as const;

// ---- formatting: the inverse of parsing, used by reports and by the round-trip properties ----

/** Writes a duration with the largest whole units first, e.g. 5_400_000 → `1h30m`; `0s` for zero. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format duration ${ms} ms`);
  if (ms === 0) return '0s';
  if (!Number.isInteger(ms)) return `${ms}ms`;
  let restMs = ms;
  let text = '';
  for (const [suffix, unitMs] of DURATION_UNITS) {
    const whole = Math.floor(restMs / unitMs);
    if (whole > 0) {
      text += `${whole}${suffix}`;
      restMs -= whole * unitMs;
    }
  }
  return text;
}

/** Writes a value with the largest unit that divides it exactly, else the base unit. */
function formatWithLargestExactUnit(
  value: number,
  factors: Readonly<Record<string, number>>,
  baseSuffix: string,
): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`cannot format ${value}`);
  const candidates = Object.entries(factors)
    .filter(([, factor]) => factor >= 1 && Number.isInteger(factor))
    .sort(([, a], [, b]) => b - a);
  for (const [suffix, factor] of candidates) {
    if (value !== 0 && Number.isInteger(value) && value % factor === 0) return `${value / factor}${suffix}`;
  }
  return `${value}${baseSuffix}`;
}

const CANONICAL_SIZE_FACTORS = Object.fromEntries(
  Object.entries(SIZE_FACTORS).filter(([suffix]) => suffix !== 'KB'),
);

export function formatSize(bytes: number): string {
  return formatWithLargestExactUnit(bytes, CANONICAL_SIZE_FACTORS, 'B');
}

export function formatBitRate(bitsPerSecond: number): string {
  const { Kbps: _duplicate, ...canonical } = BIT_RATE_FACTORS;
  return formatWithLargestExactUnit(bitsPerSecond, canonical, 'bps');
}

export function formatPercentage(fraction: number): string {
  // Round to 12 significant digits so 0.07 prints as 7%, not 7.000000000000001%.
  return `${Number((fraction * 100).toPrecision(12))}%`;
}
