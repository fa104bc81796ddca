import { FlowProducer, QueueEvents, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Piscina } from 'piscina';
import { checkPool } from '../check/candidateRunner.ts';
import type { SweepJob } from './jobs.ts';
import { LocalPool } from './localPool.ts';
import { mergeAllParts } from './sweepPart.ts';
import type { SweepPart } from './sweepPart.ts';

/**
 * Sweeps across machines on BullMQ. A sweep is one flow: a parent "merge" job whose children are
 * the range jobs. Workers on any machine take range jobs from one shared queue; when the last
 * child completes, BullMQ hands the parent to the sweeping process, which reads every child's
 * value (kept in the parent even though completed children are removed) and merges them.
 *
 * A job's id is derived from the sweep's content hash and its range, so adding the same sweep
 * again adds nothing, and a job redelivered after its worker died writes the same value under the
 * same key: redelivery changes nothing.
 */

export const RANGE_QUEUE = 'twin-sweep-ranges';

/** The name of a job on the range queue that carries a batch of `twin check` candidates. */
export const CHECK_BATCH_JOB = 'check-batch';

export const REDIS_URL_PATTERN = /^redis:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;

export function redisConnection(url: string): Redis {
  // BullMQ's workers block on Redis; they require no limit on a request's retries.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

export interface QueueWorkerOptions {
  /** How long a taken job stays locked without renewal before another worker may take it again. */
  lockMs: number;
  onEvent?: (line: string) => void;
}

/**
 * Takes range jobs (and check batches) one at a time and runs them on a worker thread of its own, so this thread stays
 * free to renew the job's lock: a run on a loaded machine can take longer than the lock, and a
 * lock renewed only between runs lapsed, handing the job to a second worker that ran it again
 * (the Redis path's overhead, measured at 142 %). Start one worker process per core. Returns the
 * worker and a close that also ends its thread and connection, so the process can exit.
 */
export function startQueueWorker(
  url: string,
  options: QueueWorkerOptions,
): { worker: Worker; close(): Promise<void> } {
  const connection = redisConnection(url);
  const pool = new LocalPool(1);
  // A check batch runs on a thread of its own pool, made when the first one arrives.
  let candidatePool: Piscina | undefined;
  const run = (job: Job): Promise<unknown> => {
    if (job.name !== CHECK_BATCH_JOB) return pool.run(job.data as SweepJob);
    candidatePool ??= checkPool(1);
    return candidatePool.run(job.data, { name: 'candidateBatch' }) as Promise<unknown>;
  };
  const worker = new Worker(RANGE_QUEUE, run, {
    connection,
    concurrency: 1,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    // A job whose worker died is handed out again; only a job that keeps killing workers fails.
    maxStalledCount: 10,
    removeOnComplete: { count: 0 },
  });
  worker.on('active', (job) => options.onEvent?.(`took ${job.id}`));
  worker.on('completed', (job) => options.onEvent?.(`done ${job.id}`));
  worker.on('failed', (job, error) => options.onEvent?.(`failed ${job?.id ?? '?'}: ${error.message}`));
  return {
    worker,
    async close() {
      await worker.close();
      await pool.close();
      await candidatePool?.destroy();
      await connection.quit();
    },
  };
}

/**
 * Calls `onJobDone` once for each of the sweep's jobs as a worker completes it (BullMQ's queue
 * events on the range queue, which other sweeps share: only this sweep's job ids count, and a job
 * completed twice after a redelivery counts once). Returns the listener to close.
 */
async function watchJobs(
  url: string,
  jobs: readonly SweepJob[],
  onJobDone: (job: SweepJob) => void,
): Promise<{ close(): Promise<void> }> {
  const connection = redisConnection(url);
  const events = new QueueEvents(RANGE_QUEUE, { connection });
  const pending = new Map(jobs.map((job) => [job.id, job]));
  events.on('completed', ({ jobId }) => {
    const job = pending.get(jobId);
    if (job === undefined) return;
    pending.delete(jobId);
    onJobDone(job);
  });
  await events.waitUntilReady();
  return {
    async close() {
      await events.close();
      await connection.quit();
    },
  };
}

/**
 * Puts the sweep's jobs on the queue, waits until workers have run every one, and merges them;
 * `onJobDone` hears of each job as it completes (a progress bar).
 */
export async function sweepOnQueue(
  url: string,
  sweepId: string,
  jobs: readonly SweepJob[],
  onJobDone?: (job: SweepJob) => void,
): Promise<SweepPart> {
  const watcher = onJobDone === undefined ? undefined : await watchJobs(url, jobs, onJobDone);
  try {
    return await mergeOnQueue(url, sweepId, jobs);
  } finally {
    await watcher?.close();
  }
}

/** The flow: the range jobs as children of one merge job, which this process takes and merges. */
async function mergeOnQueue(url: string, sweepId: string, jobs: readonly SweepJob[]): Promise<SweepPart> {
  const connections = [redisConnection(url), redisConnection(url), redisConnection(url)] as const;
  const mergeQueue = `twin-sweep-merge-${sweepId.slice(0, 24)}`;
  const parentId = `merge-${sweepId.slice(0, 24)}`;
  const flow = new FlowProducer({ connection: connections[0] });
  const events = new QueueEvents(mergeQueue, { connection: connections[1] });
  let merger: Worker | undefined;
  try {
    await events.waitUntilReady();
    const merged = new Promise<SweepPart>((resolve, reject) => {
      events.on('failed', ({ jobId, failedReason }) => {
        if (jobId === parentId) reject(new Error(`a range job failed: ${failedReason}`));
      });
      merger = new Worker(
        mergeQueue,
        async (job: Job) => {
          const values = await job.getChildrenValues<SweepPart>();
          try {
            resolve(mergeAllParts(Object.values(values)));
          } catch (error) {
            reject(error);
          }
        },
        { connection: connections[2], removeOnComplete: { count: 0 } },
      );
    });
    await flow.add({
      name: 'merge',
      queueName: mergeQueue,
      data: { sweepId },
      opts: { jobId: parentId, removeOnComplete: true },
      children: jobs.map((job) => ({
        name: 'range',
        queueName: RANGE_QUEUE,
        data: job,
        opts: { jobId: job.id, removeOnComplete: true, failParentOnFailure: true },
      })),
    });
    return await merged;
  } finally {
    await (merger as Worker | undefined)?.close();
    await events.close();
    await flow.close();
    for (const connection of connections) await connection.quit();
  }
}
