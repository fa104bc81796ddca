import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/sim/random.ts';

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sample(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

describe('RandomStreams', () => {
  it('gives the same draws for the same seed and stream name', () => {
    const a = new RandomStreams(42).stream('traffic');
    const b = new RandomStreams(42).stream('traffic');
    expect(sample(100, () => a.next())).toEqual(sample(100, () => b.next()));
  });

  it('gives different draws for different seeds and different streams', () => {
    const first = sample(10, () => new RandomStreams(1).stream('traffic').next());
    const streams = new RandomStreams(1);
    const traffic = streams.stream('traffic');
    const faults = streams.stream('faults');
    expect(sample(10, () => new RandomStreams(2).stream('traffic').next())).not.toEqual(first);
    expect(sample(10, () => traffic.next())).not.toEqual(sample(10, () => faults.next()));
  });

  it('keeps a stream independent of draws on another stream', () => {
    const alone = new RandomStreams(9);
    const expected = sample(50, () => alone.stream('traffic').next());
    const shared = new RandomStreams(9);
    const traffic = shared.stream('traffic');
    const faults = shared.stream('faults');
    const interleaved = sample(50, () => {
      faults.next();
      faults.next();
      return traffic.next();
    });
    expect(interleaved).toEqual(expected);
  });

  it('draws each distribution with the right mean and spread', () => {
    const stream = new RandomStreams(3).stream('distributions');
    const count = 100_000;
    expect(mean(sample(count, () => stream.exponential(400)))).toBeCloseTo(400, -1);
    const normals = sample(count, () => stream.normal(10, 2));
    expect(mean(normals)).toBeCloseTo(10, 1);
    const variance = mean(normals.map((value) => (value - 10) ** 2));
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
    // Lognormal mean is exp(mu + sigma^2 / 2).
    expect(mean(sample(count, () => stream.lognormal(0, 0.5)))).toBeCloseTo(Math.exp(0.125), 1);
    const uniforms = sample(count, () => stream.uniform(5, 7));
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...uniforms)).toBeLessThan(7);
    expect(mean(uniforms)).toBeCloseTo(6, 1);
    expect(mean(sample(count, () => (stream.bernoulli(0.25) ? 1 : 0)))).toBeCloseTo(0.25, 2);
    const counts = [0, 0, 0];
    for (let i = 0; i < count; i++) counts[stream.weightedChoice([11, 0, 1])]! += 1;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / count).toBeCloseTo(1 / 12, 2);
    const integers = new Set(sample(1000, () => stream.integer(4)));
    expect([...integers].sort()).toEqual([0, 1, 2, 3]);
  });

  it('rejects impossible parameters instead of guessing', () => {
    const stream = new RandomStreams(1).stream('x');
    expect(() => stream.exponential(-1)).toThrow(/non-negative/);
    expect(() => stream.bernoulli(1.5)).toThrow(/\[0, 1\]/);
    expect(() => stream.weightedChoice([0, 0])).toThrow(/positive/);
    expect(() => stream.uniform(2, 1)).toThrow(/at least min/);
    expect(() => new RandomStreams(1.5)).toThrow(/safe integer/);
  });

  it('counts draws per stream in name order', () => {
    const streams = new RandomStreams(1);
    streams.stream('zeta').next();
    streams.stream('alpha').normal(0, 1);
    expect(streams.drawCounts()).toEqual({ alpha: 2, zeta: 1 });
  });
});
