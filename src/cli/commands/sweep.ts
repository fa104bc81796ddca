import { closeSync, openSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { formatIssue } from '../../scenarios/errors.ts';
import { sweepCsv, sweepJson, sweepText } from '../../scenarios/sweep/format.ts';
import { JOB_SEEDS_DEFAULT, planJobs, shardJobs } from '../../scenarios/sweep/jobs.ts';
import type { SweepJob } from '../../scenarios/sweep/jobs.ts';
import { defaultWorkers, LocalPool } from '../../scenarios/sweep/localPool.ts';
import { NOT_OK } from '../../scenarios/sweep/pointSummary.ts';
import { REDIS_URL_PATTERN, sweepOnQueue } from '../../scenarios/sweep/redisQueue.ts';
import { DeterminismError, PartMismatchError } from '../../scenarios/sweep/sweepPart.ts';
import type { SweepPart } from '../../scenarios/sweep/sweepPart.ts';
import { finishSweep, sweepMeta } from '../../scenarios/sweep/sweepResult.ts';
import type { SweepMeta, SweepResult } from '../../scenarios/sweep/sweepResult.ts';
import { sweepSpec } from '../../scenarios/sweep/sweepSpec.ts';
import type { SweepSpec } from '../../scenarios/sweep/sweepSpec.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { scenarioPath } from './validate.ts';

/** A bug, not bad input: a sweep whose re-run seed gave another trace is one. */
export const EXIT_BUG = 3;
/** Format tag of a shard's partial result file. */
export const PART_FORMAT = 'estate-twin-sweep-part/1';
/** Workers on one machine beyond this are a typo. */
const WORKERS_MAX = 256;

const SWEEP_OPTIONS = {
  seeds: { type: 'string' },
  vary: { type: 'string', multiple: true },
  workers: { type: 'string' },
  'job-seeds': { type: 'string' },
  recheck: { type: 'string' },
  json: { type: 'string' },
  csv: { type: 'string' },
  queue: { type: 'string' },
  shard: { type: 'string' },
  out: { type: 'string' },
} as const;

export class UsageError extends Error {}

export function resolvePath(file: string, io: CliIo): string {
  return isAbsolute(file) ? file : join(io.cwd, file);
}

/** Opens a file to write before any long work, so an unwritable path is reported at once. */
export function openOutput(option: string, file: string | undefined, io: CliIo): number | undefined {
  if (file === undefined) return undefined;
  try {
    return openSync(resolvePath(file, io), 'w');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`${option}: cannot write ${file} (${String(code ?? error)})`, { cause: error });
  }
}

export function wholeOption(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max)
    throw new UsageError(`--${name}: found "${text}", expected a whole number from 1 to ${max}`);
  return value;
}

function recheckShare(text: string | undefined): number {
  if (text === undefined) return 0.05;
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const percent = match === null ? Number.NaN : Number(match[1]);
  if (!(percent >= 0 && percent <= 100))
    throw new UsageError(`--recheck: found "${text}", expected a percentage such as 5%`);
  return percent / 100;
}

function parseShard(
  text: string | undefined,
  out: string | undefined,
): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > 100_000 || index >= count)
    throw new UsageError(
      `--shard: found "${text}", expected I/N with 0 ≤ I < N, e.g. 0/4 (as JOB_COMPLETION_INDEX counts)`,
    );
  if (out === undefined) throw new UsageError('--shard needs --out FILE for the partial result');
  return { index, count };
}

/** Writes the result's text to stdout and its JSON and CSV to the files already opened. */
export function writeResult(
  result: SweepResult,
  io: CliIo,
  jsonFd: number | undefined,
  csvFd: number | undefined,
): number {
  io.stdout(sweepText(result));
  if (jsonFd !== undefined) writeSync(jsonFd, sweepJson(result));
  if (csvFd !== undefined) writeSync(csvFd, sweepCsv(result));
  const allOk = result.points.every((point) => point.summary.failingSeeds[NOT_OK] === undefined);
  return allOk ? EXIT_OK : EXIT_CHECK_FAILED;
}

/** Merges parts into the result, or says loudly why there is none. */
export function finishOrExplain(
  meta: SweepMeta,
  part: SweepPart | undefined,
  io: CliIo,
  command: string,
): SweepResult | number {
  try {
    if (part === undefined) throw new PartMismatchError('no job ran');
    return finishSweep(meta, part);
  } catch (error) {
    if (error instanceof DeterminismError) {
      io.stderr(`twin ${command}: ${error.message}\n`);
      return EXIT_BUG;
    }
    if (error instanceof PartMismatchError) {
      io.stderr(`twin ${command}: ${error.message}\n`);
      return command === 'merge' ? EXIT_BAD_INPUT : EXIT_BUG;
    }
    throw error;
  }
}

/** Runs of a job, without its re-checks: what the progress bar counts. */
const jobRuns = (job: SweepJob): number => job.range.to - job.range.from + 1;

