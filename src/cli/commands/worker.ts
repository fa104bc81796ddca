import { REDIS_URL_PATTERN, startQueueWorker } from '../../scenarios/sweep/redisQueue.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { EXIT_BAD_INPUT } from '../command.ts';
import { UsageError, wholeOption } from './sweep.ts';

const WORKER_OPTIONS = {
  'idle-exit': { type: 'string' },
  'lock-seconds': { type: 'string' },
} as const;

/** A day: longer than any job, short enough that a dead worker's range is not lost for good. */
const LOCK_SECONDS_MAX = 86_400;
const LOCK_SECONDS_DEFAULT = 30;

/**
 * Takes sweep jobs from the Redis queue until stopped (SIGINT, SIGTERM) or, with --idle-exit, until
 * it has had nothing to do for that long. One job at a time, on a worker thread, so this thread
 * renews the job's lock however long a run takes.
 */
async function work(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const parsed = parseArguments(args, WORKER_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1)
    throw new UsageError(
      `${parsed.ok ? 'give the queue, redis://host:port' : parsed.message}\nusage: ${usage}`,
    );
  const url = parsed.positionals[0] as string;
  if (!REDIS_URL_PATTERN.test(url)) throw new UsageError(`found "${url}", expected redis://host:port`);
  const text = (name: string): string | undefined => parsed.values[name] as string | undefined;
  const idleSeconds =
    text('idle-exit') === undefined
      ? undefined
      : wholeOption('idle-exit', text('idle-exit'), 0, LOCK_SECONDS_MAX);
  const lockSeconds = wholeOption(
    'lock-seconds',
    text('lock-seconds'),
    LOCK_SECONDS_DEFAULT,
    LOCK_SECONDS_MAX,
  );

  let active = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const armIdle = (): void => {
    if (idleSeconds !== undefined) idleTimer = setTimeout(stop, idleSeconds * 1000);
  };
  const { worker, close } = startQueueWorker(url, {
    lockMs: lockSeconds * 1000,
    onEvent: (line) => io.stderr(`twin worker: ${line}\n`),
  });
  worker.on('active', () => {
    active++;
    clearTimeout(idleTimer);
  });
  const settled = (): void => {
    active--;
    if (active === 0) armIdle();
  };
  worker.on('completed', settled);
  worker.on('failed', settled);
  worker.on('error', (error) => io.stderr(`twin worker: ${error.message}\n`));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  armIdle();
  io.stderr(`twin worker: taking jobs from ${url} (one job at a time; start one worker per core)\n`);
  await stopped;
  clearTimeout(idleTimer);
  await close();
  io.stderr('twin worker: stopped\n');
  return EXIT_OK;
}

export const workerCommand: Command = {
  name: 'worker',
  summary:
    'Take sweep jobs and check batches from a Redis queue (twin sweep/check --queue) and run them, until stopped or idle.',
  usage: 'twin worker redis://host:port [--idle-exit SECONDS] [--lock-seconds N]',
  async run(args, io) {
    try {
      return await work(args, io, this.usage);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`twin worker: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};
