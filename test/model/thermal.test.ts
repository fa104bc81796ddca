import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relaxedValue, steadyRiseKelvin, timeConstantMs } from '../../src/model/thermal.ts';
import { checkProperty } from '../support/property.ts';

describe('thermal arithmetic', () => {
  it('a relaxation moves from its start toward its steady value, never past it', () => {
    checkProperty(
      fc.property(
        fc.double({ min: -50, max: 150, noNaN: true }),
        fc.double({ min: -50, max: 150, noNaN: true }),
        fc.double({ min: 1, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (start, steady, tauMs, elapsedMs) => {
          const value = relaxedValue(start, steady, tauMs, elapsedMs);
          expect(value).toBeGreaterThanOrEqual(Math.min(start, steady) - 1e-9);
          expect(value).toBeLessThanOrEqual(Math.max(start, steady) + 1e-9);
        },
      ),
    );
    expect(relaxedValue(5, 50, 1000, 1000)).toBeCloseTo(50 - 45 * Math.exp(-1), 9);
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
});
