import { Piscina } from 'piscina';
import type { Scenario } from '../schema/index.ts';
import { poolWorkerOptions } from '../sweep/localPool.ts';
import type { Candidate } from './candidate.ts';
import type { CandidateTask } from './checkPoolWorker.ts';
import { runCandidate } from './runCandidate.ts';
import type { CandidateOutcome, Liveness } from './runCandidate.ts';

/**
 * Runs a batch of candidates and gives their outcomes in the batch's order, however many ran at
 * once: the search reads them in that order, so what it finds does not depend on the runner. The
 * outcomes may end at the first failing one (the search reads no further).
 */
export interface CandidateRunner {
  readonly workers: number;
  run(candidates: readonly Candidate[]): Promise<CandidateOutcome[]>;
  close(): Promise<void>;
}

/**
 * Runs candidates one after another in this thread (`--workers 1`, a test's check), stopping at
 * the first failing one: the rest of its batch would not be read.
 */
export function inThreadRunner(scenario: Scenario, liveness: Liveness): CandidateRunner {
  return {
    workers: 1,
    run(candidates) {
      const outcomes: CandidateOutcome[] = [];
      for (const candidate of candidates) {
        const outcome = runCandidate(scenario, candidate, liveness);
        outcomes.push(outcome);
        if (outcome.failures !== undefined && outcome.failures.length > 0) break;
      }
      return Promise.resolve(outcomes);
    },
    close: () => Promise.resolve(),
  };
}

/** A piscina pool of `workers` threads running the check's tasks (checkPoolWorker). */
export function checkPool(workers: number): Piscina {
  return new Piscina({
    ...poolWorkerOptions('checkPoolWorker', new URL('../check/', import.meta.url).href),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
  });
}

/** Runs candidates on `workers` threads of the sweep engine's pool (piscina). */
export function poolRunner(scenario: Scenario, liveness: Liveness, workers: number): CandidateRunner {
  const pool = checkPool(workers);
  return {
    workers,
    run: (candidates) =>
      Promise.all(
        candidates.map(
          (candidate) =>
            pool.run({ scenario, candidate, liveness } satisfies CandidateTask) as Promise<CandidateOutcome>,
        ),
      ),
    close: () => pool.destroy(),
  };
}
