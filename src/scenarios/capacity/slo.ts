import type { Report } from '../report.ts';
import type { Scenario } from '../schema/index.ts';

/**
 * The service level objective the capacity search holds the public site (www) to. Each bound
 * comes from the scenario's own checks of the same kind (latency, failed-share, user-downtime)
 * when it has them, else from the command's options, else from the defaults below.
 */
export interface Slo {
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  /** Largest share of requests failed or timed out. */
  readonly errorShareMax: number;
  readonly downtimeSecondsMax: number;
}

/** Assumed defaults: a page within a second for 95 % of users, 1 % errors, no downtime. */
export const SLO_DEFAULTS: Slo = { p95Ms: 1000, errorShareMax: 0.01, downtimeSecondsMax: 0 };

/** The checks' fields this reads, whatever their kind. */
interface CheckBounds {
  readonly check: string;
  readonly service?: string;
  readonly percentile?: string;
  readonly max?: number;
}

/** The SLO: options first, then the scenario's www checks, then the defaults. */
export function sloOf(scenario: Scenario, options: Partial<Slo>): Slo {
  const fromChecks: { p95Ms?: number; p99Ms?: number; errorShareMax?: number; downtimeSecondsMax?: number } =
    {};
  for (const check of (scenario.checks ?? []) as readonly CheckBounds[]) {
    if (check.max === undefined || (check.service ?? 'www') !== 'www') continue;
    if (check.check === 'latency' && check.percentile === 'p95') fromChecks.p95Ms = check.max;
    if (check.check === 'latency' && check.percentile === 'p99') fromChecks.p99Ms = check.max;
    if (check.check === 'failed-share') fromChecks.errorShareMax = check.max;
    if (check.check === 'user-downtime') fromChecks.downtimeSecondsMax = check.max / 1000;
  }
  return { ...SLO_DEFAULTS, ...fromChecks, ...options };
}

/** What one run says of the SLO's figures. */
export interface SloFigures {
  readonly requests: number;
  readonly throughputPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly errorShare: number;
  readonly downtimeSeconds: number;
}

export function sloFigures(report: Report): SloFigures {
  const www = report.services['www'];
  const requests = www?.requests ?? 0;
  const errors = (www?.failed ?? 0) + (www?.timedOut ?? 0);
  return {
    requests,
    throughputPerSecond: report.durationSeconds > 0 ? requests / report.durationSeconds : 0,
    p50Ms: www?.latencyMs.p50 ?? 0,
    p95Ms: www?.latencyMs.p95 ?? 0,
    p99Ms: www?.latencyMs.p99 ?? 0,
    errorShare: requests > 0 ? errors / requests : 0,
    downtimeSeconds: www?.downSeconds ?? 0,
  };
}

/**
 * The SLO's bounds a run broke, as short phrases; none means it held. Latencies are rounded up to
 * the millisecond, so a breach never reads as equal to its bound.
 */
export function sloBreaches(figures: SloFigures, slo: Slo): string[] {
  const breaches: string[] = [];
  if (slo.p95Ms !== undefined && figures.p95Ms > slo.p95Ms)
    breaches.push(`p95 ${Math.ceil(figures.p95Ms)} ms > ${slo.p95Ms} ms`);
  if (slo.p99Ms !== undefined && figures.p99Ms > slo.p99Ms)
    breaches.push(`p99 ${Math.ceil(figures.p99Ms)} ms > ${slo.p99Ms} ms`);
  if (figures.errorShare > slo.errorShareMax)
    breaches.push(
      `errors ${(figures.errorShare * 100).toFixed(2)} % > ${(slo.errorShareMax * 100).toFixed(2)} %`,
    );
  if (figures.downtimeSeconds > slo.downtimeSecondsMax)
    breaches.push(`downtime ${figures.downtimeSeconds} s > ${slo.downtimeSecondsMax} s`);
  return breaches;
}
