import { formatDuration } from '../units.ts';
import type { AnalyticSummary } from './analyticBeside.ts';
import type { PartHeadroom } from './bottleneck.ts';
import { loadAt, loadText } from './capacityLoad.ts';
import type { CapacityLoad } from './capacityLoad.ts';
import type { CapacityResult } from './search.ts';
import type { Slo } from './slo.ts';
import type { VariantResult } from './variantSearch.ts';
import { degradedLines, notApplicableLines, varyLines, whatIfLines } from './variantText.ts';
import type { NotApplicable } from './variants/resolveVariants.ts';

/** Everything `twin capacity` reports, as one object (also its `--json`). */
export interface CapacityReport {
  readonly scenario: string;
  /** The crowd's peak users at scale 1 (0 for an open workload: see `load`). */
  readonly peakUsers: number;
  /** What the answer is counted in: users for a crowd, requests per second for open arrivals. */
  readonly load: CapacityLoad;
  readonly seeds: readonly number[];
  /** The simulated length of each run, and whether it was cut from the scenario's own. */
  readonly runDurationMs: number;
  readonly durationCut: boolean;
  readonly slo: Slo;
  readonly search: CapacityResult;
  readonly parts: readonly PartHeadroom[];
  readonly analytic: AnalyticSummary;
  /** Worker threads the runs were spread over; 0 for in-process. The answer does not depend on it. */
  readonly workers: number;
  /** What-if variants, the most room bought first. */
  readonly whatIf: readonly VariantResult[];
  readonly degraded: readonly VariantResult[];
  /** One search per `--vary` grid point, in the grid's order; empty without --vary. */
  readonly varied: readonly VariantResult[];
  readonly notApplicable: readonly NotApplicable[];
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '∞');
const loadOf = (report: CapacityReport, scale: number) => loadText(report.load, scale);

function sloLine(slo: Slo): string {
  const bounds = [
    ...(slo.p95Ms === undefined ? [] : [`p95 ≤ ${slo.p95Ms} ms`]),
    ...(slo.p99Ms === undefined ? [] : [`p99 ≤ ${slo.p99Ms} ms`]),
    `errors ≤ ${fixed(slo.errorShareMax * 100, 2)} %`,
    `downtime ≤ ${slo.downtimeSecondsMax} s`,
  ];
  return `SLO (www): ${bounds.join(', ')}`;
}

function answerLines(report: CapacityReport): string[] {
  const { search } = report;
  const lines = [
    search.passScale > 0
      ? `Within the SLO up to scale ${fixed(search.passScale, 3)} = ${loadOf(report, search.passScale)} at peak`
      : 'The SLO is broken already at the smallest scale tried.',
  ];
  if (search.failScale !== undefined)
    lines.push(
      `  bracket: passes at ×${fixed(search.passScale, 3)}, fails at ×${fixed(search.failScale, 3)} (${loadOf(report, search.failScale)})`,
    );
  if (search.limitHit !== undefined) lines.push(`  search stopped: ${search.limitHit}`);
  return lines;
}

function pointTable(report: CapacityReport): string[] {
  const parts = report.parts.map((part) => part.part);
  const lines = [
    `scale  ${(report.load.kind === 'users' ? 'users' : 'arrivals/s').padStart(10)}     req/s   p50 ms  p95 ms (seeds' range)   p99 ms  errors %  SLO   ${parts.join('  ')}`,
  ];
  for (const point of report.search.points) {
    const m = point.mean;
    const utilisation = parts.map((part) =>
      `${fixed((point.utilisation[part] ?? 0) * 100, 1)}%`.padStart(part.length),
    );
    lines.push(
      [
        fixed(point.scale, 3).padStart(5),
        loadAt(report.load, point.scale).toLocaleString('en-GB').padStart(10),
        fixed(m.throughputPerSecond, 1).padStart(8),
        fixed(m.p50Ms, 0).padStart(7),
        `${fixed(m.p95Ms, 0).padStart(6)} (${fixed(point.p95RangeMs[0], 0)}–${fixed(point.p95RangeMs[1], 0)})`.padEnd(
          22,
        ),
        fixed(m.p99Ms, 0).padStart(7),
        fixed(m.errorShare * 100, 2).padStart(9),
        (point.ok ? 'pass' : 'FAIL').padStart(5),
        ...utilisation,
      ].join('  '),
    );
  }
  return lines;
}

