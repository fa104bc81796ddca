import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/scenarios/sweep/canonical.ts';
import { singleValue } from '../../../src/scenarios/sweep/histogram.ts';
import { emptyPointSummary, mergePointSummaries } from '../../../src/scenarios/sweep/pointSummary.ts';
import {
  checkDeterminism,
  DeterminismError,
  mergeAllParts,
  mergeParts,
  missingFromPart,
  PartMismatchError,
} from '../../../src/scenarios/sweep/sweepPart.ts';
import type { SweepPart } from '../../../src/scenarios/sweep/sweepPart.ts';
import { checkProperty } from '../../support/property.ts';

/** A part for seeds from..to as a job would make it: one figure per seed, a failed check on odd seeds. */
function partFor(from: number, to: number): SweepPart {
  let summary = emptyPointSummary();
  for (let seed = from; seed <= to; seed++) {
    const failed = seed % 2 === 1;
    summary = mergePointSummaries(summary, {
      runs: 1,
      figures: { 'www.requests': singleValue(1000 + ((seed * 7919) % 513) / 3) },
      checks: { 'No downtime': { pass: failed ? 0 : 1, fail: failed ? 1 : 0 } },
      failingSeeds: failed ? { 'No downtime': { count: 1, seeds: [seed] } } : {},
    });
  }
  return { sweepId: 'sweep', points: { 0: summary }, covered: [[0, from, to]], traceHashes: {} };
}

describe('sweep parts', () => {
  it('merge to the same bytes however the seeds were cut into jobs and whatever order they finished in', () => {
    const whole = canonicalJson(partFor(1, 60));
    checkProperty(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 59 }), { maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (cuts, order) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), 60];
          const parts = bounds.slice(1).map((to, index) => partFor((bounds[index] as number) + 1, to));
          const shuffled: SweepPart[] = [];
          const remaining = [...parts];
          const draws = order[Symbol.iterator]();
          while (remaining.length > 0)
            shuffled.push(...remaining.splice((draws.next().value as number) % remaining.length, 1));
          expect(canonicalJson(mergeAllParts(shuffled))).toBe(whole);
        },
      ),
      100,
    );
  });

  it('refuses seeds covered twice and parts of another sweep', () => {
    expect(() => mergeParts(partFor(1, 10), partFor(5, 12))).toThrow(PartMismatchError);
    expect(() => mergeParts(partFor(1, 10), { ...partFor(11, 12), sweepId: 'other' })).toThrow(
      PartMismatchError,
    );
  });

  it('says which seeds are missing', () => {
    const merged = mergeParts(partFor(1, 10), partFor(21, 30));
    expect(missingFromPart(merged, 1, 1, 40)).toEqual([
      'grid point 0: seeds 11..20',
      'grid point 0: seeds 31..40',
    ]);
    expect(missingFromPart(mergeParts(merged, partFor(11, 20)), 1, 1, 30)).toEqual([]);
  });

  it('fails loudly, with the seed and both hashes, when a seed run twice traced differently', () => {
    const first = { ...partFor(1, 10), traceHashes: { '0:3': { first: 'a'.repeat(64) } } };
    const second = { ...partFor(11, 20), traceHashes: { '0:3': { second: 'b'.repeat(64) } } };
    const merged = mergeParts(first, second);
    expect(() => checkDeterminism(merged)).toThrow(DeterminismError);
    expect(() => checkDeterminism(merged)).toThrow(/seed 3 .*\n\s+a{64}\n\s+b{64}/);
    const agreeing = mergeParts(first, { ...second, traceHashes: { '0:3': { second: 'a'.repeat(64) } } });
    expect(checkDeterminism(agreeing)).toBe(1);
  });
});
