import type { Report } from '../report.ts';
import { mergeHistograms, singleValue } from './histogram.ts';
import type { Histogram } from './histogram.ts';

/**
 * What a sweep keeps of the runs at one grid point: a histogram per report figure, pass/fail
 * counts per check, and the lowest failing seeds per check. Every field merges exactly, by a
 * commutative and associative rule, so runs may be grouped and merged in any order.
 */
export interface PointSummary {
  runs: number;
  figures: Record<string, Histogram>;
  checks: Record<string, { pass: number; fail: number }>;
  /** Per check (and NOT_OK for runs not ok overall): how many seeds failed, and the lowest of them. */
  failingSeeds: Record<string, { count: number; seeds: number[] }>;
}

/** Key of failingSeeds for runs whose overall verdict was not ok (a failed check, a limit, an unfinished plan). */
export const NOT_OK = '(run not ok)';
/** Failing seeds kept per check: enough to replay a few, bounded however many fail. */
export const FAILING_SEEDS_KEPT = 20;

export function emptyPointSummary(): PointSummary {
  return { runs: 0, figures: {}, checks: {}, failingSeeds: {} };
}

/** The report's figures by name, every one a number: what a sweep shows the spread of. */
export function reportFigures(report: Report): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [name, service] of Object.entries(report.services)) {
    figures[`${name}.requests`] = service.requests;
    figures[`${name}.failed`] = service.failed;
    figures[`${name}.timedOut`] = service.timedOut;
    figures[`${name}.downtimeSeconds`] = service.downtimeSeconds;
    figures[`${name}.latencyMs.p50`] = service.latencyMs.p50;
    figures[`${name}.latencyMs.p95`] = service.latencyMs.p95;
    figures[`${name}.latencyMs.p99`] = service.latencyMs.p99;
  }
  figures['admin.downtimeSeconds'] = report.admin.downtimeSeconds;
  figures['data.acknowledgedWrites'] = report.data.acknowledgedWrites;
  figures['data.lostWrites'] = report.data.lostWrites;
  figures['data.splitBrain'] = report.data.splitBrain ? 1 : 0;
  for (const step of report.steps) figures[`step.${step.name}.seconds`] = step.endedAt - step.startedAt;
  for (const check of report.checks)
    if (typeof check.actual === 'number') figures[`check.${check.name}`] = check.actual;
  for (const [id, part] of Object.entries(report.parts))
    figures[`part.${id}.utilisationPeak`] = part.utilisationPeak;
  return figures;
}

/** The summary of one run. */
export function summariseRun(report: Report): PointSummary {
  const summary = emptyPointSummary();
  summary.runs = 1;
  for (const [name, value] of Object.entries(reportFigures(report)))
    if (Number.isFinite(value)) summary.figures[name] = singleValue(value);
  for (const check of report.checks) {
    summary.checks[check.name] = { pass: check.ok ? 1 : 0, fail: check.ok ? 0 : 1 };
    if (!check.ok) summary.failingSeeds[check.name] = { count: 1, seeds: [report.seed] };
  }
  if (!report.ok) summary.failingSeeds[NOT_OK] = { count: 1, seeds: [report.seed] };
  return summary;
}

function mergeRecords<Value>(
  a: Record<string, Value>,
  b: Record<string, Value>,
  merge: (x: Value, y: Value) => Value,
): Record<string, Value> {
  const merged: Record<string, Value> = {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    merged[key] = x === undefined ? (y as Value) : y === undefined ? x : merge(x, y);
  }
  return merged;
}

export function mergePointSummaries(a: PointSummary, b: PointSummary): PointSummary {
  return {
    runs: a.runs + b.runs,
    figures: mergeRecords(a.figures, b.figures, mergeHistograms),
    checks: mergeRecords(a.checks, b.checks, (x, y) => ({ pass: x.pass + y.pass, fail: x.fail + y.fail })),
    failingSeeds: mergeRecords(a.failingSeeds, b.failingSeeds, (x, y) => ({
      count: x.count + y.count,
      // The lowest K of a union is the lowest K of the two lowest-K lists: associative and exact.
      seeds: [...new Set([...x.seeds, ...y.seeds])].sort((p, q) => p - q).slice(0, FAILING_SEEDS_KEPT),
    })),
  };
}
