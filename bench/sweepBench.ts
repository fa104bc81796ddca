import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
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
import { childrenCpuSeconds, numberOption, ownCpuSeconds } from './cpuTime.ts';
import { printTable, verdict } from './report.ts';

/**
 * The same sweep of the Pi Zero launch (003_fadcec8afe75cc12.txt) three ways: the local pool with
 * one worker, with two, and on a Redis queue with two `twin worker` processes. The launch is cut
 * to its first 2 hours (`--vary duration=120m`: the quiet hour, the ramp and the start of the peak)
 * so the bench stays within minutes on a shared machine. Each way is timed from before its
 * workers start to the merged result, so every way pays its own start-up, and each is judged on
 * CPU time as well as wall time: the CPU of every process involved (this one with its pool
 * threads, the worker processes, redis-server), which another tenant of the machine cannot inflate.
 */
const SEEDS_DEFAULT = 40;
const MINUTES_DEFAULT = 120;
const SEEDS_PER_JOB = 4;
const ROOT = join(import.meta.dirname, '..');

interface Way {
  wallSeconds: number;
  cpuSeconds: number;
  part: SweepPart;
}

function spec(seeds: string, duration: string): SweepSpec {
  const entry = findBuiltinScenario('pi-zero-launch');
  if (entry === undefined) throw new Error('no built-in pi-zero-launch');
  const result = sweepSpec({
    path: entry.path,
    shownAs: 'pi-zero-launch',
    seeds,
    vary: [`duration=${duration}`],
    recheckShare: 0.05,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

/** CPU of this process (every thread) and of its children that have ended, so far. */
function cpuSoFar(): number {
  return ownCpuSeconds() + (childrenCpuSeconds() ?? Number.NaN);
}

async function onPool(jobs: readonly SweepJob[], workers: number): Promise<Way> {
  const wallStartMs = performance.now();
  const cpuStart = cpuSoFar();
  const pool = new LocalPool(workers);
  let part: SweepPart | undefined;
  try {
    part = await pool.runAll(jobs);
  } finally {
    await pool.close();
  }
  if (part === undefined) throw new Error('no job ran');
  return { wallSeconds: (performance.now() - wallStartMs) / 1000, cpuSeconds: cpuSoFar() - cpuStart, part };
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

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode === null ? child.once('exit', () => resolve()) : resolve()));

async function startRedis(): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const client = new Redis(url, { retryStrategy: (attempt) => (attempt > 50 ? null : 100) });
  client.on('error', () => undefined);
  await client.ping();
  client.disconnect();
  return { url, server };
}

/** A `twin worker` process on the compiled CLI (TWIN_FROM=dist: never tsx, which would cost its start). */
function startWorker(url: string, extra: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, ['bin/twin.js', 'worker', url, ...extra], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, TWIN_FROM: 'dist' },
  });
}

/**
 * The Redis way: redis-server, two worker processes and this process's flow and merge. The
 * workers are stopped (SIGTERM) and redis-server too before the CPU is read, so theirs counts.
 */
async function onQueue(sweepId: string, jobs: readonly SweepJob[]): Promise<Way> {
  const wallStartMs = performance.now();
  const cpuStart = cpuSoFar();
  const { url, server } = await startRedis();
  const workers = [startWorker(url), startWorker(url)];
  let part: SweepPart;
  try {
    part = await sweepOnQueue(url, sweepId, jobs);
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map(exited));
  }
  const wallSeconds = (performance.now() - wallStartMs) / 1000;
  server.kill('SIGTERM');
  await exited(server);
  return { wallSeconds, cpuSeconds: cpuSoFar() - cpuStart, part };
}

/** CPU of one worker process that starts, finds nothing to do for a second and exits: its fixed cost. */
async function workerStartCpu(): Promise<number> {
  const { url, server } = await startRedis();
  const before = cpuSoFar();
  const worker = startWorker(url, ['--idle-exit', '1']);
  await exited(worker);
  const cpu = cpuSoFar() - before;
  server.kill('SIGTERM');
  await exited(server);
  return cpu;
}

