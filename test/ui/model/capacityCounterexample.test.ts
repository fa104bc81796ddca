import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFor } from '../../../src/scenarios/check/candidate.ts';
import type { Candidate } from '../../../src/scenarios/check/candidate.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import {
  bottleneckOf,
  capacityCurve,
  capacityLoad,
  readCapacityJson,
} from '../../../src/ui/model/capacityJson.ts';
import { breakMoment } from '../../../src/ui/model/counterexample.ts';

const FIXTURE = 'test/ui/fixtures/capacity-old-host-reboot-before.json';

describe('capacity JSON', () => {
  const text = readFileSync(FIXTURE, 'utf8');

  it('reads the points of `twin capacity --json` in order of scale, each with its users', () => {
    const read = readCapacityJson(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const curve = capacityCurve(read.value);
    expect(curve.map((point) => point.scale)).toEqual(
      [...curve.map((point) => point.scale)].sort((a, b) => a - b),
    );
    expect(curve[0]?.users).toBe(Math.round((curve[0]?.scale ?? 0) * read.value.peakUsers));
    // Throughput grows with the crowd until the SLO breaks.
    const passing = curve.filter((point) => point.ok);
    expect(passing.at(-1)?.mean.throughputPerSecond).toBeGreaterThan(
      passing[0]?.mean.throughputPerSecond ?? 0,
    );
  });

  it('marks a bottleneck saturated in a run, else where it would fill, else none', () => {
    const read = readCapacityJson(text);
    if (!read.ok) throw new Error(read.message);
    const report = read.value;
    expect(bottleneckOf(report)).toEqual({
      part: report.parts[0]?.part,
      scale: report.parts[0]?.fullAtScale,
      extrapolated: true,
    });
    const saturated = { ...report, parts: [{ part: 'web1', saturatedAtScale: 4, fullAtScale: 5 }] };
    expect(bottleneckOf(saturated)).toEqual({ part: 'web1', scale: 4, extrapolated: false });
    expect(bottleneckOf({ ...report, parts: [{ part: 'db', fullAtScale: null }] })).toBeUndefined();
  });

  it('counts an open workload in requests per second, not in the 0 users of its crowd', () => {
    const read = readCapacityJson(text);
    if (!read.ok) throw new Error(read.message);
    const open = { ...read.value, peakUsers: 0, load: { kind: 'arrivals' as const, peakAtScale1: 12.5 } };
    expect(capacityLoad(open)).toEqual({ peak: 12.5, unit: 'requests/s' });
    const curve = capacityCurve(open);
    for (const point of curve) expect(point.users).toBeCloseTo(point.scale * 12.5, 1);
    expect(capacityLoad(read.value).unit).toBe('users');
  });

  it('refuses what is not a capacity report, naming the path', () => {
    expect(readCapacityJson('{')).toMatchObject({ ok: false });
    const missing = readCapacityJson(JSON.stringify({ scenario: 'x', peakUsers: 1, slo: {}, parts: [] }));
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('search') });
  });
});

describe('the moment a counterexample broke', () => {
  const scenario = loadScenarioFile(findBuiltinScenario('broken-migration-hard-shutdown')?.path ?? '');
  // The schedule `twin check broken-migration-hard-shutdown --runs 20` shrank to: no fault, pauses, 115 %.
  const candidate: Candidate = {
    seed: 0,
    faults: [],
    stepPausesMs: [0, 0, 0, 0, 0, 0, 0, 59998, 14, 42295, 22658, 47080, 59995, 1, 25031, 59895, 6115],
    crowdPercent: 115,
  };
  const report = runScenario(scenarioFor(scenario, candidate), { seed: candidate.seed });

  it('with no fault, lands on the step where requests failed fastest: the hard shutdown', () => {
    const step = report.steps.find((each) => each.name === 'Shut down web2 hard, without draining it');
    expect(breakMoment(report, candidate).seconds).toBe(step?.startedAt);
  });

  it('lands on the first fault when the schedule has one, and on a failed step before that', () => {
    const withFault: Candidate = {
      ...candidate,
      faults: [
        { kind: 'vm-crash', target: 'web1', atMs: 900_000, durationMs: 0 },
        { kind: 'vm-crash', target: 'web2', atMs: 300_000, durationMs: 0 },
      ],
    };
    expect(breakMoment(report, withFault)).toMatchObject({
      seconds: 300,
      reason: expect.stringContaining('web2'),
    });
    const failed = {
      ...report,
      steps: report.steps.map((step, index) => (index === 3 ? { ...step, outcome: 'failed' } : step)),
    } as Report;
    expect(breakMoment(failed, withFault).seconds).toBe(report.steps[3]?.endedAt);
    const calm = { ...report, steps: report.steps.map((step) => ({ ...step, failedRequests: 0 })) } as Report;
    expect(breakMoment(calm, candidate).seconds).toBe(0);
  });
});
