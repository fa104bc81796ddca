import { line, scaleLinear } from 'd3';
import type { ScaleLinear } from 'd3';
import { loadAt, loadUnit } from './capacityLoad.ts';
import type { CapacityReport } from './capacityText.ts';

/**
 * The capacity curve as an SVG document, built as a string with d3's scales and line generator
 * and no DOM, so `twin capacity --chart` (Node) and the browser twin draw the same chart from the
 * same input. Two panels share the x axis (the load at its peak: users, or requests per second for
 * open arrivals): throughput above, p95 below with the
 * SLO's line; the bracket between the last passing and first failing scale is shaded in both, and
 * the bottleneck's saturation is marked.
 */
export interface CapacityChartPoint {
  /** Users at the peak, or requests per second for open arrivals (see `loadUnit`). */
  readonly load: number;
  readonly throughputPerSecond: number;
  readonly p95Ms: number;
  readonly ok: boolean;
}

export interface CapacityChartInput {
  readonly title: string;
  /** What the x axis counts: 'users' or 'req/s'. */
  readonly loadUnit: string;
  readonly points: readonly CapacityChartPoint[];
  readonly sloP95Ms?: number;
  /** The load at the largest passing scale (0 when none passed) and at the first failing one. */
  readonly passLoad: number;
  readonly failLoad?: number;
  /** The first part to saturate, and the load at which it did (undefined: not within the run). */
  readonly bottleneck?: { readonly part: string; readonly load?: number };
}

export interface ChartSize {
  readonly widthPx: number;
  readonly heightPx: number;
}

const MARGIN = { left: 64, right: 24, top: 36, bottom: 40, gap: 36 } as const;
const TICKS = 6;

/** The report's figures in the chart's terms. */
export function chartInputOf(report: CapacityReport): CapacityChartInput {
  const loadOf = (scale: number) => loadAt(report.load, scale);
  const bottleneck = report.parts[0];
  return {
    title: `${report.scenario}: capacity curve`,
    loadUnit: loadUnit(report.load),
    points: report.search.points.map((point) => ({
      load: loadOf(point.scale),
      throughputPerSecond: point.mean.throughputPerSecond,
      p95Ms: point.mean.p95Ms,
      ok: point.ok,
    })),
    ...(report.slo.p95Ms === undefined ? {} : { sloP95Ms: report.slo.p95Ms }),
    passLoad: loadOf(report.search.passScale),
    ...(report.search.failScale === undefined ? {} : { failLoad: loadOf(report.search.failScale) }),
    ...(bottleneck === undefined
      ? {}
      : {
          bottleneck: {
            part: bottleneck.part,
            ...(bottleneck.saturatedAtScale === undefined
              ? {}
              : { load: loadOf(bottleneck.saturatedAtScale) }),
          },
        }),
  };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const round = (value: number) => Math.round(value * 10) / 10;

interface Panel {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
  readonly label: string;
}

function axes(panel: Panel, showX: boolean): string[] {
  const [left, right] = panel.x.range() as [number, number];
  const [bottom, top] = panel.y.range() as [number, number];
  const parts = [
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#444"/>`,
    `<line x1="${left}" y1="${bottom}" x2="${left}" y2="${top}" stroke="#444"/>`,
    `<text x="${left}" y="${top - 8}" font-size="12">${escapeXml(panel.label)}</text>`,
  ];
  const yFormat = panel.y.tickFormat(TICKS);
  for (const tick of panel.y.ticks(TICKS)) {
    const y = round(panel.y(tick));
    parts.push(`<line x1="${left - 4}" y1="${y}" x2="${right}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" font-size="11" text-anchor="end">${yFormat(tick)}</text>`);
  }
  const xFormat = panel.x.tickFormat(TICKS, ',');
  for (const tick of panel.x.ticks(TICKS)) {
    const x = round(panel.x(tick));
    parts.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 4}" stroke="#444"/>`);
    if (showX)
      parts.push(
        `<text x="${x}" y="${bottom + 16}" font-size="11" text-anchor="middle">${xFormat(tick)}</text>`,
      );
  }
  return parts;
}

function curve(
  panel: Panel,
  points: readonly CapacityChartPoint[],
  value: (p: CapacityChartPoint) => number,
  colour: string,
  unit: string,
): string[] {
  const path = line<CapacityChartPoint>()
    .x((point) => round(panel.x(point.load)))
    .y((point) => round(panel.y(value(point))))(points);
  return [
    `<path d="${path ?? ''}" fill="none" stroke="${colour}" stroke-width="2"/>`,
    ...points.map(
      (point) =>
        `<circle cx="${round(panel.x(point.load))}" cy="${round(panel.y(value(point)))}" r="3.5" fill="${point.ok ? '#2a7' : '#c33'}"><title>${point.load.toLocaleString('en-GB')} ${escapeXml(unit)}: ${point.ok ? 'within' : 'breaks'} the SLO</title></circle>`,
    ),
  ];
}

