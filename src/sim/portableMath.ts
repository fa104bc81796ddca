/**
 * exp, log, log2, exp2, sin and cos that give the same bits on every JavaScript engine.
 *
 * The language fixes +, −, ×, ÷ and sqrt to the correctly rounded IEEE 754 result, but leaves
 * Math.exp, Math.log, Math.sin and the rest "implementation-approximated": Node and a browser may
 * differ in the last bit, and one differing draw changes a trace's hash. These functions use only
 * the fixed operations, exact ones (Math.round, Math.floor, Math.abs, scaling by powers of two,
 * reading a double's bits) and constants written out here, so every engine computes the same
 * bits. They are accurate to about one unit in the last place (test/sim/portableMath.test.ts
 * measures it against Math.*); the reductions and series are the textbook ones, worked out here.
 */

/** ln 2 split so that k·LN2_HI is exact for |k| < 2^21: its leading 32 bits, and the rest. */
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const LN2 = LN2_HI + LN2_LO;
const INV_LN2 = 1.4426950408889634;
/** π/2 in three parts, the first two of 33 bits, so n·part is exact for |n| < 2^20. */
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487959506e-21;
const TWO_OVER_PI = 0.6366197723675814;
/** sin and cos reduce by multiples of π/2 exactly only below this many quarter turns. */
const QUARTER_TURNS_MAX = 2 ** 20;
const SQRT2 = Math.SQRT2;
/** exp overflows above ln(MAX_VALUE) and is 0 below ln(MIN_VALUE / 2). */
const EXP_ARGUMENT_MAX = 709.782712893384;
const EXP_ARGUMENT_MIN = -745.1332191019412;

/** Taylor coefficients c[k] = 1/k!, each a correctly rounded division of the last. */
function inverseFactorials(count: number): number[] {
  const coefficients = [1];
  for (let k = 1; k < count; k++) coefficients.push((coefficients[k - 1] as number) / k);
  return coefficients;
}
const INVERSE_FACTORIAL = inverseFactorials(24);

