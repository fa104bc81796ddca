import { describe, expect, it } from 'vitest';
import { scaleScenario } from '../../../src/scenarios/capacity/scaleScenario.ts';
import { expectedArrivals } from '../../../src/scenarios/run/arrivalCurve.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

const zero: Scenario = loadScenarioFile(findBuiltinScenario('pi-zero-launch')!.path);
const HOUR_MS = 3_600_000;

/** The Pi Zero launch with anonymous launch arrivals beside its crowd (rates in requests per ms). */
const withArrivals: Scenario = {
  ...zero,
  workload: {
    ...zero.workload,
    arrivals: { rate: { shape: 'ramp', from: 0.01, to: 0.05, start: 0, over: HOUR_MS } },
  } as Scenario['workload'],
};

describe('scaleScenario on an open workload', () => {
  it('scales the arrival rate with the crowd, keeping the curve’s times', () => {
    const base = expectedArrivals(withArrivals.workload.arrivals!.rate, HOUR_MS);
    const doubled = scaleScenario(withArrivals, 2);
    const halved = scaleScenario(withArrivals, 0.5);
    expect(expectedArrivals(doubled.workload.arrivals!.rate, HOUR_MS)).toBeCloseTo(2 * base, 6);
    expect(expectedArrivals(halved.workload.arrivals!.rate, HOUR_MS)).toBeCloseTo(0.5 * base, 6);
    expect(doubled.workload.arrivals!.rate).toMatchObject({ shape: 'ramp', start: 0, over: HOUR_MS });
  });

  it('leaves a workload without arrivals without them', () => {
    expect(scaleScenario(zero, 3).workload.arrivals).toBeUndefined();
  });
});
