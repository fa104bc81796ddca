import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/scenarios/sweep/canonical.ts';
import {
  bucketBounds,
  bucketKey,
  emptyHistogram,
  mergeHistograms,
  quantile,
  singleValue,
  spread,
  toMicro,
} from '../../../src/scenarios/sweep/histogram.ts';
import type { Histogram } from '../../../src/scenarios/sweep/histogram.ts';
import { checkProperty } from '../../support/property.ts';

const figure = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true }),
);
const histogramOf = (values: readonly number[]): Histogram =>
  values.map(singleValue).reduce(mergeHistograms, emptyHistogram());

describe('mergeable histogram', () => {
  it('merges commutatively and associatively, to the same bytes', () => {
    checkProperty(
      fc.property(fc.array(figure), fc.array(figure), fc.array(figure), (xs, ys, zs) => {
        const [a, b, c] = [histogramOf(xs), histogramOf(ys), histogramOf(zs)];
        const left = canonicalJson(mergeHistograms(mergeHistograms(a, b), c));
        expect(canonicalJson(mergeHistograms(a, mergeHistograms(b, c)))).toBe(left);
        expect(canonicalJson(mergeHistograms(mergeHistograms(c, a), b))).toBe(left);
      }),
    );
  });

  it('is the same whatever order the values arrive in', () => {
    checkProperty(
      fc.property(fc.array(figure, { minLength: 1 }), fc.nat(), (values, shift) => {
        const rotated = values.map((_, index) => values[(index + shift) % values.length] as number);
        expect(canonicalJson(histogramOf(rotated))).toBe(canonicalJson(histogramOf(values)));
      }),
    );
  });

  it('puts each value in a bucket whose bounds hold it and whose key grows with the value', () => {
    checkProperty(
      fc.property(figure, figure, (x, y) => {
        const [microX, microY] = [toMicro(x), toMicro(y)];
        const { low, high } = bucketBounds(bucketKey(microX));
        expect(low <= microX && microX <= high).toBe(true);
        if (microX < microY) expect(bucketKey(microX)).toBeLessThanOrEqual(bucketKey(microY));
      }),
    );
  });

  it('gives percentiles within a bucket (1/128 of the value, or a micro-unit) of the exact nearest rank', () => {
    checkProperty(
      fc.property(
        fc.array(figure, { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
          const estimate = quantile(histogramOf(values), q);
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(Math.abs(exact) / 128 + 2e-6);
        },
      ),
    );
  });

  it('keeps min, max and mean exact and narrows the interval as runs add up', () => {
    const few = spread(histogramOf([10, 12, 14, 16]));
    expect(few.min).toBe(10);
    expect(few.max).toBe(16);
    expect(few.mean).toBe(13);
    const many = spread(histogramOf(Array.from({ length: 64 }, (_, index) => 10 + 2 * (index % 4))));
    expect(many.mean).toBe(13);
    // Sixteen times the runs with the same spread: the interval is about a quarter as wide.
    expect(many.meanCi95 / few.meanCi95).toBeGreaterThan(0.15);
    expect(many.meanCi95 / few.meanCi95).toBeLessThan(0.3);
    expect(spread(histogramOf([5])).meanCi95).toBe(0);
  });
});
