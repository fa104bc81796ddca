import { describe, expect, it } from 'vitest';
import { describePoint, expandGrid, parseVary, varyOptions } from '../../../src/scenarios/sweep/grid.ts';
import { parseSeedRange, splitRange } from '../../../src/scenarios/sweep/seedRange.ts';

describe('seed ranges', () => {
  it('reads a range or one seed, and refuses backwards or malformed ones', () => {
    expect(parseSeedRange('1..200')).toEqual({ ok: true, range: { from: 1, to: 200 } });
    expect(parseSeedRange('7')).toEqual({ ok: true, range: { from: 7, to: 7 } });
    for (const bad of ['200..1', '1-200', '', 'a..b', '1..20000000'])
      expect(parseSeedRange(bad).ok, bad).toBe(false);
  });

  it('splits into consecutive pieces that cover the range once', () => {
    expect(splitRange({ from: 1, to: 25 }, 10)).toEqual([
      { from: 1, to: 10 },
      { from: 11, to: 20 },
      { from: 21, to: 25 },
    ]);
  });
});

describe('grids', () => {
  it('reads --vary values as YAML scalars', () => {
    expect(parseVary('workload.crowd.peak=5000,10000')).toEqual({
      ok: true,
      dimension: { path: 'workload.crowd.peak', values: [5000, 10000] },
    });
    expect(parseVary('duration=1h,2h')).toMatchObject({ ok: true, dimension: { values: ['1h', '2h'] } });
    for (const bad of ['peak', '=1,2', 'a..b=1', 'peak=1,,2', 'peak=[1]'])
      expect(parseVary(bad).ok, bad).toBe(false);
  });

  it('expands every combination, the first dimension slowest, a later path replacing an earlier', () => {
    const grid = expandGrid([
      { path: 'a', values: [1, 2] },
      { path: 'b', values: ['x', 'y', 'z'] },
      { path: 'a', values: [3, 4] },
    ]);
    expect(grid.map(describePoint)).toEqual([
      'a=3, b=x',
      'a=3, b=y',
      'a=3, b=z',
      'a=4, b=x',
      'a=4, b=y',
      'a=4, b=z',
    ]);
    expect(expandGrid([])).toEqual([[]]);
    expect(() => expandGrid([{ path: 'a', values: Array.from({ length: 1001 }, (_, i) => i) }])).toThrow(
      RangeError,
    );
  });

  it('writes a point as twin run options, quoting for the shell only what needs it', () => {
    expect(varyOptions([])).toBe('');
    expect(
      varyOptions([
        ['workload.crowd.peak', 5000],
        ['checks.0.max', '0.1%'],
        ['description', "it's a test"],
      ]),
    ).toBe(` --vary workload.crowd.peak=5000 --vary checks.0.max=0.1% --vary 'description=it'\\''s a test'`);
  });
});
