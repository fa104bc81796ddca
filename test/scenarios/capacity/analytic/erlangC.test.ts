import { describe, expect, it } from 'vitest';
import {
  arrivalRateForPercentile,
  erlangC,
  responsePercentileSeconds,
  responseTailProbability,
} from '../../../../src/scenarios/capacity/analytic/erlangC.ts';

describe('erlangC', () => {
  it('gives the M/M/1 textbook figures: ρ = 0.5 waits with probability ρ and mean ρ/(μ − λ)', () => {
    const station = erlangC(1, 1, 0.5);
    expect(station?.probabilityOfWaiting).toBeCloseTo(0.5, 12);
    expect(station?.meanWaitSeconds).toBeCloseTo(1, 12);
    expect(station?.meanResponseSeconds).toBeCloseTo(2, 12);
  });

  it('gives the M/M/2 figures computed by hand: a = 1 Erlang waits with probability 1/3', () => {
    // C(2, 1) = (a²/2!)/(1 − ρ) / (1 + a + (a²/2!)/(1 − ρ)) = 1 / 3, and W = C / (2μ − λ) = 1/3 s.
    const station = erlangC(2, 1, 1);
    expect(station?.probabilityOfWaiting).toBeCloseTo(1 / 3, 12);
    expect(station?.meanWaitSeconds).toBeCloseTo(1 / 3, 12);
  });

  it('says a saturated station never settles', () => {
    expect(erlangC(24, 0.4, 60)).toBeUndefined();
    expect(responsePercentileSeconds(24, 0.4, 61, 0.95)).toBe(Number.POSITIVE_INFINITY);
  });

  it('pools: 24 cores at ρ = 0.8 wait far less often than one core at ρ = 0.8', () => {
    const pooled = erlangC(24, 0.4, 48);
    const single = erlangC(1, 0.4, 2);
    expect(pooled?.probabilityOfWaiting).toBeLessThan(0.3);
    expect(single?.probabilityOfWaiting).toBeCloseTo(0.8, 12);
    expect(pooled?.meanWaitSeconds ?? 1).toBeLessThan(0.02);
  });

  it('gives the M/M/1 response percentile ln(20)/(μ − λ) for p95', () => {
    expect(responsePercentileSeconds(1, 1, 0.5, 0.95)).toBeCloseTo(Math.log(20) / 0.5, 6);
    expect(responseTailProbability(1, 1, 0.5, 2)).toBeCloseTo(Math.exp(-1), 9);
  });

  it('finds the rate where p95 meets its limit, and that rate grows with the limit', () => {
    // M/M/1 with S = 1 s: p95 = ln 20 / (1 − λ) ≤ 10 s gives λ = 1 − ln 20 / 10.
    expect(arrivalRateForPercentile(1, 1, 0.95, 10)).toBeCloseTo(1 - Math.log(20) / 10, 6);
    const tight = arrivalRateForPercentile(24, 0.4, 0.95, 1.3);
    const loose = arrivalRateForPercentile(24, 0.4, 0.95, 2);
    expect(tight).toBeLessThan(loose);
    expect(loose).toBeLessThan(60);
    // p95 of a lone exponential 0.4 s page is 0.4 ln 20 ≈ 1.2 s, so 1 s cannot be met at any rate.
    expect(arrivalRateForPercentile(24, 0.4, 0.95, 1)).toBe(0);
  });

  it('refuses nonsense stations', () => {
    expect(() => erlangC(0, 1, 1)).toThrow(RangeError);
    expect(() => erlangC(2, 0, 1)).toThrow(RangeError);
  });
});
