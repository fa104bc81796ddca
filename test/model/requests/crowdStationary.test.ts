import { describe, expect, it } from 'vitest';
import { Crowd } from '../../../src/model/requests/crowd.ts';
import { Kernel } from '../../../src/sim/kernel.ts';

const THINK_MS = 300_000;
const RESPONSE_MS = 400;
const MINUTE_MS = 60_000;

/**
 * A crowd whose every request is answered RESPONSE_MS after it is issued, counted per minute: the
 * closed loop of the twin with a fixed response time, so its stationary rate is N/(Z+R).
 */
function answeringCrowd(seed: number) {
  const kernel = new Kernel({ seed });
  const perMinute: number[] = [];
  const holder: { crowd?: Crowd } = {};
  const crowd = new Crowd(kernel, 100_000, 2_000, (_kind, _page, user) => {
    const minute = Math.floor(kernel.nowMs / MINUTE_MS);
    perMinute[minute] = (perMinute[minute] ?? 0) + 1;
    holder.crowd?.userContinues(user, kernel.nowMs + RESPONSE_MS);
  });
  holder.crowd = crowd;
  return { kernel, crowd, perMinute };
}

describe('a closed crowd starts stationary', () => {
  it('a constant crowd issues N/(Z+R) a second from its first minute (within 3 % over 10 minutes)', () => {
    const users = 30_000;
    const { kernel, crowd, perMinute } = answeringCrowd(11);
    crowd.setCrowd({ users, thinkTimeMs: THINK_MS, mix: { page: 1 } });
    kernel.run({ untilMs: 10 * MINUTE_MS });
    // 30,000 / 300.4 s = 99.87 a second, 59,920 in 10 minutes; a uniform first wait gave +24.8 %.
    const expected = (users / ((THINK_MS + RESPONSE_MS) / 1000)) * 600;
    const issued = perMinute.reduce((sum, count) => sum + count, 0);
    expect(Math.abs(issued / expected - 1)).toBeLessThan(0.03);
    // And minute by minute: the first minute carries no burst (each ≈ 5,992, Poisson spread ≈ 1.3 %).
    for (const count of perMinute) expect(Math.abs(count / (expected / 10) - 1)).toBeLessThan(0.05);
  });

  it('the rate follows the crowd size: twice the users, twice the requests in the first minutes', () => {
    const counts = [10_000, 20_000].map((users) => {
      const { kernel, crowd, perMinute } = answeringCrowd(12);
      crowd.setCrowd({ users, thinkTimeMs: THINK_MS, mix: { page: 1 } });
      kernel.run({ untilMs: 2 * MINUTE_MS });
      return (perMinute[0] ?? 0) + (perMinute[1] ?? 0);
    });
    expect((counts[1] as number) / (counts[0] as number)).toBeGreaterThan(1.9);
    expect((counts[1] as number) / (counts[0] as number)).toBeLessThan(2.1);
  });

  it('a ramp in steps adds each step’s share at once, with no spike after a step', () => {
    // 3,000 more users each minute for 10 minutes: minute m has 3,000 (m + 1) users, so it should
    // issue 3,000 (m + 1) × 60 / 300.4 requests. A uniform first wait made each step's cohort
    // issue up to twice its share during its first think time.
    const step = 3_000;
    const { kernel, crowd, perMinute } = answeringCrowd(13);
    for (let minute = 0; minute < 10; minute++)
      kernel.scheduleCallbackAt(minute * MINUTE_MS, () =>
        crowd.setCrowd({ users: step * (minute + 1), thinkTimeMs: THINK_MS, mix: { page: 1 } }),
      );
    kernel.run({ untilMs: 10 * MINUTE_MS });
    let expectedTotal = 0;
    let issuedTotal = 0;
    perMinute.forEach((count, minute) => {
      const expected = (step * (minute + 1) * 60) / ((THINK_MS + RESPONSE_MS) / 1000);
      expectedTotal += expected;
      issuedTotal += count;
      // Poisson spread of the smallest minute (≈ 600) is 4 %; four of them is well past chance.
      expect(Math.abs(count / expected - 1)).toBeLessThan(minute === 0 ? 0.16 : 0.1);
    });
    expect(Math.abs(issuedTotal / expectedTotal - 1)).toBeLessThan(0.03);
  });
});
