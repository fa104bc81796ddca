import { describe, expect, it } from 'vitest';
import { lastHealMs, stuckParts } from '../../../src/scenarios/check/liveness.ts';
import type { Report } from '../../../src/scenarios/report.ts';

/** A report reduced to what liveness reads: the run's length and each part's states. */
function report(finalState: string): Report {
  return {
    durationSeconds: 3600,
    parts: {
      web1: {
        kind: 'vm',
        utilisationPeak: 0,
        states: [
          { at: 0, state: 'running' },
          { at: 600, state: finalState },
        ],
      },
      mini1: { kind: 'cdnNode', utilisationPeak: 0, states: [{ at: 0, state: 'up' }] },
    },
  } as unknown as Report;
}

const crash = { kind: 'vm-crash', target: 'web1', atMs: 600_000, durationMs: 0 } as const;

describe('liveness after healing', () => {
  it('reports a part left away from where the fault-free run ends, once the bound has passed', () => {
    const stuck = stuckParts(report('stopped'), report('running'), [crash], 300_000);
    expect(stuck).toHaveLength(1);
    expect(stuck[0]).toContain('web1 is still stopped (not running)');
  });

  it('says nothing when the part came back, or when the bound has not passed by the end of the run', () => {
    expect(stuckParts(report('running'), report('running'), [crash], 300_000)).toEqual([]);
    // 50 min from the crash to the end of the run: a bound of an hour has not passed.
    expect(stuckParts(report('stopped'), report('running'), [crash], 3_600_000)).toEqual([]);
  });

  it('counts a lasting fault as healed at its end', () => {
    expect(lastHealMs([crash, { ...crash, atMs: 60_000, durationMs: 900_000 }])).toBe(960_000);
  });

  it('reads only the top level of a state: a throttled Pi is up', () => {
    expect(stuckParts(report('up.throttled'), report('up.cool'), [crash], 300_000)).toEqual([]);
  });
});
