import { describe, expect, it } from 'vitest';
import { assertPlanHolds, checkPlan, planMatchers } from 'estate-twin/testing';

expect.extend(planMatchers);

const broken = 'test/scenarios/check/fixtures/web-move-broken.yaml';
const fixed = 'test/scenarios/check/fixtures/web-move-fixed.yaml';

describe('estate-twin/testing', () => {
  it('holds for the fixed plan, with every step × fault kind cell reached', async () => {
    const result = await checkPlan(fixed, { runs: 30, seed: 3, minCoverage: 1 });
    expect(result.coverageReached).toBe(1);
    expect(result).toHold();
    expect(() => assertPlanHolds(result)).not.toThrow();
  });

  it('fails the broken plan with the replay line in the message', async () => {
    const result = await checkPlan(broken, { runs: 20, seed: 1, shrinkTimeMs: 600_000 });
    expect(result.holds).toBe(false);
    expect(result.counterexample?.faults).toEqual([]);
    expect(() => assertPlanHolds(result)).toThrow(/npx twin replay [A-Za-z0-9_-]+/);
    expect(() => expect(result).toHold()).toThrow(/No failed page views/);
  });
});

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vitest declares it so; a merge must match
  interface Matchers<T = any> {
    toHold(): T;
  }
}
