/**
 * A histogram that merges exactly, in the manner of HdrHistogram: values are fixed-point integers
 * (micro-units), each falls in a logarithmic bucket with 128 sub-buckets per power of two, so a
 * bucket is at most 1/128 (0.8 %) of its values wide. Counts, sums and extremes are integers, so
 * merging is exact: commutative and associative, and the merged bytes do not depend on how runs
 * were grouped. Sums are BigInt, so the mean is exact too, whatever the number of runs.
 */

/** Fixed-point resolution: one millionth of the figure's unit. */
export const MICRO_UNITS = 1_000_000;
/** Sub-buckets per power of two (the bucket's relative width is 1/SUB_BUCKETS at most). */
const SUB_BUCKETS = 128;
const SIGNIFICANT_BITS = 8;

export interface Histogram {
  count: number;
  /** Extremes and sums in micro-units, as decimal strings (BigInt in JSON). */
  min: string;
  max: string;
  sum: string;
  sumSquares: string;
  /** [bucket key, count], sorted by key. */
  buckets: [number, number][];
}

export function toMicro(value: number): bigint {
  if (!Number.isFinite(value)) throw new Error(`histogram: ${value} is not a finite figure`);
  const scaled = value * MICRO_UNITS;
  return Number.isSafeInteger(Math.round(scaled))
    ? BigInt(Math.round(scaled))
    : BigInt(Math.round(value)) * BigInt(MICRO_UNITS);
}

function bitLength(magnitude: bigint): number {
  return magnitude === 0n ? 0 : magnitude.toString(2).length;
}

/** The bucket of a micro-unit value; keys increase with the value. */
export function bucketKey(micro: bigint): number {
  const magnitude = micro < 0n ? -micro : micro;
  const shift = Math.max(0, bitLength(magnitude) - SIGNIFICANT_BITS);
  const key = shift * SUB_BUCKETS + Number(magnitude >> BigInt(shift));
  return micro < 0n ? -key - 1 : key;
}

/** The smallest and largest micro-unit values in a bucket. */
export function bucketBounds(key: number): { low: bigint; high: bigint } {
  if (key < 0) {
    const { low, high } = bucketBounds(-key - 1);
    return { low: -high, high: -low };
  }
  const shift = key < 2 * SUB_BUCKETS ? 0 : Math.floor(key / SUB_BUCKETS) - 1;
  const mantissa = key - shift * SUB_BUCKETS;
  const low = BigInt(mantissa) << BigInt(shift);
  return { low, high: low + (1n << BigInt(shift)) - 1n };
}

export function emptyHistogram(): Histogram {
  return { count: 0, min: '0', max: '0', sum: '0', sumSquares: '0', buckets: [] };
}

export function singleValue(value: number): Histogram {
  const micro = toMicro(value);
  const text = micro.toString();
  return {
    count: 1,
    min: text,
    max: text,
    sum: text,
    sumSquares: (micro * micro).toString(),
    buckets: [[bucketKey(micro), 1]],
  };
}

const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  const counts = new Map<number, number>(a.buckets);
  for (const [key, count] of b.buckets) counts.set(key, (counts.get(key) ?? 0) + count);
  return {
    count: a.count + b.count,
    min: minBig(BigInt(a.min), BigInt(b.min)).toString(),
    max: maxBig(BigInt(a.max), BigInt(b.max)).toString(),
    sum: (BigInt(a.sum) + BigInt(b.sum)).toString(),
    sumSquares: (BigInt(a.sumSquares) + BigInt(b.sumSquares)).toString(),
    buckets: [...counts.entries()].sort(([x], [y]) => x - y),
  };
}

const fromMicro = (micro: bigint): number => Number(micro) / MICRO_UNITS;

/**
 * The value at quantile q (0..1) by nearest rank: the middle of the bucket that holds that rank,
 * kept within the exact extremes. It is off by at most the bucket's width (≤ 1/128 of the value).
 */
export function quantile(histogram: Histogram, q: number): number {
  if (histogram.count === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  let seen = 0;
  for (const [key, count] of histogram.buckets) {
    seen += count;
    if (seen >= rank) {
      const { low, high } = bucketBounds(key);
      const middle = (low + high) / 2n;
      return fromMicro(maxBig(BigInt(histogram.min), minBig(BigInt(histogram.max), middle)));
    }
  }
  return fromMicro(BigInt(histogram.max));
}

export interface Spread {
  min: number;
  p5: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** Half-width of the 95 % confidence interval of the mean (normal approximation); 0 for one run. */
  meanCi95: number;
}

export function spread(histogram: Histogram): Spread {
  const n = BigInt(histogram.count);
  const sum = BigInt(histogram.sum);
  const mean = histogram.count === 0 ? Number.NaN : Number(sum) / MICRO_UNITS / histogram.count;
  let meanCi95 = 0;
  if (histogram.count > 1) {
    // n·Σx² − (Σx)² is exact in BigInt; only the final division and root are floating point.
    const numerator = n * BigInt(histogram.sumSquares) - sum * sum;
    const variance = Number(numerator) / (histogram.count * (histogram.count - 1)) / MICRO_UNITS ** 2;
    meanCi95 = 1.96 * Math.sqrt(Math.max(0, variance) / histogram.count);
  }
  return {
    min: fromMicro(BigInt(histogram.min)),
    p5: quantile(histogram, 0.05),
    p50: quantile(histogram, 0.5),
    p95: quantile(histogram, 0.95),
    max: fromMicro(BigInt(histogram.max)),
    mean,
    meanCi95,
  };
}
