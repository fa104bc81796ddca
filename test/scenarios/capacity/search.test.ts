import { describe, expect, it } from 'vitest';
import { rankBottlenecks } from '../../../src/scenarios/capacity/bottleneck.ts';
import { summariseRun } from '../../../src/scenarios/capacity/runSummary.ts';
import type { RunSeed } from '../../../src/scenarios/capacity/runSummary.ts';
import { crowdPeakUsers } from '../../../src/scenarios/capacity/scaleScenario.ts';
import { searchCapacity } from '../../../src/scenarios/capacity/search.ts';
import { sloBreaches, sloOf } from '../../../src/scenarios/capacity/slo.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

const zero: Scenario = loadScenarioFile(findBuiltinScenario('pi-zero-launch')!.path);

/**
 * A stand-in for the simulator whose answer is known: p95 grows as users / 10 ms (so 1 s is
 * reached at 10,000 users × `knee`), the seed shifts it by 1 %, web's utilisation is users /
 * 40,000 and db's users / 200,000, so web saturates first.
 */
function fakeRun(knee: number): RunSeed {
  return (scenario, seed) => {
    const users = crowdPeakUsers(scenario.workload.crowd);
    const p95 = (users / 10 / knee) * (1 + (seed % 2) * 0.01);
    const part = (utilisationPeak: number) => ({
      kind: 'x',
      utilisationPeak: Math.min(1, utilisationPeak),
      states: [],
    });
    return Promise.resolve(
      summariseRun({
        durationSeconds: scenario.duration / 1000,
        services: {
          www: {
            requests: users,
            failed: 0,
            timedOut: 0,
            failedWrites: 0,
            downtimeSeconds: 0,
            latencyMs: { p50: p95 / 2, p95, p99: p95 * 1.2 },
          },
        },
        parts: { web: part(users / 40_000), db: part(users / 200_000), idle: part(0) },
        run: { stoppedBy: 'until', events: 0, traceLines: 0 },
      } as unknown as Report),
    );
  };
}

describe('searchCapacity', () => {
  const slo = sloOf(zero, { p95Ms: 1000 });

  it('brackets then bisects to within 5 % of the known answer, with every seed required to pass', async () => {
    const result = await searchCapacity(zero, { slo, seeds: [1, 2] }, fakeRun(1));
    // The odd seed is 1 % slower, so the true limit is 10,000 / 1.01 users = scale 0.990.
    expect(result.passScale).toBeLessThanOrEqual(0.99);
    expect(result.failScale).toBeGreaterThan(0.99);
    expect((result.failScale! - result.passScale) / result.passScale).toBeLessThanOrEqual(0.05);
    expect(result.limitHit).toBeUndefined();
  });

  it('moves the answer with the system: three times the room gives about three times the scale', async () => {
    const result = await searchCapacity(zero, { slo, seeds: [2] }, fakeRun(3));
    expect(result.passScale).toBeGreaterThan(2.85);
    expect(result.passScale).toBeLessThanOrEqual(3);
  });

  it('says so when no bracket is found within its doublings', async () => {
    const result = await searchCapacity(zero, { slo, seeds: [2] }, fakeRun(1e6));
    expect(result.failScale).toBeUndefined();
    expect(result.limitHit).toMatch(/no bracket/);
  });

  it('ranks the part that saturates first as the bottleneck, and leaves unmeasured parts out', async () => {
    const result = await searchCapacity(zero, { slo, seeds: [2] }, fakeRun(8));
    const ranked = rankBottlenecks(result.points);
    expect(ranked.map((part) => part.part)).toEqual(['web', 'db']);
    expect(ranked[0]?.headroom).toBeCloseTo(0.75, 9);
    expect(ranked[0]?.fullAtScale).toBeCloseTo(4, 9);
  });
});

describe('sloOf', () => {
  it('takes the downtime bound from the scenario’s user-downtime check and the rest from options', async () => {
    const slo = sloOf(zero, { errorShareMax: 0.02 });
    expect(slo.downtimeSecondsMax).toBe(0);
    expect(slo.errorShareMax).toBe(0.02);
  });
});

describe('sloBreaches', () => {
  const slo = sloOf(zero, { p95Ms: 1000 });
  const figures = {
    requests: 100,
    throughputPerSecond: 1,
    p50Ms: 10,
    p95Ms: 1000,
    p99Ms: 1200,
    errorShare: 0,
    downtimeSeconds: 0,
  };

  it('holds at the bound and breaks just past it, naming the latency in whole milliseconds rounded up', () => {
    expect(sloBreaches(figures, slo)).toEqual([]);
    expect(sloBreaches({ ...figures, p95Ms: 1000.2 }, slo)).toEqual(['p95 1001 ms > 1000 ms']);
  });
});
