import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CumulativeWeights } from '../../src/model/cumulativeWeights.ts';
import { checkProperty } from '../support/property.ts';

/** The choice the CDN node made before: scan the list, subtracting each weight from draw × total. */
function linearScan(weights: readonly number[], uniform01: number, excluded: number): number | undefined {
  const used = weights.map((weight, index) => (index === excluded ? 0 : weight));
  const total = used.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return undefined;
  let remaining = uniform01 * total;
  for (let index = 0; index < used.length; index++) {
    remaining -= used[index] as number;
    if (remaining < 0) return index;
  }
  for (let index = used.length - 1; index >= 0; index--) if ((used[index] as number) > 0) return index;
  return undefined;
}

const uniform = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('CumulativeWeights: a weighted choice by binary search over running totals', () => {
  it('chooses exactly what the linear scan chose, for whole-number weights, with or without an excluded item', () => {
    checkProperty(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 60 }),
        uniform,
        fc.integer({ min: -1, max: 59 }),
        (weights, uniform01, excludedRaw) => {
          const excluded = excludedRaw < weights.length ? excludedRaw : -1;
          expect(new CumulativeWeights(weights).pick(uniform01, excluded)).toBe(
            linearScan(weights, uniform01, excluded),
          );
        },
      ),
      1_000,
    );
  });

  it('agrees at the exact boundaries between items, where a draw lands on a running total', () => {
    const weights = [3, 1, 4, 1, 5];
    const chooser = new CumulativeWeights(weights);
    for (let step = 0; step < 14; step++) {
      const uniform01 = step / 14;
      expect(chooser.pick(uniform01)).toBe(linearScan(weights, uniform01, -1));
      expect(chooser.pick(uniform01, 2)).toBe(linearScan(weights, uniform01, 2));
    }
  });

  it('shares draws in proportion to weight: tripling one item’s weight triples its share', () => {
    const share = (weights: number[]): number => {
      const chooser = new CumulativeWeights(weights);
      let hits = 0;
      for (let step = 0; step < 10_000; step++) if (chooser.pick((step + 0.5) / 10_000) === 1) hits++;
      return hits / 10_000;
    };
    expect(share([1, 1, 2])).toBeCloseTo(0.25, 3);
    expect(share([1, 3, 2])).toBeCloseTo(0.5, 3);
  });

  it('never chooses the excluded item, and has nothing to choose when it was the only one', () => {
    const chooser = new CumulativeWeights([2, 5, 1]);
    for (let step = 0; step < 100; step++) expect(chooser.pick(step / 100, 1)).not.toBe(1);
    expect(new CumulativeWeights([4]).pick(0.3, 0)).toBeUndefined();
    expect(new CumulativeWeights([]).pick(0.3)).toBeUndefined();
  });
});
