import { describe, expect, it } from 'vitest';
import { VM_IVY_BRIDGE_24 } from '../../../src/model/cpuClasses.ts';
import { DEFAULT_SEGMENT_LOCAL_RTT_MS } from '../../../src/model/network.ts';
import { createModelContext } from '../../../src/model/part.ts';
import { DATABASE_STATION_DEFAULTS } from '../../../src/model/requests/databaseStation.ts';
import { REQUEST_ENGINE_DEFAULTS } from '../../../src/model/requests/params.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { buildEstate } from '../../../src/scenarios/run/buildEstate.ts';
import { driveWorkload } from '../../../src/scenarios/run/workloadDriver.ts';
import { Kernel } from '../../../src/sim/kernel.ts';

/**
 * The twin against queueing theory, end to end: a scenario file with open Poisson arrivals of
 * uncached pages to one 24-core web VM (0.4 s per uncached page, "Blog VM 24 x 2.4Ghz Ivy Bridge",
 * 003_fadcec8afe75cc12.txt), parsed, built and driven as `twin run` does. With exponential page
 * times the web server is an M/M/24 station, whose mean response time Erlang C gives; the rest of
 * the path (client and CDN links, the DB's 40 light queries, the NICs) adds a delay that does not
 * depend on the load, measured here once at a load too light to queue.
 */

const SERVERS = 24;
/**
 * The web VM's station time per page: the page's CPU, 400 ms on average (the seed's 0.4 s), and
 * its 40 DB queries, through which PHP holds its worker: each a 0.2 ms read on the database plus
 * a 0.1 ms round trip on the VM host's bridge (model parameters, all assumed). The 12 ms is
 * constant, so the station's service is Exp(400 ms) + 12 ms rather than exponential; by
 * Allen–Cunneen that shortens the M/M/c wait by (1 + cs²)/2 ≈ 3 %, under 1 % of the response
 * time at ρ = 0.95.
 */
const DB_MS =
  REQUEST_ENGINE_DEFAULTS.queriesPerUncachedPage *
  (DATABASE_STATION_DEFAULTS.readQueryMs + DEFAULT_SEGMENT_LOCAL_RTT_MS);
const STATION_MS = VM_IVY_BRIDGE_24.uncachedPageCpuMs + DB_MS;

/** Erlang C: the probability an arrival waits at an M/M/c station with offered load a = λ/μ. */
function erlangC(servers: number, offered: number): number {
  let erlangB = 1;
  for (let k = 1; k <= servers; k++) erlangB = (offered * erlangB) / (k + offered * erlangB);
  const rho = offered / servers;
  return erlangB / (1 - rho * (1 - erlangB));
}

/** M/M/c mean response time (wait plus service), in ms. */
function mmcMeanResponseMs(servers: number, arrivalsPerS: number, servicePerS: number): number {
  const wait = erlangC(servers, arrivalsPerS / servicePerS);
  return (1000 * wait) / (servers * servicePerS - arrivalsPerS) + 1000 / servicePerS;
}

/**
 * M/M/c response-time percentile, in ms: the response is Exp(μ) service plus, with probability C,
 * an Exp(cμ − λ) wait; P(T > t) = (1 − C)e^(−μt) + C(θe^(−μt) − μe^(−θt))/(θ − μ), solved by bisection.
 */
function mmcResponsePercentileMs(
  servers: number,
  arrivalsPerS: number,
  servicePerS: number,
  q: number,
): number {
  const wait = erlangC(servers, arrivalsPerS / servicePerS);
  const theta = servers * servicePerS - arrivalsPerS;
  const mu = servicePerS;
  const tail = (t: number) =>
    (1 - wait) * Math.exp(-mu * t) +
    (wait * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
  let low = 0;
  let high = 100;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    if (tail(middle) > 1 - q) low = middle;
    else high = middle;
  }
  return 1000 * low;
}

/** Runs the single-VM scenario at a Poisson arrival rate; the mean and p95 of answered requests. */
function runOpen(arrivalsPerS: number, duration: string, pageTimes: 'uniform' | 'exponential', seed: number) {
  const text = `
name: erlang-c
seed: ${seed}
duration: ${duration}
estate:
  extends: raspberrypi-2015
  pageCache: { supercache: false, staticify: 'off' }
  cdn:
    backends:
      web1: { weight: 1 }
      web2: { weight: 0 }
workload:
  crowd: { shape: constant, users: 0 }
  arrivals:
    rate: { shape: constant, rate: ${arrivalsPerS}/s }
  thinkTime: 30s
  mix: { uncached: 100% }
  pageTimes: ${pageTimes}
  requestTimeout: 60s
`;
  const parsed = parseScenarioText(text, 'erlang-c.yaml', builtinEstateLibrary);
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  const scenario = parsed.scenario;
  const kernel = new Kernel({ seed: scenario.seed });
  const estate = buildEstate(createModelContext(kernel), scenario);
  driveWorkload(kernel, estate, scenario);
  kernel.run({ untilMs: scenario.duration });
  const www = estate.engine.report().services.www;
  return {
    meanMs: estate.engine.answeredMeanMs('www'),
    p95Ms: www.latencyAnsweredMs.p95,
    answered: www.ok,
    failed: www.failed + www.timedOut,
  };
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
