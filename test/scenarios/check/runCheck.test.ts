import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../../src/scenarios/check/runCheck.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';

const broken = loadScenarioFile(join(import.meta.dirname, 'fixtures/web-move-broken.yaml'));

/** A clock that moves on `stepMs` every time it is read: a budget ends after a known number of reads. */
function steppingClock(stepMs: number): () => number {
  let nowMs = 0;
  return () => (nowMs += stepMs);
}

describe('checkScenario shrinking budget', () => {
  // A budget no loaded machine reaches, so this shrinking runs to its end.
  const fullShrink = checkScenario(broken, { runs: 20, seed: 1, shrinkTimeMs: 900_000 });

  it('shrinks the broken plan to no faults when the budget allows', async () => {
    const result = await fullShrink;
    expect(result.holds).toBe(false);
    expect(result.counterexample?.candidate.faults).toEqual([]);
    expect(result.counterexample?.shrinkInterrupted).toBe(false);
  });

  it('stops shrinking when its budget ends, mid-run, and keeps the smallest failure reached', async () => {
    const full = await fullShrink;
    // Each read of the clock is a simulated second; the runs read it between slices, so the
    // budget ends inside the shrinking's first runs.
    const cut = await checkScenario(broken, {
      runs: 20,
      seed: 1,
      shrinkTimeMs: 150_000,
      clockMs: steppingClock(1000),
    });
    expect(cut.counterexample?.shrinkInterrupted).toBe(true);
    expect(cut.counterexample?.shrinks ?? Infinity).toBeLessThan(full.counterexample?.shrinks ?? 0);
    // What is kept still fails: a counterexample, even if not the smallest.
    expect(cut.counterexample?.failures.length ?? 0).toBeGreaterThan(0);
  });
});
