import type { RandomStream } from '../../sim/random.ts';

/**
 * How an uncached page's CPU time varies around its class's mean. `uniform`: cpu × uniform(1 − j,
 * 1 + j), the twin's default (an assumption: the seeds give one time per page, "0.4 s", and pages
 * vary by ±20 %). `exponential`: cpu × Exp(1), the same mean with the spread M/M/c theory assumes,
 * for comparing the twin with Erlang C (also an assumption, not a measurement).
 */
export const PAGE_TIME_DISTRIBUTIONS = ['uniform', 'exponential'] as const;
export type PageTimeDistribution = (typeof PAGE_TIME_DISTRIBUTIONS)[number];

/** One page's factor on its mean CPU time (mean 1 either way); one draw from the stream. */
export function pageTimeFactor(
  stream: RandomStream,
  distribution: PageTimeDistribution,
  uniformJitter: number,
): number {
  return distribution === 'exponential'
    ? stream.exponential(1)
    : stream.uniform(1 - uniformJitter, 1 + uniformJitter);
}