function row(name: string, way: Way, runs: number, hash: string): string[] {
  return [
    name,
    way.wallSeconds.toFixed(1),
    (runs / way.wallSeconds).toFixed(2),
    way.cpuSeconds.toFixed(1),
    (way.cpuSeconds / runs).toFixed(3),
    hash.slice(0, 16),
  ];
}

function distIsFresh(): boolean {
  const probe = spawnSync(process.execPath, ['bin/twin.js', 'list'], {
    cwd: ROOT,
    env: { ...process.env, TWIN_FROM: 'dist' },
  });
  return probe.status === 0;
}

/** `npm run bench -- sweep [--seeds=40] [--minutes=120]`: seeds 1..N of the launch cut to that many minutes. */
export async function sweepBench(args: string[]): Promise<boolean> {
  if (!distIsFresh()) {
    console.log('the compiled CLI in dist-node/ is stale or absent: run npm run build:cli first');
    return false;
  }
  const seeds = `1..${numberOption(args, 'seeds', SEEDS_DEFAULT)}`;
  const duration = `${numberOption(args, 'minutes', MINUTES_DEFAULT)}m`;
  const sweep = spec(seeds, duration);
  const jobs = planJobs(sweep, SEEDS_PER_JOB);
  const meta = sweepMeta(sweep);
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const one = await onPool(jobs, 1);
  const two = await onPool(jobs, 2);
  const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
  const queue = hasRedis ? await onQueue(sweep.id, jobs) : undefined;
  const startCpu = hasRedis ? await workerStartCpu() : Number.NaN;
  const ways = [one, two, ...(queue === undefined ? [] : [queue])];
  const hashes = ways.map((way) => finishSweep(meta, way.part).contentHash);
  const runs = jobs.reduce(
    (sum, job) => sum + job.range.to - job.range.from + 1 + job.recheckSeeds.length,
    0,
  );
  const names = ['local pool, 1 worker', 'local pool, 2 workers', 'Redis, 2 twin workers'];
  printTable(
    ['way', 'wall s', 'runs/s', 'CPU s (all processes)', 'CPU s per run', 'content hash'],
    ways.map((way, index) => row(names[index] ?? '', way, runs, hashes[index] ?? '')),
  );
  console.log(
    `\nseeds ${seeds} of pi-zero-launch cut to ${duration} (--vary duration=${duration}), ${jobs.length} jobs of ${SEEDS_PER_JOB} seeds, ${runs} runs with re-checks`,
  );
  console.log(
    `load average (1 min) before / after: ${loadBefore.toFixed(1)} / ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  const speedUp = one.wallSeconds / two.wallSeconds;
  console.log(`2 workers / 1 worker speed-up (wall): ${speedUp.toFixed(2)}×`);
  console.log(
    `2 workers / 1 worker CPU: ${(two.cpuSeconds / one.cpuSeconds).toFixed(2)}× (1.00 = no parallel overhead)`,
  );
  let held = verdict('every way gives the same content hash', new Set(hashes).size === 1);
  held =
    verdict('2 workers at least 1.7× as fast as 1 on this 2-core machine (wall)', speedUp >= 1.7) && held;
  if (queue === undefined) return verdict('NOT CHECKED: the Redis path needs redis-server', false) && held;
  const cpuOverhead = queue.cpuSeconds / two.cpuSeconds - 1;
  const wallOverhead = queue.wallSeconds / two.wallSeconds - 1;
  console.log(`one twin worker's fixed cost (start, 1 s idle, exit): ${startCpu.toFixed(2)} CPU s`);
  console.log(
    `Redis path overhead against the local pool: ${(cpuOverhead * 100).toFixed(1)} % CPU, ${(wallOverhead * 100).toFixed(1)} % wall`,
  );
  return (
    verdict('the Redis path costs at most 15 % more CPU than the local pool', cpuOverhead <= 0.15) && held
  );
}
