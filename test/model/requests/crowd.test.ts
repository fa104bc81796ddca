import { describe, expect, it } from 'vitest';
import { Crowd, cumulativeMix } from '../../../src/model/requests/crowd.ts';
import { REQUEST_KINDS } from '../../../src/model/requests/types.ts';
import { Kernel } from '../../../src/sim/kernel.ts';

/** A crowd whose requests are only counted (by kind and user). */
function countingCrowd(usersMax = 1_000) {
  const kernel = new Kernel({ seed: 7 });
  const issued: { kind: number; page: number; user: number }[] = [];
  const crowd = new Crowd(kernel, usersMax, 2_000, (kind, page, user) => issued.push({ kind, page, user }));
  return { kernel, crowd, issued };
}

describe('the crowd', () => {
  it('open arrivals come at their rate: twice the rate, about twice the requests', () => {
    const counts = [50, 100].map((ratePerSecond) => {
      const { kernel, crowd, issued } = countingCrowd();
      crowd.addOpenLoad({ ratePerSecond, mix: { page: 1 } });
      kernel.run({ untilMs: 100_000 });
      return issued.length;
    });
    // 5,000 and 10,000 expected; a Poisson count's spread is its square root (about 1–1.5 %).
    expect(counts[0]).toBeGreaterThan(4_800);
    expect(counts[0]).toBeLessThan(5_200);
    expect((counts[1] as number) / (counts[0] as number)).toBeGreaterThan(1.9);
    expect((counts[1] as number) / (counts[0] as number)).toBeLessThan(2.1);
  });

  it('an open load set to rate 0 stops, and starts again when given a rate', () => {
    const { kernel, crowd, issued } = countingCrowd();
    const handle = crowd.addOpenLoad({ ratePerSecond: 100, mix: { page: 1 } });
    kernel.run({ untilMs: 10_000 });
    crowd.setOpenLoadRate(handle, 0);
    kernel.run({ untilMs: 20_000 });
    const stopped = issued.length;
    kernel.run({ untilMs: 30_000 });
    expect(issued.length).toBe(stopped);
    crowd.setOpenLoadRate(handle, 100);
    kernel.run({ untilMs: 40_000 });
    expect(issued.length - stopped).toBeGreaterThan(900);
  });

  it('a raised rate takes effect at once, not after an arrival drawn at the old rate', () => {
    const { kernel, crowd, issued } = countingCrowd();
    // At 1 an hour the next arrival is most likely far off; a launch must not wait for it.
    const handle = crowd.addOpenLoad({ ratePerSecond: 1 / 3600, mix: { page: 1 } });
    kernel.run({ untilMs: 1_000 });
    const before = issued.length;
    crowd.setOpenLoadRate(handle, 500);
    kernel.run({ untilMs: 11_000 });
    // 5,000 expected in the 10 s after the change; a Poisson count's spread is about 1.4 %.
    expect(issued.length - before).toBeGreaterThan(4_800);
    expect(issued.length - before).toBeLessThan(5_200);
  });

  it('a lowered rate takes effect at once too', () => {
    const { kernel, crowd, issued } = countingCrowd();
    const handle = crowd.addOpenLoad({ ratePerSecond: 500, mix: { page: 1 } });
    kernel.run({ untilMs: 1_000 });
    crowd.setOpenLoadRate(handle, 5);
    const before = issued.length;
    kernel.run({ untilMs: 101_000 });
    expect(issued.length - before).toBeGreaterThan(420);
    expect(issued.length - before).toBeLessThan(580);
  });

  it('a closed user asks once, then again only after their outcome and a think time', () => {
    const { kernel, crowd, issued } = countingCrowd();
    crowd.setCrowd({ users: 10, thinkTimeMs: 1_000, mix: { page: 1 } });
    kernel.run({ untilMs: 60_000 });
    expect(issued.length).toBe(10);
    expect(new Set(issued.map((request) => request.user)).size).toBe(10);
    crowd.userContinues(3, kernel.nowMs);
    kernel.run({ untilMs: 120_000 });
    expect(issued.length).toBe(11);
    expect(issued[10]?.user).toBe(3);
  });

  it('a shrunk crowd lets the users past its size go', () => {
    const { kernel, crowd, issued } = countingCrowd();
    crowd.setCrowd({ users: 10, thinkTimeMs: 0, mix: { page: 1 } });
    kernel.run({ untilMs: 1 });
    crowd.setCrowd({ users: 2, thinkTimeMs: 0, mix: { page: 1 } });
    for (let user = 0; user < 10; user++) crowd.userContinues(user, kernel.nowMs);
    kernel.run({ untilMs: 1_000 });
    expect(issued.slice(10).map((request) => request.user)).toEqual([0, 1]);
  });

  it('draws kinds in proportion to the mix, and popular pages more often', () => {
    const { kernel, crowd, issued } = countingCrowd();
    crowd.addOpenLoad({ ratePerSecond: 1_000, mix: { page: 3, comment: 1 } });
    kernel.run({ untilMs: 20_000 });
    const comments = issued.filter((request) => request.kind === REQUEST_KINDS.indexOf('comment')).length;
    expect(comments / issued.length).toBeGreaterThan(0.23);
    expect(comments / issued.length).toBeLessThan(0.27);
    expect(issued.every((request) => request.kind !== REQUEST_KINDS.indexOf('admin'))).toBe(true);
    // page = floor(2000 u³): half the requests go to the first 2000 / 8 = 250 pages.
    const popular = issued.filter((request) => request.page < 250).length;
    expect(popular / issued.length).toBeGreaterThan(0.47);
    expect(popular / issued.length).toBeLessThan(0.53);
  });

  it('refuses a crowd past usersMax as a limit, and a mix with no weight', () => {
    const { crowd } = countingCrowd(5);
    expect(() => crowd.setCrowd({ users: 6, thinkTimeMs: 0, mix: { page: 1 } })).toThrow(/usersMax/);
    expect(() => cumulativeMix({ page: 0 })).toThrow(/positive weight/);
    expect(() => cumulativeMix({ page: -1 })).toThrow(/finite and ≥ 0/);
  });
});
