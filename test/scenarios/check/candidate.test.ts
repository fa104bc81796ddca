import { describe, expect, it } from 'vitest';
import { scenarioFor } from '../../../src/scenarios/check/candidate.ts';
import { scenario } from '../faults/support.ts';

const base = scenario(`plan:
  - { name: Shut down web2, action: shutdown, at: 2m, vm: web2, mode: graceful }
  - { name: Start web2, action: start, vm: web2 }
`);

describe('a candidate applied to a scenario', () => {
  it('scales the crowd by its percentage', () => {
    const users = (percent: number) => {
      const crowd = scenarioFor(base, { seed: 1, faults: [], stepPausesMs: [0, 0], crowdPercent: percent })
        .workload.crowd;
      return crowd.shape === 'constant' ? crowd.users : Number.NaN;
    };
    expect(users(100)).toBe(300);
    expect(users(50)).toBe(150);
    expect(users(120)).toBe(360);
  });

  it('delays a timed step by its pause, and puts a wait before a step that follows another', () => {
    const plan =
      scenarioFor(base, { seed: 1, faults: [], stepPausesMs: [5000, 7000], crowdPercent: 100 }).plan ?? [];
    expect(plan.map((step) => [step.action, step.at, step.duration])).toEqual([
      ['shutdown', 125_000, undefined],
      ['wait', undefined, 7000],
      ['start', undefined, undefined],
    ]);
  });

  it("adds the drawn faults to the scenario's own, with the fields their kind has", () => {
    const faults = scenarioFor(base, {
      seed: 9,
      faults: [
        { kind: 'vm-crash', target: 'web1', atMs: 1000, durationMs: 0 },
        { kind: 'replication-delay', target: 'db2', atMs: 2000, durationMs: 30_000 },
      ],
      stepPausesMs: [0, 0],
      crowdPercent: 100,
    }).faults;
    expect(faults).toEqual([
      { kind: 'vm-crash', target: 'web1', at: 1000 },
      { kind: 'replication-delay', target: 'db2', at: 2000, delay: 30_000, duration: 30_000 },
    ]);
  });
});
