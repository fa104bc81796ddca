import { describe, expect, it } from 'vitest';
import { asymptoticBounds, throughputBound } from '../../../../src/scenarios/capacity/analytic/bounds.ts';
import { meanValueAnalysis } from '../../../../src/scenarios/capacity/analytic/mva.ts';

const twoStations = [
  { name: 'cpu', demandSeconds: 1, servers: 1 },
  { name: 'disk', demandSeconds: 0.5, servers: 1 },
];

describe('asymptoticBounds', () => {
  it('takes the bottleneck from the largest demand per server and the knee from (D + Z) / D_max', () => {
    const bounds = asymptoticBounds(twoStations, 1);
    expect(bounds.bottleneck).toBe('cpu');
    expect(bounds.throughputMaxPerSecond).toBe(1);
    expect(bounds.kneeUsers).toBe(2.5);
    expect(throughputBound(bounds, 1, 1)).toBeCloseTo(0.4, 12);
    expect(throughputBound(bounds, 100, 1)).toBe(1);
  });

  it('moves the bottleneck when a station gains servers', () => {
    const bounds = asymptoticBounds([{ ...twoStations[0]!, servers: 4 }, twoStations[1]!], 1);
    expect(bounds.bottleneck).toBe('disk');
    expect(bounds.throughputMaxPerSecond).toBe(2);
  });
});

describe('meanValueAnalysis', () => {
  it('matches the recursion worked by hand for N = 1, 2, 3', () => {
    // N=1: R = 1.5, X = 1/2.5. N=2: R = 1·1.4 + 0.5·1.2 = 2.0, X = 2/3. N=3: R = 1.9333 + 0.7, X = 3/3.6333.
    expect(meanValueAnalysis(twoStations, 1, 1).throughputPerSecond).toBeCloseTo(0.4, 12);
    expect(meanValueAnalysis(twoStations, 1, 2).throughputPerSecond).toBeCloseTo(2 / 3, 12);
    const three = meanValueAnalysis(twoStations, 1, 3);
    expect(three.responseSeconds).toBeCloseTo(1 + 0.9333333333 + 0.5 * 1.4, 8);
    expect(three.throughputPerSecond).toBeCloseTo(3 / 3.6333333333, 8);
  });

  it('stays under the asymptotic bounds and approaches 1/D_max with a large crowd', () => {
    const bounds = asymptoticBounds(twoStations, 1);
    for (const users of [1, 2, 5, 20]) {
      const result = meanValueAnalysis(twoStations, 1, users);
      expect(result.throughputPerSecond).toBeLessThanOrEqual(throughputBound(bounds, users, 1) + 1e-12);
    }
    expect(meanValueAnalysis(twoStations, 1, 200).throughputPerSecond).toBeGreaterThan(0.99);
  });

  it('lets a 24-core station carry 24 times the throughput of one core at saturation', () => {
    const web = [{ name: 'web', demandSeconds: 0.4, servers: 24 }];
    expect(meanValueAnalysis(web, 30, 100_000).throughputPerSecond).toBeCloseTo(60, 1);
    // At light load no one queues: a lone request takes its demand, 0.4 s.
    expect(meanValueAnalysis(web, 30, 1).responseSeconds).toBeCloseTo(0.4, 12);
  });
});
