import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJobs } from '../../src/scenarios/sweep/jobs.ts';
import { sweepOnQueue } from '../../src/scenarios/sweep/redisQueue.ts';
import { sweepSpec } from '../../src/scenarios/sweep/sweepSpec.ts';
import { repoRoot, twin } from './support/twin.ts';
import { redisServerInstalled, startRedis } from './support/redisServer.ts';
import type { RunningRedis } from './support/redisServer.ts';
import { contentHashOf, SHORT_SCENARIO } from './support/sweep.ts';
import { startTwin } from './support/twinProcess.ts';

const installed = redisServerInstalled();
if (!installed)
  console.warn(
    'SKIPPED: the Redis sweep tests need redis-server (apt-get install redis-server; .ci/run does).',
  );

const SWEEP = ['sweep', SHORT_SCENARIO, '--seeds', '1..12', '--recheck', '50%', '--job-seeds', '3'];
/** Short locks, so a dead worker's job is handed out again within seconds. */
const WORKER = ['--lock-seconds', '2', '--idle-exit', '30'];

/** Thread and process start-up dominate; a loaded 2-core CI machine can take minutes. */
const SLOW_MS = 300_000;

describe.skipIf(!installed)('twin sweep --queue with twin worker on redis-server', () => {
  let redis: RunningRedis;
  let localHash: string;

  beforeAll(async () => {
    redis = await startRedis();
    localHash = contentHashOf((await twin([...SWEEP, '--workers', '2'])).stdout);
  }, SLOW_MS);
  afterAll(() => redis?.stop());

  it(
    'two worker processes give the same content hash as the local pool',
    async () => {
      const workers = [
        startTwin(['worker', redis.url, ...WORKER]),
        startTwin(['worker', redis.url, ...WORKER]),
      ];
      try {
        const swept = await twin([...SWEEP, '--queue', redis.url]);
        expect(swept.stderr).toBe('');
        expect(contentHashOf(swept.stdout)).toBe(localHash);
        // Nothing but the worker processes takes range jobs; which of them took each is up to the
        // queue, and a worker's last lines may still be in its pipe when the sweep returns.
        expect(workers.some((worker) => /took /.test(worker.stderr()))).toBe(true);
      } finally {
        for (const worker of workers) worker.child.kill('SIGTERM');
        await Promise.all(workers.map((worker) => worker.exited));
      }
      // Runs longer than the 2 s lock do not hand a job to a second worker: the lock is renewed
      // while the job runs (on the worker's own thread), so no job is taken twice.
      const taken = workers.flatMap((worker) =>
        [...worker.stderr().matchAll(/took (\S+)/g)].map((m) => m[1]),
      );
      expect(taken.length).toBeGreaterThan(0);
      expect(new Set(taken).size).toBe(taken.length);
    },
    SLOW_MS,
  );

  it(
    'tells the sweeping process of each job as it completes, once (the progress bar counts them)',
    async () => {
      const resolved = sweepSpec({
        path: join(repoRoot, SHORT_SCENARIO),
        shownAs: SHORT_SCENARIO,
        seeds: '1..4',
        vary: ['workload.crowd.peak=600'],
        recheckShare: 0,
      });
      if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
      const jobs = planJobs(resolved.spec, 1);
      const worker = startTwin(['worker', redis.url, ...WORKER]);
      const done: string[] = [];
      try {
        await sweepOnQueue(redis.url, resolved.spec.id, jobs, (job) => done.push(job.id));
      } finally {
        worker.child.kill('SIGTERM');
        await worker.exited;
      }
      expect([...done].sort()).toEqual(jobs.map((job) => job.id).sort());
    },
    SLOW_MS,
  );

  it(
    'completes with the same hash when a worker is killed in the middle of a job',
    async () => {
      const doomed = startTwin(['worker', redis.url, ...WORKER]);
      const sweeping = twin([...SWEEP, '--queue', redis.url]);
      await doomed.waitFor(/took /);
      doomed.child.kill('SIGKILL');
      await doomed.exited;
      expect(doomed.stderr()).not.toMatch(/done /);
      const survivor = startTwin(['worker', redis.url, ...WORKER]);
      try {
        const swept = await sweeping;
        expect(contentHashOf(swept.stdout)).toBe(localHash);
        expect(survivor.stderr()).toMatch(/took /);
      } finally {
        survivor.child.kill('SIGTERM');
        await survivor.exited;
      }
    },
    SLOW_MS,
  );
});
