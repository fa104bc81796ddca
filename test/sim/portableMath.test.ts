import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cos, exp, exp2, log, log2, sin } from '../../src/sim/portableMath.ts';
import { checkProperty } from '../support/property.ts';

/** How far apart two doubles are, in units of the last place of the reference. */
function ulpsApart(value: number, reference: number): number {
  if (value === reference) return 0;
  const ulp = Math.max(Math.abs(reference) * 2 ** -52, Number.MIN_VALUE);
  return Math.abs(value - reference) / ulp;
}

/**
 * Math.* is itself within about an ulp of the truth on V8, so agreeing with it within 1.5 ulp
 * means about one ulp of the true value: the accuracy the simulation's draws need.
 */
const ULPS_MAX = 1.5;

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe('portableMath', () => {
  it('agrees with Math.exp and 2 ** x within about an ulp over the whole range', () => {
    checkProperty(
      fc.property(finite(-708, 709), (x) => ulpsApart(exp(x), Math.exp(x)) <= ULPS_MAX),
      5000,
    );
    checkProperty(
      fc.property(finite(-1, 1), (x) => ulpsApart(exp(x), Math.exp(x)) <= ULPS_MAX),
      5000,
    );
    checkProperty(
      fc.property(finite(-1020, 1023), (x) => ulpsApart(exp2(x), 2 ** x) <= ULPS_MAX),
      5000,
    );
  });

  it('agrees with Math.log and Math.log2 within about an ulp, subnormals included', () => {
    const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
    checkProperty(
      fc.property(positive, (x) => ulpsApart(log(x), Math.log(x)) <= ULPS_MAX),
      5000,
    );
    checkProperty(
      fc.property(finite(0.5, 2), (x) => ulpsApart(log(x), Math.log(x)) <= ULPS_MAX),
      5000,
    );
    checkProperty(
      fc.property(positive, (x) => ulpsApart(log2(x), Math.log2(x)) <= ULPS_MAX),
      5000,
    );
  });

  it('agrees with Math.sin and Math.cos within about an ulp on the turn and well beyond', () => {
    for (const [mine, reference] of [
      [sin, Math.sin],
      [cos, Math.cos],
    ] as const) {
      checkProperty(
        fc.property(finite(0, 2 * Math.PI), (x) => ulpsApart(mine(x), reference(x)) <= ULPS_MAX),
        5000,
      );
      checkProperty(
        fc.property(finite(-1000, 1000), (x) => ulpsApart(mine(x), reference(x)) <= ULPS_MAX),
        5000,
      );
    }
  });

  it('is exact where the answer is', () => {
    expect(exp(0)).toBe(1);
    expect(log(1)).toBe(0);
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
    for (let k = -1074; k <= 1023; k += 7) {
      expect(log2(2 ** k)).toBe(k);
      expect(exp2(k)).toBe(2 ** k);
    }
  });

  it('handles the edges as Math does', () => {
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp2(-Infinity)).toBe(0);
    expect(Number.isNaN(exp(NaN))).toBe(true);
    expect(log(0)).toBe(-Infinity);
    expect(log(Infinity)).toBe(Infinity);
    expect(Number.isNaN(log(-1))).toBe(true);
    expect(Number.isNaN(sin(Infinity))).toBe(true);
    expect(() => sin(1e7)).toThrow(RangeError);
  });
});
