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

  it('the steady rise grows with heat and falls with conductance; the time constant grows with capacity', () => {
    checkProperty(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 1e3, max: 1e6, noNaN: true }),
        (heatWatts, conductance, capacity) => {
          // Doubling the heat doubles the rise; doubling the conductance halves it.
          expect(
            steadyRiseKelvin(2 * heatWatts, conductance) / steadyRiseKelvin(heatWatts, conductance),
          ).toBeCloseTo(2, 9);
          expect(
            steadyRiseKelvin(heatWatts, 2 * conductance) / steadyRiseKelvin(heatWatts, conductance),
          ).toBeCloseTo(0.5, 9);
          expect(
            timeConstantMs(2 * capacity, conductance) / timeConstantMs(capacity, conductance),
          ).toBeCloseTo(2, 9);
          expect(timeConstantMs(capacity, 2 * conductance)).toBeLessThan(
            timeConstantMs(capacity, conductance),
          );
        },
      ),
    );
    expect(() => timeConstantMs(0, 1)).toThrow(/heat capacity and conductance must be positive/);
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
