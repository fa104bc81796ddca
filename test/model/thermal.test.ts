import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  piSocCelsius,
  relaxationTimeToMs,
  relaxedValue,
  riseForPiCelsius,
  steadyRiseKelvin,
  timeConstantMs,
} from '../../src/model/thermal.ts';
import { checkProperty } from '../support/property.ts';

describe('thermal arithmetic', () => {
  it('the crossing time it computes is when the relaxation reaches the target', () => {
    checkProperty(
      fc.property(
        fc.double({ min: -50, max: 150, noNaN: true }),
        fc.double({ min: -50, max: 150, noNaN: true }),
        fc.double({ min: 1, max: 1e8, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (start, steady, tauMs, share) => {
          fc.pre(Math.abs(steady - start) > 1e-3);
          const target = start + share * (steady - start);
          const crossingMs = relaxationTimeToMs(start, steady, tauMs, target);
          expect(crossingMs).toBeGreaterThan(0);
          expect(relaxedValue(start, steady, tauMs, crossingMs)).toBeCloseTo(target, 6);
        },
      ),
    );
  });

  it('never reaches a target beyond the steady value or behind the start', () => {
    expect(relaxationTimeToMs(5, 50, 1000, 60)).toBe(Infinity);
    expect(relaxationTimeToMs(5, 50, 1000, 50)).toBe(Infinity);
    expect(relaxationTimeToMs(5, 50, 1000, 4)).toBe(Infinity);
    expect(relaxationTimeToMs(5, 50, 1000, 5)).toBe(0);
    expect(relaxationTimeToMs(5, 5, 1000, 6)).toBe(Infinity);
  });

  it('108 Pi 3s at 2 W over 43.2 W/K make the 5 °C aisle difference (001_c0c3c660f1f73f92.txt)', () => {
    expect(steadyRiseKelvin(108 * 2, 43.2)).toBeCloseTo(5, 12);
    expect(timeConstantMs(84_500, 2.7)).toBeCloseTo(31_296_296, 0);
  });

  it('inverts a Pi temperature to the shelf rise that gives it', () => {
    checkProperty(
      fc.property(
        fc.double({ min: 10, max: 30, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (cold, position, rise, watts) => {
          const celsius = piSocCelsius(cold, position, rise, watts, 15);
          expect(riseForPiCelsius(celsius, cold, position, watts, 15)).toBeCloseTo(rise, 6);
        },
      ),
    );
    expect(riseForPiCelsius(80, 22, 0, 2, 15)).toBe(Infinity);
    expect(() => riseForPiCelsius(80, 22, 1.5, 2, 15)).toThrow(/position must be in \[0, 1\], got 1.5/);
  });
});
