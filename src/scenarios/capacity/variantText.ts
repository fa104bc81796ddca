import { loadAt, loadUnit } from './capacityLoad.ts';
import type { CapacityLoad } from './capacityLoad.ts';
import type { CapacityResult } from './search.ts';
import type { VariantResult } from './variantSearch.ts';
import type { NotApplicable } from './variants/resolveVariants.ts';

/** What the variant tables compare against: the scenario's own answer. */
export interface Baseline {
  readonly load: CapacityLoad;
  readonly search: CapacityResult;
  readonly bottleneck?: string;
}

const scaleText = (scale: number) => (Number.isFinite(scale) ? `×${scale.toFixed(3)}` : '—');
const loadAtText = (baseline: Baseline, scale: number) =>
  loadAt(baseline.load, scale).toLocaleString('en-GB');

function bracket(search: CapacityResult): string {
  const fail = search.failScale === undefined ? 'none found' : scaleText(search.failScale);
  return `${scaleText(search.passScale)}–${fail}${search.limitHit === undefined ? '' : ' (cut short)'}`;
}

function delta(baseline: Baseline, search: CapacityResult): string {
  const change = loadAt(baseline.load, search.passScale - baseline.search.passScale);
  const share =
    baseline.search.passScale > 0 ? (search.passScale / baseline.search.passScale - 1) * 100 : NaN;
  const sign = change > 0 ? '+' : '';
  const shareText = Number.isFinite(share) ? ` (${sign}${share.toFixed(0)} %)` : '';
  return `${sign}${change.toLocaleString('en-GB')}${shareText}`;
}

/** What broke the SLO at the first failing scale (the first seed's first breach), or a dash. */
function failedBy(search: CapacityResult): string {
  const failing = search.points.find((point) => point.scale === search.failScale);
  return failing?.breaches[0]?.replace(/^seed \d+: /, '') ?? '—';
}

interface Row {
  readonly name: string;
  readonly search: CapacityResult;
  readonly bottleneck?: string;
  readonly change: string;
}

function table(baseline: Baseline, results: readonly VariantResult[]): string[] {
  const rows: Row[] = [
    {
      name: 'baseline',
      search: baseline.search,
      ...(baseline.bottleneck === undefined ? {} : { bottleneck: baseline.bottleneck }),
      change: '—',
    },
    ...results.map((each) => ({ ...each, change: delta(baseline, each.search) })),
  ];
  const nameWidth = Math.max(8, ...rows.map((each) => each.name.length));
  const partWidth = Math.max(10, ...rows.map((each) => (each.bottleneck ?? '—').length));
  const line = (cells: readonly string[]) => cells.join('  ').trimEnd();
  const header = line([
    'variant'.padEnd(nameWidth),
    'capacity'.padStart(9),
    'bracket (pass–fail)'.padEnd(24),
    'bottleneck'.padEnd(partWidth),
    `Δ ${loadUnit(baseline.load)} vs baseline`.padEnd(19),
    'first failed by',
  ]);
  const body = rows.map((each) =>
    line([
      each.name.padEnd(nameWidth),
      loadAtText(baseline, each.search.passScale).padStart(9),
      bracket(each.search).padEnd(24),
      (each.bottleneck ?? '—').padEnd(partWidth),
      each.change.padEnd(19),
      failedBy(each.search),
    ]),
  );
  return [header, ...body];
}

/** The what-if table, largest room first, with each variant's change spelled out below it. */
export function whatIfLines(baseline: Baseline, results: readonly VariantResult[]): string[] {
  if (results.length === 0) return [];
  return [
    'What-if: the same search on each variant, the most room bought first',
    ...table(baseline, results),
    ...results.map((each) => `  ${each.name}: ${each.description}`),
  ];
}

/** "Within the SLO up to N users; N′ if web2 is down", then the table, worst first. */
export function degradedLines(baseline: Baseline, results: readonly VariantResult[]): string[] {
  if (results.length === 0) return [];
  const worstFirst = [...results].sort(
    (a, b) => a.search.passScale - b.search.passScale || a.name.localeCompare(b.name),
  );
  return [
    'Degraded modes: the same search with one part lost for the whole run',
    ...worstFirst.map(
      (each) =>
        `  within the SLO up to ${loadAtText(baseline, baseline.search.passScale)} ${loadUnit(baseline.load)}; ${loadAtText(baseline, each.search.passScale)} with ${each.description}`,
    ),
    ...table(baseline, worstFirst),
  ];
}

/** One search per --vary point, in the grid's order, so a reader sees the bottleneck move. */
export function varyLines(baseline: Baseline, results: readonly VariantResult[]): string[] {
  if (results.length === 0) return [];
  return [
    'By --vary: the same search at each point, its capacity and the part that saturates first',
    ...table(baseline, results),
    ...results.filter((each) => each.description !== each.name).map((each) => `  ${each.description}`),
  ];
}

export function notApplicableLines(items: readonly NotApplicable[]): string[] {
  return items.length === 0 ? [] : ['Not run:', ...items.map((each) => `  ${each.name}: ${each.reason}`)];
}
