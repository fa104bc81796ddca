import alea from 'seedrandom/lib/alea.js';
import { assertArgument } from './limits.ts';
import { cos, exp, log, sin } from './portableMath.ts';

/**
 * One named, seeded stream of random numbers. Draws check their arguments inline rather than
 * through assertArgument, so the hot path never builds an error message it does not throw.
 * Each stream has its own generator (seedrandom's
 * Alea, which is fast and well distributed; its default ARC4 costs about a third of the kernel's
 * speed), so drawing more from one stream never shifts another's draws.
 */
export class RandomStream {
  private readonly nextUniform: () => number;
  private spareNormal = NaN;
  draws = 0;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    this.nextUniform = alea(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.draws++;
    return this.nextUniform();
  }

  uniform(min: number, max: number): number {
    if (!(max >= min)) throw new RangeError(`uniform: max (${max}) must be at least min (${min})`);
    return min + (max - min) * this.next();
  }

  /** A whole number in [0, count). */
  integer(count: number): number {
    if (!(Number.isInteger(count) && count > 0))
      throw new RangeError(`integer: count must be a positive integer, got ${count}`);
    return Math.floor(this.next() * count);
  }

  /** Exponential with the given mean (not rate), in whatever unit the mean is in. */
  exponential(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`exponential: mean must be non-negative, got ${mean}`);
    return -log(1 - this.next()) * mean;
  }

  /** Normal by the Box-Muller transform; the second value of each pair is kept for the next call. */
  normal(mean: number, standardDeviation: number): number {
    if (!(standardDeviation >= 0))
      throw new RangeError(`normal: standard deviation must be non-negative, got ${standardDeviation}`);
    let standard = this.spareNormal;
    if (Number.isNaN(standard)) {
      const radius = Math.sqrt(-2 * log(1 - this.next()));
      const angle = 2 * Math.PI * this.next();
      standard = radius * cos(angle);
      this.spareNormal = radius * sin(angle);
    } else {
      this.spareNormal = NaN;
    }
    return mean + standardDeviation * standard;
  }

  /** Lognormal given the mean and standard deviation of the underlying normal (log space). */
  lognormal(logMean: number, logStandardDeviation: number): number {
    return exp(this.normal(logMean, logStandardDeviation));
  }

  bernoulli(probability: number): boolean {
    if (!(probability >= 0 && probability <= 1))
      throw new RangeError(`bernoulli: probability must be in [0, 1], got ${probability}`);
    return this.next() < probability;
  }

  /** Index chosen with probability proportional to its weight. */
  weightedChoice(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) {
      assertArgument(
        weight >= 0 && Number.isFinite(weight),
        `weightedChoice: weights must be finite and non-negative`,
      );
      total += weight;
    }
    assertArgument(total > 0, 'weightedChoice: at least one weight must be positive');
    let remaining = this.next() * total;
    for (let index = 0; index < weights.length; index++) {
      remaining -= weights[index] as number;
      if (remaining < 0) return index;
    }
    // Rounding can leave a sliver past the last positive weight; it belongs to that weight.
    for (let index = weights.length - 1; index >= 0; index--)
      if ((weights[index] as number) > 0) return index;
    return 0;
  }
}

/**
 * The family of named streams of one run, all derived from the scenario seed. A stream's seed is
 * the run seed and the stream's name, so adding a new stream (say, for faults) leaves every other
 * stream's sequence as it was.
 */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {
    assertArgument(Number.isSafeInteger(seed), `seed must be a safe integer, got ${seed}`);
  }

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, `estate-twin/${this.seed}/${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** Draw counts per stream, sorted by name, for reports and determinism checks. */
  drawCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const name of [...this.streams.keys()].sort()) counts[name] = this.streams.get(name)?.draws ?? 0;
    return counts;
  }
}
