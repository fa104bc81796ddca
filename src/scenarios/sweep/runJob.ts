import { runScenario } from '../run/runScenario.ts';
import { emptyPointSummary, mergePointSummaries, summariseRun } from './pointSummary.ts';
import type { SweepJob } from './jobs.ts';
import type { SweepPart, TraceHashes } from './sweepPart.ts';

/**
 * One job's runs, one run per step: every seed of its range, then the re-checks it carries. The
 * generator's value is the partial result, which merges with any other; which worker ran it
 * leaves no trace in it.
 */
function* jobRuns(job: SweepJob): Generator<void, SweepPart> {
  let summary = emptyPointSummary();
  const traceHashes: TraceHashes = {};
  const rechecked = new Set(job.rechecked);
  for (let seed = job.range.from; seed <= job.range.to; seed++) {
    const report = runScenario(job.scenario, { seed });
    summary = mergePointSummaries(summary, summariseRun(report));
    if (rechecked.has(seed)) traceHashes[`${job.point}:${seed}`] = { first: report.traceHash };
    yield;
  }
  for (const seed of job.recheckSeeds) {
    const report = runScenario(job.recheckScenario, { seed });
    const key = `${job.recheckPoint}:${seed}`;
    traceHashes[key] = { ...traceHashes[key], second: report.traceHash };
    yield;
  }
  return {
    sweepId: job.sweepId,
    points: { [job.point]: summary },
    covered: [[job.point, job.range.from, job.range.to]],
    traceHashes,
  };
}

/** Runs a job to the end at once (in a pool thread, where nothing else waits). */
export function runJob(job: SweepJob): SweepPart {
  const runs = jobRuns(job);
  for (;;) {
    const step = runs.next();
    if (step.done === true) return step.value;
  }
}