/** Horner's rule over coefficients[from], coefficients[from + step], …, in powers of x. */
function series(
  x: number,
  coefficients: readonly number[],
  from: number,
  step: number,
  terms: number,
): number {
  let sum = 0;
  for (let term = terms - 1; term >= 0; term--) sum = sum * x + (coefficients[from + term * step] as number);
  return sum;
}

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for whole k in [-1022, 1023], built from its bits (exact). */
function powerOfTwo(k: number): number {
  bits.setUint32(0, (k + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** x · 2^k, exact while the result is a normal number (split in two so 2^k never overflows). */
function scaleByPowerOfTwo(x: number, k: number): number {
  if (k > 1023) return x * powerOfTwo(1023) * powerOfTwo(k - 1023);
  if (k < -1022) return x * powerOfTwo(-1022) * powerOfTwo(Math.max(k + 1022, -1022));
  return x * powerOfTwo(k);
}

/** A finite positive x as m · 2^e with m in [1, 2) (exact; subnormals are scaled up first). */
function splitExponent(x: number): { mantissa: number; exponent: number } {
  let scaled = x;
  let shift = 0;
  if (x < 2 ** -1022) {
    scaled = x * 2 ** 54;
    shift = 54;
  }
  bits.setFloat64(0, scaled);
  const high = bits.getUint32(0);
  const exponent = ((high >>> 20) & 0x7ff) - 1023 - shift;
  bits.setUint32(0, (high & 0x800fffff) | (1023 << 20));
  return { mantissa: bits.getFloat64(0), exponent };
}

/** e^r − 1 for |r| ≤ ln2/2, as r + r²·(1/2! + r/3! + …): the small part kept apart from the 1. */
function expMinusOneSmall(r: number): number {
  return r + r * r * series(r, INVERSE_FACTORIAL, 2, 1, 16);
}

/** e^x. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > EXP_ARGUMENT_MAX) return Infinity;
  if (x < EXP_ARGUMENT_MIN) return 0;
  // x = k·ln2 + r with |r| ≤ ln2/2; then e^x = 2^k · e^r.
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  return scaleByPowerOfTwo(1 + expMinusOneSmall(r), k);
}

/** 2^x. */
export function exp2(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 1024) return Infinity;
  if (x < -1075) return 0;
  const k = Math.round(x);
  // x − k is exact (Sterbenz); 2^(x−k) = e^((x−k)·ln2) with |(x−k)·ln2| ≤ ln2/2.
  return scaleByPowerOfTwo(1 + expMinusOneSmall((x - k) * LN2), k);
}

/** 2/(2n+1) for n = 1, 2, …: the series of log((1+s)/(1−s)) = 2s + 2s³/3 + 2s⁵/5 + … past 2s. */
const ODD_RECIPROCALS = Array.from({ length: 12 }, (_, n) => 2 / (2 * n + 3));

/**
 * ln m for m in [√2/2, √2], as f − (f²/2 − s·(f²/2 + R)) with f = m − 1, s = f/(2 + f) and
 * R = 2s²/3 + 2s⁴/5 + …: an identity of ln(1+f) = 2·atanh(s) that keeps the leading f exact.
 */
function logNearOne(m: number): number {
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const halfSquare = 0.5 * f * f;
  const r = z * series(z, ODD_RECIPROCALS, 0, 1, ODD_RECIPROCALS.length);
  return f - (halfSquare - s * (halfSquare + r));
}

/** x = m·2^e with m in [√2/2, √2]; undefined for the special cases, returned as given. */
function reduceForLog(x: number): { m: number; e: number } | { special: number } {
  if (Number.isNaN(x) || x < 0) return { special: NaN };
  if (x === 0) return { special: -Infinity };
  if (x === Infinity) return { special: Infinity };
  const { mantissa, exponent } = splitExponent(x);
  return mantissa > SQRT2 ? { m: mantissa / 2, e: exponent + 1 } : { m: mantissa, e: exponent };
}

/** The natural logarithm. */
export function log(x: number): number {
  const reduced = reduceForLog(x);
  if ('special' in reduced) return reduced.special;
  const { m, e } = reduced;
  return e * LN2_HI + (logNearOne(m) + e * LN2_LO);
}

/** The base-2 logarithm; exact for powers of two. */
export function log2(x: number): number {
  const reduced = reduceForLog(x);
  if ('special' in reduced) return reduced.special;
  const { m, e } = reduced;
  return e + logNearOne(m) * INV_LN2;
}

/** (−1)^k/(2k+1)! and (−1)^k/(2k)!: the sine and cosine series' coefficients. */
const SINE_COEFFICIENTS = Array.from(
  { length: 11 },
  (_, k) => (k % 2 === 0 ? 1 : -1) * (INVERSE_FACTORIAL[2 * k + 1] as number),
);
const COSINE_COEFFICIENTS = Array.from(
  { length: 11 },
  (_, k) => (k % 2 === 0 ? 1 : -1) * (INVERSE_FACTORIAL[2 * k] as number),
);

/** sin r for |r| ≤ π/4: r + r³·(−1/3! + r²/5! − …). */
function sineSmall(r: number): number {
  const z = r * r;
  return r + r * z * series(z, SINE_COEFFICIENTS, 1, 1, 10);
}

/** cos r for |r| ≤ π/4: 1 − (r²/2 − r⁴·(1/4! − r²/6! + …)). */
function cosineSmall(r: number): number {
  const z = r * r;
  return 1 - (0.5 * z - z * z * series(z, COSINE_COEFFICIENTS, 2, 1, 9));
}

/** x = n·π/2 + r with |r| ≤ π/4 (about), exact for the arguments sin and cos accept. */
function reduceQuarterTurns(x: number, name: string): { quadrant: number; r: number } {
  const n = Math.round(x * TWO_OVER_PI);
  if (!(Math.abs(n) < QUARTER_TURNS_MAX))
    throw new RangeError(
      `${name}: argument ${x} is beyond ±${QUARTER_TURNS_MAX} quarter turns, where its reduction is exact`,
    );
  const r = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_3;
  return { quadrant: ((n % 4) + 4) % 4, r };
}

/** The sine, for |x| < 2^20·π/2 (about 1.6 million); beyond that it throws a RangeError. */
export function sin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const { quadrant, r } = reduceQuarterTurns(x, 'sin');
  if (quadrant === 0) return sineSmall(r);
  if (quadrant === 1) return cosineSmall(r);
  if (quadrant === 2) return -sineSmall(r);
  return -cosineSmall(r);
}

/** The cosine, for |x| < 2^20·π/2 (about 1.6 million); beyond that it throws a RangeError. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const { quadrant, r } = reduceQuarterTurns(x, 'cos');
  if (quadrant === 0) return cosineSmall(r);
  if (quadrant === 1) return -sineSmall(r);
  if (quadrant === 2) return -cosineSmall(r);
  return sineSmall(r);
}
