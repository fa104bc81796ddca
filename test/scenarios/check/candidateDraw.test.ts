import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateDraw } from '../../../src/scenarios/check/candidateDraw.ts';
import type { Candidate } from '../../../src/scenarios/check/candidate.ts';

/** A stand-in arbitrary with the Candidate's shape, so the draw's order is what is tested. */
const arbitrary: fc.Arbitrary<Candidate> = fc.record({
  seed: fc.nat(),
  faults: fc.constant([]),
  stepPausesMs: fc.array(fc.nat(60_000), { maxLength: 3 }),
  crowdPercent: fc.integer({ min: 80, max: 120 }),
});

describe('CandidateDraw', () => {
  it('gives, chunk by chunk, the candidates fast-check draws in one go, so an index is a path', () => {
    const straight: Candidate[] = [];
    fc.check(
      fc.property(arbitrary, (candidate) => {
        straight.push(candidate);
        return true;
      }),
      { seed: 5, numRuns: 600 },
    );
    const draw = new CandidateDraw(arbitrary, 5);
    // Across chunk boundaries (256, 512), forward only as the search reads.
    expect([...draw.slice(0, 8), ...draw.slice(250, 12), ...draw.slice(590, 10)]).toEqual([
      ...straight.slice(0, 8),
      ...straight.slice(250, 262),
      ...straight.slice(590, 600),
    ]);
    // Another seed draws other candidates.
    expect(new CandidateDraw(arbitrary, 6).slice(0, 8)).not.toEqual(straight.slice(0, 8));
  });
});
