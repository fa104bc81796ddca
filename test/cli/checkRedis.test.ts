import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';
import { redisServerInstalled, startRedis } from './support/redisServer.ts';
import type { RunningRedis } from './support/redisServer.ts';
import { startTwin } from './support/twinProcess.ts';
import type { TwinProcess } from './support/twinProcess.ts';

const installed = redisServerInstalled();
if (!installed)
  console.warn(
    'SKIPPED: the Redis check tests need redis-server (apt-get install redis-server; .ci/run does).',
  );

const WORKER = ['--lock-seconds', '5', '--idle-exit', '60'];
/** Process start-up and a full shrink dominate; a loaded 2-core CI machine can take minutes. */
const SLOW_MS = 900_000;

function replayToken(stdout: string): string {
  const match = /replay: npx twin replay (\S+)/.exec(stdout);
  if (match?.[1] === undefined) throw new Error(`no replay line in:\n${stdout}`);
  return match[1];
}

async function stopAll(workers: readonly TwinProcess[]): Promise<void> {
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((worker) => worker.exited));
}

/** The jobs left on the range queue: completed check batches are removed, so none should be. */
async function checkJobsLeft(url: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    return await client.keys('bull:twin-sweep-ranges:check-*');
  } finally {
    client.disconnect();
  }
}

describe.skipIf(!installed)('twin check --queue with twin worker on redis-server', () => {
  let redis: RunningRedis;

  beforeAll(async () => {
    redis = await startRedis();
  }, SLOW_MS);
  afterAll(() => redis?.stop());

  it(
    'finds, through two worker processes, the counterexample and replay token that one thread finds',
    async () => {
      // The shrink budget is wall time: generous, so both shrink to the end and agree.
      const options = ['--runs', '3', '--seed', '7', '--shrink-time', '20m'];
      const plan = 'broken-migration-hard-shutdown';
      const local = await twin(['check', plan, ...options, '--workers', '1']);
      const workers = [
        startTwin(['worker', redis.url, ...WORKER]),
        startTwin(['worker', redis.url, ...WORKER]),
      ];
      let queued: Awaited<ReturnType<typeof twin>>;
      try {
        queued = await twin(['check', plan, ...options, '--queue', redis.url]);
      } finally {
        await stopAll(workers);
      }
      expect(local.code).toBe(1);
      expect(queued.code).toBe(1);
      expect(replayToken(queued.stdout)).toBe(replayToken(local.stdout));
      expect(queued.stdout).toBe(local.stdout);
      // The candidates ran on the worker processes, not in the checking one.
      expect(workers.some((worker) => /took check-/.test(worker.stderr()))).toBe(true);
      expect(await checkJobsLeft(redis.url)).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    'lets a plan hold through the queue with the same coverage as one thread',
    async () => {
      const options = ['test/scenarios/check/fixtures/web-move-fixed.yaml', '--runs', '2', '--seed', '3'];
      const local = await twin(['check', ...options, '--workers', '1']);
      const worker = startTwin(['worker', redis.url, ...WORKER]);
      let queued: Awaited<ReturnType<typeof twin>>;
      try {
        queued = await twin(['check', ...options, '--queue', redis.url]);
      } finally {
        await stopAll([worker]);
      }
      expect(local.code).toBe(0);
      expect(queued.code).toBe(0);
      expect(queued.stdout).toContain('HOLDS');
      expect(queued.stdout).toBe(local.stdout);
      expect(worker.stderr()).toMatch(/took check-/);
    },
    SLOW_MS,
  );

  it('refuses a queue that is not redis://host:port (bad input, exit 2)', async () => {
    const bad = await twin([
      'check',
      'test/scenarios/check/fixtures/web-move-fixed.yaml',
      '--queue',
      'http://x',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected redis://host:port');
  });
});
