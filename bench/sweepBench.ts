import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findBuiltinScenario } from '../src/scenarios/builtin/index.ts';
import { planJobs } from '../src/scenarios/sweep/jobs.ts';
import type { SweepJob } from '../src/scenarios/sweep/jobs.ts';
import { LocalPool } from '../src/scenarios/sweep/localPool.ts';
import { sweepOnQueue } from '../src/scenarios/sweep/redisQueue.ts';
import { finishSweep, sweepMeta } from '../src/scenarios/sweep/sweepResult.ts';
import type { SweepPart } from '../src/scenarios/sweep/sweepPart.ts';
import { sweepSpec } from '../src/scenarios/sweep/sweepSpec.ts';
import type { SweepSpec } from '../src/scenarios/sweep/sweepSpec.ts';
import { printTable, verdict } from './report.ts';

/**
 * The same sweep of the Pi Zero launch (003_fadcec8afe75cc12.txt) three ways: the local pool with
 * one worker, with two, and on a Redis queue with two `twin worker` processes. The launch is cut
 * to its first 3 hours (`--vary duration=3h`: the ramp, the hour at the peak and the start of the
 * decay) so 40 seeds take about a minute per way; each way is timed from before its workers start
 * to the merged result, so every way pays its own start-up.
 */
const SEEDS = '1..40';
const SEEDS_PER_JOB = 4;
const ROOT = join(import.meta.dirname, '..');

function spec(): SweepSpec {
  const entry = findBuiltinScenario('pi-zero-launch');
  if (entry === undefined) throw new Error('no built-in pi-zero-launch');
  const result = sweepSpec({
    path: entry.path,
    shownAs: 'pi-zero-launch',
    seeds: SEEDS,
    vary: ['duration=3h'],
    recheckShare: 0.05,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

async function timed(
  run: () => Promise<SweepPart | undefined>,
): Promise<{ seconds: number; part: SweepPart }> {
  const started = performance.now();
  const part = await run();
  if (part === undefined) throw new Error('no job ran');
  return { seconds: (performance.now() - started) / 1000, part };
}

async function onPool(jobs: readonly SweepJob[], workers: number): Promise<SweepPart | undefined> {
  const pool = new LocalPool(workers);
  try {
    return await pool.runAll(jobs);
  } finally {
    await pool.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function onQueue(
  sweepId: string,
  jobs: readonly SweepJob[],
): Promise<{ seconds: number; part: SweepPart }> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const server = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      mkdtempSync(join(tmpdir(), 'bench-redis-')),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const workers: ChildProcess[] = [];
  try {
    const client = new Redis(url, { retryStrategy: (attempt) => (attempt > 50 ? null : 100) });
    await client.ping();
    client.disconnect();
    return await timed(() => {
      for (let index = 0; index < 2; index++)
        workers.push(spawn(process.execPath, ['bin/twin.js', 'worker', url], { cwd: ROOT, stdio: 'ignore' }));
      return sweepOnQueue(url, sweepId, jobs);
    });
  } finally {
    for (const worker of workers) worker.kill('SIGKILL');
    server.kill('SIGTERM');
  }
}

export async function sweepBench(): Promise<boolean> {
  const sweep = spec();
  const jobs = planJobs(sweep, SEEDS_PER_JOB);
  const meta = sweepMeta(sweep);
  const one = await timed(() => onPool(jobs, 1));
  const two = await timed(() => onPool(jobs, 2));
  const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
  const queue = hasRedis ? await onQueue(sweep.id, jobs) : undefined;
  const hashes = [one, two, ...(queue === undefined ? [] : [queue])].map(
    (way) => finishSweep(meta, way.part).contentHash,
  );
  const runs = jobs.reduce(
    (sum, job) => sum + job.range.to - job.range.from + 1 + job.recheckSeeds.length,
    0,
  );
  printTable(
    ['way', 'wall s', 'runs/s', 'content hash'],
    [
      [
        'local pool, 1 worker',
        one.seconds.toFixed(1),
        (runs / one.seconds).toFixed(2),
        (hashes[0] ?? '').slice(0, 16),
      ],
      [
        'local pool, 2 workers',
        two.seconds.toFixed(1),
        (runs / two.seconds).toFixed(2),
        (hashes[1] ?? '').slice(0, 16),
      ],
      ...(queue === undefined
        ? []
        : [
            [
              'Redis, 2 twin workers',
              queue.seconds.toFixed(1),
              (runs / queue.seconds).toFixed(2),
              (hashes[2] ?? '').slice(0, 16),
            ],
          ]),
    ],
  );
  const speedUp = one.seconds / two.seconds;
  console.log(
    `\n${SEEDS} seeds of pi-zero-launch cut to 3 h, ${jobs.length} jobs, ${runs} runs with re-checks`,
  );
  console.log(`2 workers / 1 worker speed-up: ${speedUp.toFixed(2)}×`);
  let held = verdict('every way gives the same content hash', new Set(hashes).size === 1);
  held = verdict('2 workers at least 1.7× as fast as 1 on this 2-core machine', speedUp >= 1.7) && held;
  if (queue === undefined) return verdict('NOT CHECKED: the Redis path needs redis-server', false) && held;
  const overhead = queue.seconds / two.seconds - 1;
  console.log(`Redis path overhead against the local pool: ${(overhead * 100).toFixed(1)} %`);
  return verdict('the Redis path costs at most 15 % more than the local pool', overhead <= 0.15) && held;
}
