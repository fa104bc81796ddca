import { describe, expect, it } from 'vitest';
import {
  expectedArrivals,
  peakRatePerSecond,
  ratePerSecondAt,
  scaleArrivalCurve,
  scaleArrivals,
} from '../../../src/scenarios/run/arrivalCurve.ts';
import { ARRIVAL_STEP_MS, nextStepMs } from '../../../src/scenarios/run/arrivalDriver.ts';
import type { ArrivalCurve } from '../../../src/scenarios/schema/index.ts';

const MINUTE_MS = 60_000;
/** Rates are held per millisecond, as the schema parses `50/s`. */
const perSecond = (rate: number): number => rate / 1000;

const launch: ArrivalCurve = {
  shape: 'launch',
  baseline: perSecond(10),
  peak: perSecond(300),
  at: 10 * MINUTE_MS,
  rampUp: 0,
  hold: 5 * MINUTE_MS,
  decay: 20 * MINUTE_MS,
};

describe('arrival curves', () => {
  it('a launch spike jumps at once, holds, then halves every half-life towards the baseline', () => {
    expect(ratePerSecondAt(launch, 9 * MINUTE_MS)).toBeCloseTo(10, 9);
    expect(ratePerSecondAt(launch, 10 * MINUTE_MS + 1)).toBeCloseTo(300, 9);
    expect(ratePerSecondAt(launch, 15 * MINUTE_MS)).toBeCloseTo(300, 9);
    expect(ratePerSecondAt(launch, 35 * MINUTE_MS)).toBeCloseTo(10 + 290 / 2, 6);
    expect(ratePerSecondAt(launch, 55 * MINUTE_MS)).toBeCloseTo(10 + 290 / 4, 6);
    expect(peakRatePerSecond(launch)).toBeCloseTo(300, 9);
  });

  it('a ramp is linear and holds its end; a table gives each minute and holds its last', () => {
    const ramp: ArrivalCurve = {
      shape: 'ramp',
      from: perSecond(0),
      to: perSecond(100),
      start: 0,
      over: 10 * MINUTE_MS,
    };
    expect(ratePerSecondAt(ramp, 5 * MINUTE_MS)).toBeCloseTo(50, 9);
    expect(ratePerSecondAt(ramp, 60 * MINUTE_MS)).toBeCloseTo(100, 9);
    const table: ArrivalCurve = { shape: 'table', perMinute: [perSecond(5), perSecond(20), perSecond(8)] };
    expect([0, 1, 2, 3, 100].map((minute) => ratePerSecondAt(table, minute * MINUTE_MS + 30_000))).toEqual([
      5, 20, 8, 8, 8,
    ]);
    expect(peakRatePerSecond(table)).toBeCloseTo(20, 9);
  });

  it('expected arrivals integrate the rate: a constant 2/s over an hour is 7,200; a table sums its minutes', () => {
    expect(expectedArrivals({ shape: 'constant', rate: perSecond(2) }, 60 * MINUTE_MS)).toBeCloseTo(7200, 6);
    const table: ArrivalCurve = { shape: 'table', perMinute: [perSecond(1), perSecond(2)] };
    expect(expectedArrivals(table, 3 * MINUTE_MS)).toBeCloseTo(60 + 120 + 120, 6);
  });

  it('scaling multiplies every rate and keeps every time (for capacity over open workloads)', () => {
    const doubled = scaleArrivalCurve(launch, 2);
    for (const minute of [0, 10.5, 14, 30, 90])
      expect(ratePerSecondAt(doubled, minute * MINUTE_MS)).toBeCloseTo(
        2 * ratePerSecondAt(launch, minute * MINUTE_MS),
        9,
      );
    const table = scaleArrivals({ rate: { shape: 'table', perMinute: [perSecond(4)] } }, 0.5);
    expect(ratePerSecondAt(table.rate, 0)).toBeCloseTo(2, 9);
    expect(expectedArrivals(scaleArrivalCurve(launch, 3), 120 * MINUTE_MS)).toBeCloseTo(
      3 * expectedArrivals(launch, 120 * MINUTE_MS),
      3,
    );
  });

  it('rate steps fall on the minute grid and at every breakpoint, and end at the run’s end', () => {
    expect(nextStepMs([], 0, 10 * MINUTE_MS)).toBe(ARRIVAL_STEP_MS);
    expect(nextStepMs([90_000], 60_000, 10 * MINUTE_MS)).toBe(90_000);
    expect(nextStepMs([90_000], 90_000, 10 * MINUTE_MS)).toBe(120_000);
    expect(nextStepMs([], 9.5 * MINUTE_MS, 9.75 * MINUTE_MS)).toBe(9.75 * MINUTE_MS);
  });
});