/**
 * Runs `sweep` with a progress bar of runs done and an ETA on a terminal (stderr), and none when
 * piped; `sweep` calls its argument as each job completes.
 */
async function withProgress(
  jobs: readonly SweepJob[],
  io: CliIo,
  sweep: (onJobDone: (job: SweepJob) => void) => Promise<SweepPart | undefined>,
): Promise<SweepPart | undefined> {
  const bar =
    io.isTerminal === true
      ? new SingleBar({
          stream: process.stderr,
          etaBuffer: 20,
          format: 'sweep {bar} {value}/{total} runs | ETA {eta_formatted}',
        })
      : undefined;
  bar?.start(
    jobs.reduce((sum, job) => sum + jobRuns(job), 0),
    0,
  );
  try {
    return await sweep((job) => bar?.increment(jobRuns(job)));
  } finally {
    bar?.stop();
  }
}

async function runLocally(
  jobs: readonly SweepJob[],
  workers: number,
  io: CliIo,
): Promise<SweepPart | undefined> {
  const pool = new LocalPool(workers);
  try {
    return await withProgress(jobs, io, (onJobDone) => pool.runAll(jobs, onJobDone));
  } finally {
    await pool.close();
  }
}

async function runShard(
  spec: SweepSpec,
  jobs: SweepJob[],
  shard: { index: number; count: number },
  workers: number,
  outFd: number,
  io: CliIo,
): Promise<number> {
  const mine = shardJobs(jobs, shard.index, shard.count);
  const part = (await runLocally(mine, workers, io)) ?? {
    sweepId: spec.id,
    points: {},
    covered: [],
    traceHashes: {},
  };
  writeSync(outFd, `${JSON.stringify({ format: PART_FORMAT, meta: sweepMeta(spec), part })}\n`);
  const runs = mine.reduce((sum, job) => sum + job.range.to - job.range.from + 1, 0);
  io.stdout(
    `shard ${shard.index}/${shard.count} of ${spec.name}: ${mine.length} of ${jobs.length} jobs, ${runs} runs; merge the parts with twin merge\n`,
  );
  return EXIT_OK;
}

async function sweep(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const parsed = parseArguments(args, SWEEP_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1)
    throw new UsageError(`${parsed.ok ? 'give one scenario' : parsed.message}\nusage: ${usage}`);
  const values = parsed.values as Record<string, string | string[] | undefined>;
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const workers = wholeOption('workers', text('workers'), defaultWorkers(), WORKERS_MAX);
  const jobSeeds = wholeOption('job-seeds', text('job-seeds'), JOB_SEEDS_DEFAULT, 100_000);
  const queue = text('queue');
  if (queue !== undefined && !REDIS_URL_PATTERN.test(queue))
    throw new UsageError(`--queue: found "${queue}", expected redis://host:port`);
  const shard = parseShard(text('shard'), text('out'));
  if (shard !== undefined && queue !== undefined)
    throw new UsageError('--shard and --queue: give one of them');
  const { path, shownAs } = scenarioPath(parsed.positionals[0] as string, io);
  const seeds = text('seeds');
  const resolved = sweepSpec({
    path,
    shownAs,
    ...(seeds === undefined ? {} : { seeds }),
    vary: (values['vary'] as string[] | undefined) ?? [],
    recheckShare: recheckShare(text('recheck')),
  });
  if (!resolved.ok) {
    io.stderr(`${resolved.issues.map(formatIssue).join('\n')}\n`);
    return EXIT_BAD_INPUT;
  }
  const { spec } = resolved;
  const jobs = planJobs(spec, jobSeeds);
  if (shard !== undefined) {
    const outFd = openOutput('--out', text('out'), io) as number;
    try {
      return await runShard(spec, jobs, shard, workers, outFd, io);
    } finally {
      closeSync(outFd);
    }
  }
  const jsonFd = openOutput('--json', text('json'), io);
  const csvFd = openOutput('--csv', text('csv'), io);
  try {
    const part =
      queue === undefined
        ? await runLocally(jobs, workers, io)
        : await withProgress(jobs, io, (onJobDone) => sweepOnQueue(queue, spec.id, jobs, onJobDone));
    const result = finishOrExplain(sweepMeta(spec), part, io, 'sweep');
    return typeof result === 'number' ? result : writeResult(result, io, jsonFd, csvFd);
  } finally {
    if (jsonFd !== undefined) closeSync(jsonFd);
    if (csvFd !== undefined) closeSync(csvFd);
  }
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary:
    'Run a scenario over many seeds and a grid of values, on every core, a Redis queue or shards; report the spread.',
  usage:
    'twin sweep <scenario> [--seeds 1..200] [--vary PATH=V1,V2]... [--workers N] [--job-seeds N] [--recheck 5%] ' +
    '[--json FILE] [--csv FILE] [--queue redis://host:port | --shard I/N --out FILE]',
  async run(args, io) {
    try {
      return await sweep(args, io, this.usage);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`twin sweep: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};
