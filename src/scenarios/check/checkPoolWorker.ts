import type { Scenario } from '../schema/index.ts';
import type { Candidate } from './candidate.ts';
import { runCandidate } from './runCandidate.ts';
import type { CandidateOutcome, Liveness } from './runCandidate.ts';

/** One candidate run as the pool's task carries it: everything the worker thread needs. */
export interface CandidateTask {
  readonly scenario: Scenario;
  readonly candidate: Candidate;
  readonly liveness: Liveness;
}

/** The check pool's task: one candidate run and judged in a worker thread. */
export default function candidateTask(task: CandidateTask): CandidateOutcome {
  return runCandidate(task.scenario, task.candidate, task.liveness);
}