function marks(input: CapacityChartInput, panel: Panel): string[] {
  const [bottom, top] = panel.y.range() as [number, number];
  const parts: string[] = [];
  if (input.failLoad !== undefined && input.passLoad > 0) {
    const from = round(panel.x(input.passLoad));
    parts.push(
      `<rect x="${from}" y="${top}" width="${round(panel.x(input.failLoad)) - from}" height="${bottom - top}" fill="#fc3" fill-opacity="0.25"><title>bracket: passes at ${input.passLoad.toLocaleString('en-GB')}, fails at ${input.failLoad.toLocaleString('en-GB')} ${escapeXml(input.loadUnit)}</title></rect>`,
    );
  }
  const saturated = input.bottleneck?.load;
  if (input.bottleneck !== undefined && saturated !== undefined) {
    const x = round(panel.x(saturated));
    // The label goes on whichever side of the mark has room for it.
    const [left, right] = panel.x.range() as [number, number];
    const labelAt = x > (left + right) / 2 ? `x="${x - 4}" text-anchor="end"` : `x="${x + 4}"`;
    parts.push(
      `<line x1="${x}" y1="${bottom}" x2="${x}" y2="${top}" stroke="#c33" stroke-dasharray="2 3"/>`,
      `<text ${labelAt} y="${top + 14}" font-size="11" fill="#c33">${escapeXml(input.bottleneck.part)} saturated</text>`,
    );
  }
  return parts;
}

/** The chart as a standalone SVG document. */
export function capacityChartSvg(
  input: CapacityChartInput,
  size: ChartSize = { widthPx: 720, heightPx: 520 },
): string {
  const points = [...input.points].sort((a, b) => a.load - b.load);
  const maxLoad = Math.max(1, ...points.map((point) => point.load), input.failLoad ?? 0);
  const x = scaleLinear()
    .domain([0, maxLoad])
    .range([MARGIN.left, size.widthPx - MARGIN.right])
    .nice();
  const panelHeight = (size.heightPx - MARGIN.top - MARGIN.bottom - MARGIN.gap) / 2;
  const topBottom = MARGIN.top + panelHeight;
  const throughputMax = Math.max(1, ...points.map((point) => point.throughputPerSecond));
  const p95Max = Math.max(1, input.sloP95Ms ?? 0, ...points.map((point) => point.p95Ms));
  const upper: Panel = {
    x,
    y: scaleLinear().domain([0, throughputMax]).range([topBottom, MARGIN.top]).nice(),
    label: 'throughput (requests/s, mean over the run)',
  };
  const lowerTop = topBottom + MARGIN.gap;
  const lower: Panel = {
    x,
    y: scaleLinear()
      .domain([0, p95Max])
      .range([lowerTop + panelHeight, lowerTop])
      .nice(),
    label: 'p95 latency (ms)',
  };
  const slo =
    input.sloP95Ms === undefined
      ? []
      : [
          `<line x1="${MARGIN.left}" y1="${round(lower.y(input.sloP95Ms))}" x2="${size.widthPx - MARGIN.right}" y2="${round(lower.y(input.sloP95Ms))}" stroke="#c33" stroke-dasharray="6 4"/>`,
          `<text x="${size.widthPx - MARGIN.right}" y="${round(lower.y(input.sloP95Ms)) - 4}" font-size="11" fill="#c33" text-anchor="end">SLO p95 ${input.sloP95Ms} ms</text>`,
        ];
  const body = [
    `<text x="${MARGIN.left}" y="16" font-size="14" font-weight="bold">${escapeXml(input.title)}</text>`,
    ...marks(input, upper),
    ...marks(input, lower),
    ...axes(upper, false),
    ...axes(lower, true),
    ...slo,
    ...curve(upper, points, (point) => point.throughputPerSecond, '#36c', input.loadUnit),
    ...curve(lower, points, (point) => point.p95Ms, '#639', input.loadUnit),
    `<text x="${(MARGIN.left + size.widthPx - MARGIN.right) / 2}" y="${size.heightPx - 6}" font-size="12" text-anchor="middle">${escapeXml(input.loadUnit)} at peak</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.widthPx}" height="${size.heightPx}" viewBox="0 0 ${size.widthPx} ${size.heightPx}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body.map((element) => `  ${element}`),
    '</svg>',
    '',
  ].join('\n');
}
