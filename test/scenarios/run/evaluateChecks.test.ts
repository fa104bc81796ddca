import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../../../src/scenarios/run/evaluateChecks.ts';
import type { Measurements } from '../../../src/scenarios/run/measurements.ts';
import type { Check } from '../../../src/scenarios/schema/index.ts';

const HOUR_MS = 3_600_000;

function measurements(overrides: Partial<Measurements> = {}): Measurements {
  return {
    services: {
      www: {
        requests: 1000,
        answered: 996,
        failed: 3,
        timedOut: 1,
        failedWrites: 1,
        downSeconds: 2,
        erroredSeconds: 2,
        availability: 0.99,
        latencyMs: { p50: 20, p95: 300, p99: 900 },
        latencyAnsweredMs: { p50: 20, p95: 300, p99: 900 },
      },
    },
    adminDowntimeMs: 20 * 60_000,
    // At a threshold of 5 % only one of the two down seconds (the one with 10 % failed) counts.
    downSeconds: (_service, share) => (share >= 0.1 ? 0 : share >= 0.05 ? 1 : 2),
    availability: (_service, objectiveMs) => (objectiveMs >= 1000 ? 0.99 : 0.5),
    dbInterruptionLongestMs: 3200,
    lostWrites: 0,
    splitBrainMs: 0,
    utilisationPeak: (id) => (id === 'web1' ? 0.18 : undefined),
    temperaturePeakCelsius: (id) => (id === 'shelf1' ? 81 : undefined),
    firstTimeAtCelsiusMs: (id, celsius) => (id === 'shelf1' && celsius <= 80 ? 7 * HOUR_MS : undefined),
    crashes: (id) => (id === 'pi1' ? 2 : undefined),
    requestShare: (ids) => (ids.includes('pi3') ? 1 / 12 : 0),
    timeOfMs: (name) => (name === 'fans-fail' ? HOUR_MS : undefined),
    planStartMs: 600_000,
    planEndMs: 600_000 + 3 * HOUR_MS,
    ...overrides,
  };
}

describe('evaluateChecks', () => {
  it('passes inside inclusive bounds and fails outside, reporting durations in seconds and shares in percent', () => {
    const checks: Check[] = [
      { check: 'db-interruption', name: 'DB interruption under 5 s', max: 5000 },
      { check: 'user-downtime', name: 'No downtime', max: 0 },
      { check: 'utilisation', name: 'web1 at 10-25%', part: 'web1', min: 0.1, max: 0.25 },
      { check: 'failed-requests', name: 'At most 4 failed', max: 4 },
      { check: 'plan-duration', name: 'About three hours', min: 2 * HOUR_MS, max: 3.5 * HOUR_MS },
    ];
    const results = evaluateChecks(checks, measurements());
    expect(results.map((result) => [result.name, result.ok, result.actual, result.limit])).toEqual([
      ['DB interruption under 5 s', true, 3.2, '≤ 5 s'],
      ['No downtime', false, 2, '≤ 0 s'],
      ['web1 at 10-25%', true, 18, '≥ 10 % and ≤ 25 %'],
      ['At most 4 failed', true, 4, '≤ 4'],
      ['About three hours', true, 10_800, '≥ 7200 s and ≤ 12600 s'],
    ]);
  });

  it("measures downtime and availability at a check's own objectives", () => {
    const checks: Check[] = [
      { check: 'user-downtime', name: 'Down at the slo', max: 1000 },
      { check: 'user-downtime', name: 'Down at 5 %', max: 1000, errorThreshold: 0.05 },
      { check: 'availability', name: 'Available', min: 0.99 },
      { check: 'availability', name: 'Available within 0.5 s', min: 0.99, latencyObjective: 500 },
    ];
    const results = evaluateChecks(checks, measurements());
    expect(results.map((result) => [result.name, result.ok, result.actual])).toEqual([
      ['Down at the slo', false, 2],
      ['Down at 5 %', true, 1],
      ['Available', true, 99],
      ['Available within 0.5 s', false, 50],
    ]);
  });

  it('times a temperature from the named fault', () => {
    const [result] = evaluateChecks(
      [
        {
          check: 'time-to-temperature',
          name: 'six hours',
          part: 'shelf1',
          temperature: 80,
          since: 'fans-fail',
          min: 5 * HOUR_MS,
          max: 7 * HOUR_MS,
        },
      ],
      measurements(),
    );
    expect(result).toMatchObject({ ok: true, actual: 6 * 3600 });
  });

  it('fails a check whose quantity was never measured, and says why', () => {
    const results = evaluateChecks(
      [
        { check: 'time-to-temperature', name: 'never hot', part: 'shelf1', temperature: 95, max: HOUR_MS },
        { check: 'crashes', name: 'no crash', part: 'web9', max: 0 },
        { check: 'plan-duration', name: 'plan', max: HOUR_MS },
      ],
      measurements({ planEndMs: undefined }),
    );
    expect(results.map((result) => [result.ok, result.actual, result.detail])).toEqual([
      [false, 'not measured', 'shelf1 never reached 95 °C'],
      [false, 'not measured', 'web9 cannot crash'],
      [false, 'not measured', 'the plan did not finish'],
    ]);
  });

  it('reads "at least" checks: the crash a scenario expects', () => {
    const [result] = evaluateChecks(
      [{ check: 'crashes', name: 'the SD Pi crashes', part: 'pi1', min: 1 }],
      measurements(),
    );
    expect(result).toMatchObject({ ok: true, actual: 2, limit: '≥ 1' });
  });

  it('counts failed reads and failed writes apart: a write caught in a DB switch is not a failed page view', () => {
    const results = evaluateChecks(
      [
        { check: 'failed-requests', name: 'reads', requests: 'reads', max: 0 },
        { check: 'failed-requests', name: 'writes', requests: 'writes', max: 0 },
        { check: 'failed-requests', name: 'all', requests: 'all', max: 0 },
      ],
      measurements(),
    );
    expect(results.map((result) => result.actual)).toEqual([3, 1, 4]);
  });
});
