import { describe, expect, it } from 'vitest';
import type { CapacityResult } from '../../../src/scenarios/capacity/search.ts';
import { degradedLines, whatIfLines } from '../../../src/scenarios/capacity/variantText.ts';

const search = (passScale: number, failScale: number): CapacityResult => ({
  passScale,
  failScale,
  points: [],
});
const baseline = {
  load: { kind: 'users' as const, peakAtScale1: 10_000 },
  search: search(5, 5.25),
  bottleneck: 'web1/apache',
};

describe('variant tables', () => {
  it('says "within the SLO up to N users; N′ with web2 lost", the worst loss first', () => {
    const lines = degradedLines(baseline, [
      { name: 'mini1-down', description: 'CDN node mini1 down from the start', search: search(5, 5.25) },
      {
        name: 'web2-down',
        description: "web2 lost (out of the CDN's pool)",
        search: search(2.5, 2.75),
        bottleneck: 'web1/apache',
      },
    ]);
    expect(lines[1]).toBe(
      "  within the SLO up to 50,000 users; 25,000 with web2 lost (out of the CDN's pool)",
    );
    expect(lines.findIndex((line) => line.startsWith('web2-down'))).toBeLessThan(
      lines.findIndex((line) => line.startsWith('mini1-down')),
    );
    expect(lines.find((line) => line.startsWith('web2-down'))).toContain('-25,000 (-50 %)');
  });

  it('gives each what-if its room bought against the baseline, and nothing for no variants', () => {
    const lines = whatIfLines(baseline, [
      { name: 'php-7', description: 'every web server on PHP 7', search: search(9, 9.5) },
    ]);
    expect(lines.find((line) => line.startsWith('php-7'))).toContain('+40,000 (+80 %)');
    expect(whatIfLines(baseline, [])).toEqual([]);
  });

  it('names what broke the SLO first at the failing scale, without the seed', () => {
    const failing = {
      ...search(2, 2.125),
      points: [{ scale: 2.125, breaches: ['seed 3: downtime 2 s > 0 s'] }],
    } as unknown as CapacityResult;
    const lines = whatIfLines(baseline, [{ name: 'add-pi', description: 'a Pi more', search: failing }]);
    expect(lines.find((line) => line.startsWith('add-pi'))).toMatch(
      /-30,000 \(-60 %\)\s+downtime 2 s > 0 s$/,
    );
  });
});
