import type { CapacityResult } from './search.ts';
import type { VariantResult } from './variantSearch.ts';
import type { NotApplicable } from './variants/resolveVariants.ts';

/** What the variant tables compare against: the scenario's own answer. */
export interface Baseline {
  readonly peakUsers: number;
  readonly search: CapacityResult;
  readonly bottleneck?: string;
}

const scaleText = (scale: number) => (Number.isFinite(scale) ? `×${scale.toFixed(3)}` : '—');
const usersAt = (baseline: Baseline, scale: number) =>
  Math.round(baseline.peakUsers * scale).toLocaleString('en-GB');

function bracket(search: CapacityResult): string {
  const fail = search.failScale === undefined ? 'none found' : scaleText(search.failScale);
  return `${scaleText(search.passScale)}–${fail}${search.limitHit === undefined ? '' : ' (cut short)'}`;
}

function delta(baseline: Baseline, search: CapacityResult): string {
  const users = Math.round(baseline.peakUsers * (search.passScale - baseline.search.passScale));
  const share =
    baseline.search.passScale > 0 ? (search.passScale / baseline.search.passScale - 1) * 100 : NaN;
  const sign = users > 0 ? '+' : '';
  const shareText = Number.isFinite(share) ? ` (${sign}${share.toFixed(0)} %)` : '';
  return `${sign}${users.toLocaleString('en-GB')}${shareText}`;
}

function row(
  name: string,
  baseline: Baseline,
  search: CapacityResult,
  bottleneck: string | undefined,
  change: string,
): string {
  return [
    name.padEnd(18),
    usersAt(baseline, search.passScale).padStart(9),
    bracket(search).padEnd(24),
    (bottleneck ?? '—').padEnd(14),
    change,
  ].join('  ');
}

const HEADER = `${'variant'.padEnd(18)}  ${'capacity'.padStart(9)}  ${'bracket (pass–fail)'.padEnd(24)}  ${'bottleneck'.padEnd(14)}  Δ users vs baseline`;

function table(baseline: Baseline, results: readonly VariantResult[]): string[] {
  return [
    HEADER,
    row('baseline', baseline, baseline.search, baseline.bottleneck, '—'),
    ...results.map(
      (each) => `${row(each.name, baseline, each.search, each.bottleneck, delta(baseline, each.search))}`,
    ),
  ];
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
        `  within the SLO up to ${usersAt(baseline, baseline.search.passScale)} users; ${usersAt(baseline, each.search.passScale)} with ${each.description}`,
    ),
    ...table(baseline, worstFirst),
  ];
}

export function notApplicableLines(items: readonly NotApplicable[]): string[] {
  return items.length === 0 ? [] : ['Not run:', ...items.map((each) => `  ${each.name}: ${each.reason}`)];
}
