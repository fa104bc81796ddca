import { describe, expect, it } from 'vitest';
import { capacityChartSvg } from '../../../src/scenarios/capacity/chart.ts';
import type { CapacityChartInput } from '../../../src/scenarios/capacity/chart.ts';

const INPUT: CapacityChartInput = {
  title: 'launch <test> & co',
  loadUnit: 'users',
  points: [
    { load: 10_000, throughputPerSecond: 300, p95Ms: 400, ok: true },
    { load: 20_000, throughputPerSecond: 600, p95Ms: 500, ok: true },
    { load: 40_000, throughputPerSecond: 900, p95Ms: 2500, ok: false },
    { load: 30_000, throughputPerSecond: 850, p95Ms: 900, ok: true },
  ],
  sloP95Ms: 1000,
  passLoad: 30_000,
  failLoad: 40_000,
  bottleneck: { part: 'web1/apache', load: 40_000 },
};

/** The y of the dashed SLO line, the bracket's rectangles' widths, and the points' fills. */
function read(svg: string) {
  const slo =
    /<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="[\d.]+" stroke="#c33" stroke-dasharray="6 4"/.exec(svg);
  const bracketWidths = [
    ...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"[^>]*fill="#fc3"/g),
  ].map((match) => Number(match[1]));
  const fills = [...svg.matchAll(/<circle [^>]*fill="(#[0-9a-f]+)"/g)].map((match) => match[1]);
  return { sloY: slo === null ? undefined : Number(slo[1]), bracketWidths, fills };
}

describe('capacityChartSvg', () => {
  it('draws a point per scale in each panel, green within the SLO and red beyond, and escapes the title', () => {
    const svg = capacityChartSvg(INPUT);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(read(svg).fills.filter((fill) => fill === '#2a7')).toHaveLength(6);
    expect(read(svg).fills.filter((fill) => fill === '#c33')).toHaveLength(2);
    expect(svg).toContain('launch &lt;test&gt; &amp; co');
    expect(svg).toContain('web1/apache saturated');
  });

  it('moves the SLO line up as the objective is loosened', () => {
    const tight = read(capacityChartSvg(INPUT)).sloY!;
    const loose = read(capacityChartSvg({ ...INPUT, sloP95Ms: 2000 })).sloY!;
    // SVG's y grows downwards: a higher objective sits higher, at a smaller y.
    expect(loose).toBeLessThan(tight);
    expect(read(capacityChartSvg({ ...INPUT, sloP95Ms: undefined })).sloY).toBeUndefined();
  });

  it('shades a wider bracket for a wider gap between passing and failing, in both panels', () => {
    const narrow = read(capacityChartSvg(INPUT)).bracketWidths;
    const wide = read(capacityChartSvg({ ...INPUT, passLoad: 20_000 })).bracketWidths;
    expect(narrow).toHaveLength(2);
    expect(wide[0]).toBeCloseTo(narrow[0]! * 2, 0);
    expect(read(capacityChartSvg({ ...INPUT, failLoad: undefined })).bracketWidths).toEqual([]);
  });

  it('is the same text for the same input (the browser and the CLI draw the same chart)', () => {
    expect(capacityChartSvg(INPUT)).toBe(capacityChartSvg({ ...INPUT, points: [...INPUT.points] }));
  });
});
