import { describe, expect, it } from 'vitest';
import { crowdSteps, peakUsers, usersAt } from '../../../src/scenarios/run/crowdCurve.ts';
import type { Crowd } from '../../../src/scenarios/schema/index.ts';

const HOUR_MS = 3_600_000;
// The Pi Zero launch's shape: 10,000 simultaneous users at the peak (003_fadcec8afe75cc12.txt).
const launch: Crowd = {
  shape: 'launch',
  baseline: 1000,
  peak: 10_000,
  at: HOUR_MS,
  rampUp: HOUR_MS / 2,
  hold: HOUR_MS,
  decay: 2 * HOUR_MS,
};

describe('usersAt', () => {
  it('follows a launch: baseline, linear rise, hold at the peak, exponential decay', () => {
    expect(usersAt(launch, 0)).toBe(1000);
    expect(usersAt(launch, 1.25 * HOUR_MS)).toBe(5500);
    expect(usersAt(launch, 2 * HOUR_MS)).toBe(10_000);
    expect(usersAt(launch, 4.5 * HOUR_MS)).toBeCloseTo(1000 + 9000 / 2, 6);
    expect(peakUsers(launch)).toBe(10_000);
  });

  it('follows a ramp and holds its end', () => {
    const ramp: Crowd = { shape: 'ramp', from: 100, to: 300, start: 1000, over: 2000 };
    expect([0, 1000, 2000, 3000, 9000].map((time) => usersAt(ramp, time))).toEqual([100, 100, 200, 300, 300]);
  });

  it('steps only where the rounded crowd changes, and says where its bound cut it', () => {
    expect(crowdSteps({ shape: 'constant', users: 42 }, 10 * HOUR_MS, 60_000)).toEqual({
      steps: [{ atMs: 0, users: 42 }],
    });
    const { steps } = crowdSteps(launch, 12 * HOUR_MS, 60_000);
    expect(steps[0]).toEqual({ atMs: 0, users: 1000 });
    expect(Math.max(...steps.map((step) => step.users))).toBe(10_000);
    const cut = crowdSteps(launch, 12 * HOUR_MS, 1, 50);
    expect(cut.steps).toHaveLength(1);
    expect(cut.truncatedAtMs).toBe(49);
    // A crowd that would not change after the cut is not reported as cut.
    expect(crowdSteps({ shape: 'constant', users: 42 }, 12 * HOUR_MS, 1, 50).truncatedAtMs).toBeUndefined();
  });

  it('reaches a peak shorter than a step', () => {
    const brief: Crowd = {
      shape: 'launch',
      baseline: 100,
      peak: 10_000,
      at: 610_000,
      rampUp: 20_000,
      decay: 30_000,
    };
    const { steps } = crowdSteps(brief, HOUR_MS, 60_000);
    expect(steps).toContainEqual({ atMs: 630_000, users: 10_000 });
  });
});
