import { describe, expect, it } from 'vitest';
import { pageTimeFactor } from '../../../src/model/requests/pageTime.ts';
import type { PageTimeDistribution } from '../../../src/model/requests/pageTime.ts';
import { Kernel } from '../../../src/sim/kernel.ts';

/** Mean and coefficient of variation of many page-time factors. */
function moments(distribution: PageTimeDistribution, jitter: number) {
  const stream = new Kernel({ seed: 5 }).random.stream('test.pageTime');
  const draws = Array.from({ length: 50_000 }, () => pageTimeFactor(stream, distribution, jitter));
  const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
  const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length;
  return { mean, cv: Math.sqrt(variance) / mean, min: Math.min(...draws), max: Math.max(...draws) };
}

describe('page-time distributions', () => {
  it('both keep the mean page time', () => {
    expect(moments('uniform', 0.2).mean).toBeCloseTo(1, 2);
    expect(moments('exponential', 0.2).mean).toBeCloseTo(1, 1);
  });

  it('uniform stays within ±jitter (cv = j/√3); exponential spreads with cv 1, as M/M/c assumes', () => {
    const uniform = moments('uniform', 0.2);
    expect(uniform.min).toBeGreaterThanOrEqual(0.8);
    expect(uniform.max).toBeLessThanOrEqual(1.2);
    expect(uniform.cv).toBeGreaterThan(0.11);
    expect(uniform.cv).toBeLessThan(0.12);
    const wider = moments('uniform', 0.4);
    expect(wider.cv / uniform.cv).toBeCloseTo(2, 1);
    const exponential = moments('exponential', 0.2);
    expect(exponential.cv).toBeGreaterThan(0.97);
    expect(exponential.cv).toBeLessThan(1.03);
    expect(exponential.max).toBeGreaterThan(5);
  });
});
