import { FlowProducer, QueueEvents, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Scenario } from '../schema/index.ts';
import { contentHash } from '../sweep/canonical.ts';
import { CHECK_BATCH_JOB, RANGE_QUEUE, redisConnection } from '../sweep/redisQueue.ts';
import type { Candidate } from './candidate.ts';
import type { CandidateRunner } from './candidateRunner.ts';
import type { CandidateBatchTask } from './checkPoolWorker.ts';
import type { CandidateOutcome, Liveness } from './runCandidate.ts';

/** Candidates per queue job: enough that a job's round trip through Redis is small beside its runs. */
export const QUEUE_JOB_CANDIDATES = 2;

/** A batch job as it goes on the queue: its id is its content's hash, so adding it twice adds it once. */
export interface CandidateBatchJob {
  readonly id: string;
  readonly task: CandidateBatchTask;
}

/** The search's batch cut into jobs of `perJob` candidates, in draw order. */
export function candidateBatchJobs(
  scenario: Scenario,
  liveness: Liveness,
  candidates: readonly Candidate[],
  perJob: number,
): CandidateBatchJob[] {
  const jobs: CandidateBatchJob[] = [];
  for (let start = 0; start < candidates.length; start += perJob) {
    const task = { scenario, liveness, candidates: candidates.slice(start, start + perJob) };
    jobs.push({ id: `check-${contentHash(task).slice(0, 32)}`, task });
  }
  return jobs;
}

/**
 * The jobs' outcomes in draw order, ending at the first failing candidate: a job stops at its
 * first failure, so what follows it in the batch was not all run and is not read. A job that
 * gave no value, or stopped early without a failure, is a bug: its outcomes would be read as
 * other candidates'.
 */
export function outcomesInDrawOrder(
  jobs: readonly CandidateBatchJob[],
  values: Readonly<Record<string, CandidateOutcome[] | undefined>>,
): CandidateOutcome[] {
  const outcomes: CandidateOutcome[] = [];
  for (const job of jobs) {
    const jobOutcomes = values[job.id];
    if (jobOutcomes === undefined) throw new Error(`check batch ${job.id}: no value came back`);
    for (const outcome of jobOutcomes) {
      outcomes.push(outcome);
      if (outcome.failures !== undefined && outcome.failures.length > 0) return outcomes;
    }
    if (jobOutcomes.length !== job.task.candidates.length)
      throw new Error(
        `check batch ${job.id}: ${jobOutcomes.length} outcomes for ${job.task.candidates.length} candidates`,
      );
  }
  return outcomes;
}

/**
 * Runs candidates on the sweep engine's Redis queue, where `twin worker` processes take them as
 * they take sweep ranges. Each batch is one BullMQ flow: a parent job on this runner's own queue
 * whose children are the candidate jobs; when the last child completes, BullMQ hands the parent
 * to this process, which reads every child's value (kept in the parent though the completed
 * children are removed) and puts them back in draw order. `jobs` is how many jobs a batch has.
 * `runnerId` names this runner's parent queue, so two checks at once never take each other's.
 */
export function queueRunner(
  url: string,
  runnerId: string,
  scenario: Scenario,
  liveness: Liveness,
  jobs: number,
): CandidateRunner {
  const connections = [redisConnection(url), redisConnection(url), redisConnection(url)] as const;
  const parentQueue = `twin-check-batches-${runnerId}`;
  const flow = new FlowProducer({ connection: connections[0] });
  const events = new QueueEvents(parentQueue, { connection: connections[1] });
  const waiting = new Map<string, { resolve(values: unknown): void; reject(error: Error): void }>();
  events.on('failed', ({ jobId, failedReason }) =>
    waiting.get(jobId)?.reject(new Error(`a check batch failed on a worker: ${failedReason}`)),
  );
  const merger = new Worker(
    parentQueue,
    async (job: Job) => {
      waiting.get(job.id ?? '')?.resolve(await job.getChildrenValues<CandidateOutcome[]>());
    },
    { connection: connections[2], removeOnComplete: { count: 0 } },
  );
  const ready = events.waitUntilReady();
  return {
    workers: jobs * QUEUE_JOB_CANDIDATES,
    async run(candidates) {
      await ready;
      const batch = candidateBatchJobs(scenario, liveness, candidates, QUEUE_JOB_CANDIDATES);
      const parentId = `batch-${contentHash(batch.map((job) => job.id)).slice(0, 32)}`;
      const values = new Promise<unknown>((resolve, reject) => waiting.set(parentId, { resolve, reject }));
      try {
        await flow.add({
          name: 'check-batch-parent',
          queueName: parentQueue,
          data: {},
          opts: { jobId: parentId, removeOnComplete: true },
          children: batch.map((job) => ({
            name: CHECK_BATCH_JOB,
            queueName: RANGE_QUEUE,
            data: job.task,
            opts: { jobId: job.id, removeOnComplete: true, failParentOnFailure: true },
          })),
        });
        const byKey = (await values) as Record<string, CandidateOutcome[]>;
        // BullMQ keys a child's value by its Redis key, which ends in the job's id.
        const byId = Object.fromEntries(
          Object.entries(byKey).map(([key, value]) => [key.slice(key.lastIndexOf(':') + 1), value]),
        );
        return outcomesInDrawOrder(batch, byId);
      } finally {
        waiting.delete(parentId);
      }
    },
    async close() {
      await merger.close();
      await events.close();
      await flow.close();
      for (const connection of connections) await connection.quit();
    },
  };
}
