import { describe, expect, it } from 'vitest';
import { OUTCOME_LOG_LIMITS, OutcomeLog } from '../../../src/model/requests/outcomeLog.ts';
import type { RequestOutcome } from '../../../src/model/requests/types.ts';

function logWith(entries: readonly [number, RequestOutcome, number][]): OutcomeLog {
  const log = new OutcomeLog(1, 0.5, 31_000, () => undefined, OUTCOME_LOG_LIMITS);
  for (const [second, outcome, latencyMs] of entries)
    log.record(0, outcome, second * 1000, latencyMs, false, second * 1000 + latencyMs);
  return log;
}

const times = <T>(count: number, value: T): T[] => Array.from({ length: count }, () => value);

describe('service-level measures in the outcome log', () => {
  // Second 3: 98 answered, 2 failed (2 %). Second 4: 99 answered, 1 timed out (1 %).
  const log = logWith([
    ...times(98, [3, 'ok', 100] as [number, RequestOutcome, number]),
    ...times(2, [3, 'failed', 50] as [number, RequestOutcome, number]),
    ...times(99, [4, 'ok', 2000] as [number, RequestOutcome, number]),
    [4, 'timedOut', 30_000],
  ]);

  it('counts a second with 2 % failed as down at a 1 % threshold, and not at 5 %', () => {
    expect(log.secondOverErrorShare(0, 3, 0.01)).toBe(true);
    expect(log.secondOverErrorShare(0, 3, 0.05)).toBe(false);
  });

  it('does not count a second with exactly the threshold failed (1 of 100 at 1 %)', () => {
    expect(log.secondOverErrorShare(0, 4, 0.01)).toBe(false);
    expect(log.secondOverErrorShare(0, 4, 0.005)).toBe(true);
  });

  it('counts both seconds as errored, and neither clean second', () => {
    expect(log.serviceReport(0).secondsWithFailures).toBe(2);
    expect(log.secondOverErrorShare(0, 5, 0)).toBe(false);
  });

  it('counts answered requests within a latency objective, and none that failed or timed out', () => {
    // 98 answered in 100 ms, 99 in 2 s: within 1 s only the 98; within 5 s all 197 answered.
    expect(log.answeredWithinMs(0, 1000)).toBe(98);
    expect(log.answeredWithinMs(0, 5000)).toBe(197);
    expect(log.answeredWithinMs(0, 60_000)).toBe(197);
  });

  it('puts every request in the percentiles, a timed-out one at its timeout, so an overload never looks fast', () => {
    const overloaded = logWith([
      ...times(10, [1, 'ok', 100] as [number, RequestOutcome, number]),
      ...times(10, [1, 'timedOut', 30_000] as [number, RequestOutcome, number]),
    ]).serviceReport(0);
    // Half of all requests waited the 30 s timeout: p95 of all is near 30 s (histogram: ±4.5 %).
    expect(overloaded.latencyMs.p95).toBeGreaterThan(28_500);
    expect(overloaded.latencyMs.p95).toBeLessThan(31_500);
    // The answered alone all took 100 ms.
    expect(overloaded.latencyAnsweredMs.p95).toBeGreaterThan(95);
    expect(overloaded.latencyAnsweredMs.p95).toBeLessThan(105);
  });
});
