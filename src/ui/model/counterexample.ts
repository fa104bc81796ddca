import type { Candidate } from '../../scenarios/check/candidate.ts';
import type { Report } from '../../scenarios/report.ts';

/** Where the page lands when it opens a counterexample, and why there. */
export interface BreakMoment {
  seconds: number;
  reason: string;
}

/** Shortest step duration a failure rate is taken over, so an instantaneous step does not divide by zero. */
const RATE_SECONDS_MIN = 1;

/**
 * The moment a counterexample broke its property, by the first rule that applies: a plan step
 * that failed breaks at its end; otherwise the schedule's first fault is what the shrunk run needs
 * to break, so it breaks there; with no fault (the plan alone breaks), the step in which users'
 * requests failed fastest. A run with none of these lands at its start.
 */
export function breakMoment(report: Report, candidate: Candidate): BreakMoment {
  const failedStep = report.steps.find((step) => step.outcome !== 'done' && step.outcome !== 'not run');
  if (failedStep !== undefined)
    return { seconds: failedStep.endedAt, reason: `step "${failedStep.name}" ended ${failedStep.outcome}` };
  const first = [...candidate.faults].sort((a, b) => a.atMs - b.atMs)[0];
  if (first !== undefined)
    return { seconds: first.atMs / 1000, reason: `the first fault: ${first.kind} on ${first.target}` };
  let worst: { seconds: number; rate: number; name: string } | undefined;
  for (const step of report.steps) {
    if (step.failedRequests === 0) continue;
    const rate = step.failedRequests / Math.max(RATE_SECONDS_MIN, step.endedAt - step.startedAt);
    if (worst === undefined || rate > worst.rate) worst = { seconds: step.startedAt, rate, name: step.name };
  }
  if (worst !== undefined)
    return {
      seconds: worst.seconds,
      reason: `no fault: the plan alone breaks it, and users' requests failed fastest in "${worst.name}"`,
    };
  return { seconds: 0, reason: 'nothing in the run points at a moment: the start' };
}
