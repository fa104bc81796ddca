import { describe, expect, it } from 'vitest';
import {
  SERVERS,
  STATION_MS,
  mmcMeanResponseMs,
  mmcResponsePercentileMs,
  runWww,
  singleWebVmScenario,
} from '../../support/singleWebVm.ts';

/**
 * The twin against queueing theory, end to end: a scenario file with open Poisson arrivals of
 * uncached pages to one 24-core web VM (0.4 s per uncached page, "Blog VM 24 x 2.4Ghz Ivy Bridge",
 * 003_fadcec8afe75cc12.txt), parsed, built and driven as `twin run` does. With exponential page
 * times the web server is an M/M/24 station, whose mean response time Erlang C gives; the rest of
 * the path (client and CDN links, the DB's 40 light queries, the NICs) adds a delay that does not
 * depend on the load, measured here once at a load too light to queue.
 */

/** Runs the single-VM scenario at a Poisson arrival rate; the mean and p95 of answered requests. */
function runOpen(arrivalsPerS: number, duration: string, pageTimes: 'uniform' | 'exponential', seed: number) {
  return runWww(singleWebVmScenario(arrivalsPerS, duration, pageTimes, seed));
}

describe('open arrivals through the twin against M/M/c (Erlang C)', () => {
  // The path's fixed delay and the mean page time, measured at 1 request a second (ρ = 0.02,
  // where nobody waits): 2,000 requests with uniform ±20 % page times give their mean to ~1 ms.
  const idle = runOpen(1, '2000s', 'uniform', 3);

  /**
   * The expected mean: the idle mean plus the M/M/24 wait at the arrival rate. Simulated time is
   * 20 min at ρ = 0.5 and 30 min at 0.8 (24,000 and 60,000 pages: the mean page time to under
   * 1 %), and 4 h at 0.95, where the queue's relaxation time is about 1/(cμ(1 − √ρ)²) ≈ 27 s: 4 h
   * is over 500 of them (one seed of 2 h strayed 4.6 %).
   */
  const cases = [
    { rho: 0.5, duration: '20m', meanTolerance: 0.03 },
    { rho: 0.8, duration: '30m', meanTolerance: 0.03 },
    { rho: 0.95, duration: '4h', meanTolerance: 0.05 },
  ];
  for (const { rho, duration, meanTolerance } of cases) {
    it(`mean response within ${meanTolerance * 100} % of Erlang C at ρ = ${rho}, and p95 near M/M/c's`, () => {
      const arrivalsPerS = (rho * SERVERS * 1000) / STATION_MS;
      const sim = runOpen(arrivalsPerS, duration, 'exponential', 3);
      const servicePerS = 1000 / STATION_MS;
      const waitMs = mmcMeanResponseMs(SERVERS, arrivalsPerS, servicePerS) - STATION_MS;
      const expectedMs = idle.meanMs + waitMs;
      expect(sim.failed).toBe(0);
      expect(Math.abs(sim.meanMs / expectedMs - 1)).toBeLessThan(meanTolerance);
      // p95 to the histogram's resolution (±2.2 %), plus sampling: 5 %, and 8 % at ρ = 0.95.
      const pathMs = idle.meanMs - STATION_MS;
      const expectedP95Ms = mmcResponsePercentileMs(SERVERS, arrivalsPerS, servicePerS, 0.95) + pathMs;
      expect(Math.abs(sim.p95Ms / expectedP95Ms - 1)).toBeLessThan(rho < 0.9 ? 0.05 : 0.08);
    });
  }

  it('tells page-time distributions apart: uniform ±20 % pages wait far less than M/M/c at ρ = 0.95', () => {
    // Near-constant service halves the queue (Allen–Cunneen's (1 + cs²)/2 with cs² = 0.013).
    const arrivalsPerS = (0.95 * SERVERS * 1000) / STATION_MS;
    const sim = runOpen(arrivalsPerS, '2h', 'uniform', 3);
    const waitMs = mmcMeanResponseMs(SERVERS, arrivalsPerS, 1000 / STATION_MS) - STATION_MS;
    expect(sim.meanMs - idle.meanMs).toBeLessThan(0.7 * waitMs);
    expect(sim.meanMs - idle.meanMs).toBeGreaterThan(0.3 * waitMs);
  });
});
