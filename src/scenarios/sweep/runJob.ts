import { runScenario } from '../run/runScenario.ts';
import { emptyPointSummary, mergePointSummaries, summariseRun } from './pointSummary.ts';
import type { SweepJob } from './jobs.ts';
import type { SweepPart, TraceHashes } from './sweepPart.ts';

/**
 * Runs one job: every seed of its range, and the re-checks it carries. Returns a partial result
 * that merges with any other; which worker ran it leaves no trace in it.
 */
export function runJob(job: SweepJob, onSeedDone?: () => void): SweepPart {
  let summary = emptyPointSummary();
  const traceHashes: TraceHashes = {};
  const rechecked = new Set(job.rechecked);
  for (let seed = job.range.from; seed <= job.range.to; seed++) {
    const report = runScenario(job.scenario, { seed });
    summary = mergePointSummaries(summary, summariseRun(report));
    if (rechecked.has(seed)) traceHashes[`${job.point}:${seed}`] = { first: report.traceHash };
    onSeedDone?.();
  }
  for (const seed of job.recheckSeeds) {
    const report = runScenario(job.recheckScenario, { seed });
    const key = `${job.recheckPoint}:${seed}`;
    traceHashes[key] = { ...traceHashes[key], second: report.traceHash };
  }
  return {
    sweepId: job.sweepId,
    points: { [job.point]: summary },
    covered: [[job.point, job.range.from, job.range.to]],
    traceHashes,
  };
}
