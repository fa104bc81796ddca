import { describe, expect, it } from 'vitest';
import { capacityLoadOf, loadAt, loadText } from '../../../src/scenarios/capacity/capacityLoad.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

const zero: Scenario = loadScenarioFile(findBuiltinScenario('pi-zero-launch')!.path);
const HOUR_MS = 3_600_000;
/** A ramp of anonymous arrivals from 10/s to 50/s (rates held in requests per ms). */
const arrivals = { rate: { shape: 'ramp', from: 0.01, to: 0.05, start: 0, over: HOUR_MS } } as const;

function workload(users: number, withArrivals: boolean): Scenario['workload'] {
  return {
    ...zero.workload,
    crowd: { shape: 'constant', users },
    ...(withArrivals ? { arrivals } : {}),
  } as Scenario['workload'];
}

describe('what a capacity answer is counted in', () => {
  it('counts an open workload (arrivals, a crowd of 0) in requests per second at the peak', () => {
    const load = capacityLoadOf(workload(0, true));
    expect(load).toEqual({ kind: 'arrivals', peakAtScale1: 50 });
    expect(loadAt(load, 1.5)).toBe(75);
    expect(loadText(load, 1.234)).toBe('61.7 req/s');
  });

  it('counts a crowd in users, with or without arrivals beside it', () => {
    expect(capacityLoadOf(workload(1200, true))).toEqual({ kind: 'users', peakAtScale1: 1200 });
    const load = capacityLoadOf(workload(1200, false));
    expect(loadText(load, 2.5)).toBe('3,000 users');
    expect(capacityLoadOf(zero.workload).kind).toBe('users');
  });

  it('counts a workload with neither in users (0 of them), not as arrivals', () => {
    expect(capacityLoadOf(workload(0, false))).toEqual({ kind: 'users', peakAtScale1: 0 });
  });
});
