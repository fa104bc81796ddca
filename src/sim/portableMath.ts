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

/** One double seen as two 32-bit words; which word is the high one depends on the machine. */
const double = new Float64Array(1);
const words = new Uint32Array(double.buffer);
double[0] = 1;
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;
const LOW = 1 - HIGH;

/** 2^k for whole k in [-1022, 1023], built from its bits (exact). */
function powerOfTwo(k: number): number {
  words[HIGH] = (k + 1023) << 20;
  words[LOW] = 0;
  return double[0] as number;
}

/** x · 2^k, exact while the result is a normal number (split in two so 2^k never overflows). */
function scaleByPowerOfTwo(x: number, k: number): number {
  if (k > 1023) return x * powerOfTwo(1023) * powerOfTwo(k - 1023);
  if (k < -1022) return x * powerOfTwo(-1022) * powerOfTwo(Math.max(k + 1022, -1022));
  return x * powerOfTwo(k);
}

/**
 * Splits a finite positive x as m · 2^e with m in [√2/2, √2] (exact; subnormals are scaled up
 * first). The parts go to module fields rather than a new object: this is on the hot path of
 * every random draw.
 */
let reducedMantissa = 1;
let reducedExponent = 0;
function reduceForLog(x: number): void {
  let scaled = x;
  let shift = 0;
  if (x < 2 ** -1022) {
    scaled = x * 2 ** 54;
    shift = 54;
  }
  double[0] = scaled;
  const high = words[HIGH] as number;
  reducedExponent = ((high >>> 20) & 0x7ff) - 1023 - shift;
  words[HIGH] = (high & 0x800fffff) | (1023 << 20);
  reducedMantissa = double[0] as number;
  if (reducedMantissa > SQRT2) {
    reducedMantissa /= 2;
    reducedExponent += 1;
  }
}

/** log and log2 of what is not a finite positive number: NaN, −Infinity at 0, Infinity at Infinity. */
function logSpecialCase(x: number): number {
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  return NaN;
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

/** 2/(2n+1) for n = 1 … 12: the series of log((1+s)/(1−s)) = 2s + 2s³/3 + 2s⁵/5 + … past 2s. */
const L1 = 2 / 3;
const L2 = 2 / 5;
const L3 = 2 / 7;
const L4 = 2 / 9;
const L5 = 2 / 11;
const L6 = 2 / 13;
const L7 = 2 / 15;
const L8 = 2 / 17;
const L9 = 2 / 19;
const L10 = 2 / 21;
const L11 = 2 / 23;
const L12 = 2 / 25;

/**
 * ln m for m in [√2/2, √2], as f − (f²/2 − s·(f²/2 + R)) with f = m − 1, s = f/(2 + f) and
 * R = 2s²/3 + 2s⁴/5 + …: an identity of ln(1+f) = 2·atanh(s) that keeps the leading f exact.
 */
function logNearOne(m: number): number {
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const halfSquare = 0.5 * f * f;
  // Written out rather than looped: this runs on every random draw.
  const r =
    z *
    (L1 +
      z *
        (L2 +
          z *
            (L3 +
              z *
                (L4 +
                  z * (L5 + z * (L6 + z * (L7 + z * (L8 + z * (L9 + z * (L10 + z * (L11 + z * L12)))))))))));
  return f - (halfSquare - s * (halfSquare + r));
}

/** The natural logarithm. */
export function log(x: number): number {
  if (!(x > 0 && x < Infinity)) return logSpecialCase(x);
  reduceForLog(x);
  const e = reducedExponent;
  return e * LN2_HI + (logNearOne(reducedMantissa) + e * LN2_LO);
}

/** The base-2 logarithm; exact for powers of two. */
export function log2(x: number): number {
  if (!(x > 0 && x < Infinity)) return logSpecialCase(x);
  reduceForLog(x);
  return reducedExponent + logNearOne(reducedMantissa) * INV_LN2;
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
