import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { bandsToPixels, groupParts, partBands, summaryBands } from '../../../src/ui/model/tracks.ts';
import type { Band } from '../../../src/ui/model/tracks.ts';
import { builtinRun } from './support.ts';

describe('tracks', () => {
  it("tiles a part's run with its states, dropping instants it passed straight through", () => {
    const bands = partBands(
      [
        { at: 0, state: 'down', tags: [] },
        { at: 0, state: 'up', tags: [] },
        { at: 30, state: 'crashed', tags: [] },
      ],
      100,
    );
    expect(bands.map((band) => [band.label, band.startSeconds, band.endSeconds, band.tone])).toEqual([
      ['up', 0, 30, 'serving'],
      ['crashed', 30, 100, 'down'],
    ]);
  });

  it("groups a shelf's 108 Pis into one track and leaves the few VMs alone", () => {
    const { report } = builtinRun('shelf-dual-fan-failure');
    const groups = groupParts(report);
    const pis = groups.find((group) => group.label.startsWith('shelf#-pi#'));
    expect(pis?.members).toHaveLength(108);
    expect(groups.find((group) => group.key === 'web1')?.members).toEqual(['web1']);
    expect(groups.length).toBeLessThan(25);
  });

  it('summarises a group by counting its members in each tone, the worst tone drawn', () => {
    const { report } = builtinRun('shelf-dual-fan-failure');
    const pis = groupParts(report).find((group) => group.label.startsWith('shelf#-pi#'));
    const bands = summaryBands(report, pis?.members ?? []);
    expect(bands[0]).toMatchObject({ startSeconds: 0, tone: 'serving', label: '108 serving' });
    const last = bands.at(-1);
    expect(last?.tone).toBe('changing');
    expect(last?.label).toMatch(/^\d+ serving · \d+ changing$|^\d+ changing · \d+ serving$/);
    expect(last?.endSeconds).toBe(report.durationSeconds);
  });

  it('merges bands too thin to see into the one before, which takes the worse tone', () => {
    const bands: Band[] = [
      { startSeconds: 0, endSeconds: 1000, tone: 'serving', label: 'up' },
      { startSeconds: 1000, endSeconds: 1001, tone: 'down', label: 'crashed' },
      { startSeconds: 1001, endSeconds: 2000, tone: 'serving', label: 'up' },
    ];
    const x = scaleLinear().domain([0, 2000]).range([0, 100]);
    const wide = bandsToPixels(bands, x, { fromSeconds: 0, toSeconds: 2000 });
    expect(wide.map((band) => band.tone)).toEqual(['serving', 'down', 'serving']);
    expect(wide[1]?.width).toBeCloseTo(0.05);
    // Many crashes within a pixel gather into one band of the worst tone.
    const flapping: Band[] = Array.from({ length: 100 }, (_, index) => ({
      startSeconds: 1000 + index,
      endSeconds: 1001 + index,
      tone: index % 2 === 0 ? 'down' : 'changing',
      label: String(index),
    }));
    const gathered = bandsToPixels([bands[0] as Band, ...flapping], x, { fromSeconds: 0, toSeconds: 2000 });
    expect(gathered.length).toBeLessThanOrEqual(7);
    expect(gathered.slice(1).every((band) => band.tone === 'down')).toBe(true);
    // Zoomed in on the crash, it has pixels of its own.
    const zoomed = bandsToPixels(bands, scaleLinear().domain([990, 1010]).range([0, 100]), {
      fromSeconds: 990,
      toSeconds: 1010,
    });
    expect(zoomed.map((band) => [band.tone, Math.round(band.x), Math.round(band.width)])).toEqual([
      ['serving', 0, 50],
      ['down', 50, 5],
      ['serving', 55, 45],
    ]);
  });
});