function headroomLines(report: CapacityReport): string[] {
  const lines = ['Bottleneck and headroom at scale 1 (first to saturate first)'];
  report.parts.forEach((part, index) => {
    const rank = index < 3 ? ['bottleneck', 'next', 'then'][index] : '';
    const saturated =
      part.saturatedAtScale === undefined ? '' : `, ≥ 95 % from ×${fixed(part.saturatedAtScale, 3)}`;
    lines.push(
      `  ${(rank ?? '').padEnd(10)} ${part.part.padEnd(16)} peak ${fixed(part.utilisationAtScale1 * 100, 1)} %, headroom ${fixed(part.headroom * 100, 1)} %, 100 % at ×${fixed(part.fullAtScale, 2)} (linear)${saturated}`,
    );
  });
  return lines;
}

/** MVA's figures at each simulated point, for a closed crowd. */
function mvaLines(report: CapacityReport): string[] {
  const { analytic } = report;
  const lines = [
    `  throughput ≤ 1/D_max = ${fixed(analytic.bounds.throughputMaxPerSecond, 1)} req/s (bottleneck ${analytic.bounds.bottleneck}); knee N* = ${Math.round(analytic.bounds.kneeUsers).toLocaleString('en-GB')} users = ×${fixed(analytic.kneeScale, 2)}`,
  ];
  for (const point of analytic.points) {
    const simulated = report.search.points.find((each) => each.scale === point.scale);
    const difference =
      simulated === undefined || point.throughputPerSecond === 0
        ? ''
        : `, simulated mean over the run (ramp and baseline included) ${fixed(simulated.mean.throughputPerSecond, 1)} req/s (${fixed((simulated.mean.throughputPerSecond / point.throughputPerSecond - 1) * 100, 1)} %)`;
    lines.push(
      `  ×${fixed(point.scale, 3)}: MVA at the peak crowd ${fixed(point.throughputPerSecond, 1)} req/s, response ${fixed(point.responseMs, 0)} ms${difference}`,
    );
  }
  return lines;
}

/**
 * For open arrivals the bound is on the arrival rate itself: past 1/D_max the bottleneck's queue
 * grows without end. MVA is for a closed crowd, so no per-point figures are printed.
 */
function openBoundLines(report: CapacityReport): string[] {
  const { bounds } = report.analytic;
  const peak = report.load.peakAtScale1;
  const boundScale = peak > 0 ? bounds.throughputMaxPerSecond / peak : Number.POSITIVE_INFINITY;
  return [
    `  arrivals ≤ 1/D_max = ${fixed(bounds.throughputMaxPerSecond, 1)} req/s (bottleneck ${bounds.bottleneck}) = ×${fixed(boundScale, 2)} of the arrivals' peak, past which the bottleneck's queue grows without end`,
  ];
}

function analyticLines(report: CapacityReport): string[] {
  const { analytic } = report;
  return [
    `Queueing theory beside it (service demands per request; ${report.load.kind === 'users' ? 'MVA, multi-server stations by Seidmann' : 'open arrivals: the utilisation bound'})`,
    ...analytic.stations.map(
      (station) =>
        `  ${station.name.padEnd(16)} D = ${fixed(station.demandSeconds * 1000, 3)} ms on ${station.servers} server(s)`,
    ),
    ...(report.load.kind === 'users' ? mvaLines(report) : openBoundLines(report)),
    `  the theory leaves out: ${analytic.leftOut.join('; ')}`,
  ];
}

function variantSections(report: CapacityReport): string[] {
  const baseline = {
    load: report.load,
    search: report.search,
    ...(report.parts[0] === undefined ? {} : { bottleneck: report.parts[0].part }),
  };
  const sections = [
    varyLines(baseline, report.varied),
    whatIfLines(baseline, report.whatIf),
    degradedLines(baseline, report.degraded),
    notApplicableLines(report.notApplicable),
  ];
  return sections.flatMap((lines) => (lines.length === 0 ? [] : [...lines, '']));
}

export function capacityText(report: CapacityReport): string {
  const where = report.workers === 0 ? 'run in-process' : `run on ${report.workers} worker thread(s)`;
  return [
    `${report.scenario}: capacity search, ${report.load.kind === 'users' ? 'crowd' : 'open arrivals'} peak ${loadOf(report, 1)} at scale 1`,
    `${report.seeds.length} seed(s) per point (${report.seeds.join(', ')}); each run ${formatDuration(report.runDurationMs)} simulated${report.durationCut ? ' (cut by --duration)' : ''}; ${where}`,
    sloLine(report.slo),
    '',
    ...answerLines(report),
    '',
    ...pointTable(report),
    '',
    ...headroomLines(report),
    '',
    ...analyticLines(report),
    '',
    ...variantSections(report),
  ].join('\n');
}
