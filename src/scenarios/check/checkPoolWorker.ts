import type { Scenario } from '../schema/index.ts';
import type { Candidate } from './candidate.ts';
import { inThreadRunner } from './candidateRunner.ts';
import { runCandidate } from './runCandidate.ts';
import type { CandidateOutcome, Liveness } from './runCandidate.ts';

/** One candidate run as the pool's task carries it: everything the worker thread needs. */
export interface CandidateTask {
  readonly scenario: Scenario;
  readonly candidate: Candidate;
  readonly liveness: Liveness;
}

/** A batch of candidates as a queue job carries it (`twin check --queue`), run in draw order. */
export interface CandidateBatchTask {
  readonly scenario: Scenario;
  readonly candidates: readonly Candidate[];
  readonly liveness: Liveness;
}

/** The check pool's task: one candidate run and judged in a worker thread. */
export default function candidateTask(task: CandidateTask): CandidateOutcome {
  return runCandidate(task.scenario, task.candidate, task.liveness);
}

/**
 * A queue job's batch, run one after another in a worker thread and stopping at the first failing
 * candidate, as the search reads no further than that.
 */
export function candidateBatch(task: CandidateBatchTask): Promise<CandidateOutcome[]> {
  return inThreadRunner(task.scenario, task.liveness).run(task.candidates);
}
