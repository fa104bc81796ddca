import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/scenarios/report.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';
import type { Candidate } from '../../../src/scenarios/check/candidate.ts';
import { candidateBatchJobs, outcomesInDrawOrder } from '../../../src/scenarios/check/queueRunner.ts';
import type { CandidateOutcome, Liveness } from '../../../src/scenarios/check/runCandidate.ts';

// Only the candidates' seeds and the outcomes' order matter here: the scenario and reports are stand-ins.
const scenario = { name: 'stand-in' } as unknown as Scenario;
const liveness = { baseline: {} as Report, healBoundMs: 1000 } as Liveness;
const candidate = (seed: number): Candidate => ({ seed, faults: [], stepPausesMs: [], crowdPercent: 100 });
const outcome = (seed: number, failures: string[] | undefined): CandidateOutcome => ({
  report: { traceHash: String(seed) } as Report,
  failures,
});

describe('twin check on a queue: batches and reading them back', () => {
  const candidates = [1, 2, 3, 4, 5].map(candidate);

  it('cuts a batch into jobs in draw order, with ids that depend on the content alone', () => {
    const jobs = candidateBatchJobs(scenario, liveness, candidates, 2);
    expect(jobs.map((job) => job.task.candidates.map((c) => c.seed))).toEqual([[1, 2], [3, 4], [5]]);
    expect(candidateBatchJobs(scenario, liveness, candidates, 2).map((job) => job.id)).toEqual(
      jobs.map((job) => job.id),
    );
    // Another seed in a job gives that job, and only that job, another id.
    const changed = candidateBatchJobs(scenario, liveness, [1, 2, 3, 9, 5].map(candidate), 2);
    expect(changed.map((job, index) => job.id === jobs[index]?.id)).toEqual([true, false, true]);
  });

  it('reads the outcomes in draw order whatever order the values came back in, up to the first failure', () => {
    const jobs = candidateBatchJobs(scenario, liveness, candidates, 2);
    const [a, b, c] = jobs.map((job) => job.id) as [string, string, string];
    const holding = {
      [c]: [outcome(5, [])],
      [b]: [outcome(3, undefined), outcome(4, [])],
      [a]: [outcome(1, []), outcome(2, [])],
    };
    expect(outcomesInDrawOrder(jobs, holding).map((o) => o.report.traceHash)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    // Job b stopped at its first candidate's failure: nothing after it is read, job c's values included.
    const failing = { ...holding, [b]: [outcome(3, ['lost writes'])] };
    expect(outcomesInDrawOrder(jobs, failing).map((o) => o.report.traceHash)).toEqual(['1', '2', '3']);
  });

  it('refuses values that would be read as other candidates (a missing job, or one cut short without a failure)', () => {
    const jobs = candidateBatchJobs(scenario, liveness, candidates, 2);
    const [a, b, c] = jobs.map((job) => job.id) as [string, string, string];
    expect(() =>
      outcomesInDrawOrder(jobs, { [a]: [outcome(1, []), outcome(2, [])], [c]: [outcome(5, [])] }),
    ).toThrow(/no value came back/);
    expect(() =>
      outcomesInDrawOrder(jobs, {
        [a]: [outcome(1, [])],
        [b]: [outcome(3, []), outcome(4, [])],
        [c]: [outcome(5, [])],
      }),
    ).toThrow(/1 outcomes for 2 candidates/);
  });
});
