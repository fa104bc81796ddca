import { exp2, log2 } from '../../sim/portableMath.ts';

/**
 * Latency percentiles in bounded memory: a fixed histogram of log-spaced buckets (16 per doubling,
 * so a percentile is within about 4.5 % of the true value) from 0.01 ms to about 12 hours.
 */
const MIN_MS = 0.01;
const BUCKETS_PER_DOUBLING = 16;
const BUCKETS = BUCKETS_PER_DOUBLING * 32;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  /** The recorded values' exact sum, for a mean the buckets would round (queueing theory's W). */
  private sumMs = 0;

  record(latencyMs: number): void {
    const ratio = latencyMs / MIN_MS;
    let index = ratio <= 1 ? 0 : Math.floor(log2(ratio) * BUCKETS_PER_DOUBLING);
    if (index >= BUCKETS) index = BUCKETS - 1;
    this.counts[index] = (this.counts[index] as number) + 1;
    this.total++;
    this.sumMs += latencyMs;
  }

  /** The exact mean of recorded values; 0 when empty. */
  get meanMs(): number {
    return this.total === 0 ? 0 : this.sumMs / this.total;
  }

  get count(): number {
    return this.total;
  }

  /**
   * How many recorded values were at most `latencyMs`, to the histogram's resolution: a bucket
   * counts whole when its middle is at most latencyMs (so within about 4.5 % of the bound).
   */
  countAtMostMs(latencyMs: number): number {
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      if (MIN_MS * exp2((index + 0.5) / BUCKETS_PER_DOUBLING) > latencyMs) break;
      seen += this.counts[index] as number;
    }
    return seen;
  }

  /** The latency below which `quantile` (0..1) of recorded values fall; 0 when empty. */
  percentileMs(quantile: number): number {
    if (this.total === 0) return 0;
    const rank = quantile * this.total;
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index] as number;
      if (seen >= rank && seen > 0) return MIN_MS * exp2((index + 0.5) / BUCKETS_PER_DOUBLING);
    }
    return MIN_MS * exp2(BUCKETS / BUCKETS_PER_DOUBLING);
  }
}
