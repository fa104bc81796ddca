import { SingleBar } from 'cli-progress';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { describeCounterexample, describeCoverage } from '../../scenarios/check/describe.ts';
import { counterexampleYaml } from '../../scenarios/check/counterexampleFile.ts';
import { fileHash } from '../../scenarios/check/fileHash.ts';
import { encodeReplayToken } from '../../scenarios/check/replayToken.ts';
import { poolRunner } from '../../scenarios/check/candidateRunner.ts';
import { queueRunner } from '../../scenarios/check/queueRunner.ts';
import { REDIS_URL_PATTERN } from '../../scenarios/sweep/redisQueue.ts';
import type { Coverage } from '../../scenarios/check/coverage.ts';
import { checkScenario } from '../../scenarios/check/runCheck.ts';
import type { CheckOptions, CheckResult, Counterexample } from '../../scenarios/check/runCheck.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';
import { defaultWorkers } from '../../scenarios/sweep/localPool.ts';
import { formatIssue } from '../../scenarios/errors.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import { duration, formatDuration } from '../../scenarios/units.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { scenarioPath } from '../scenarioArgument.ts';

const CHECK_OPTIONS = {
  runs: { type: 'string' },
  seed: { type: 'string' },
  time: { type: 'string' },
  'shrink-time': { type: 'string' },
  'min-coverage': { type: 'string' },
  write: { type: 'string' },
  workers: { type: 'string' },
  queue: { type: 'string' },
} as const;

/** Defaults: 200 runs (the issue's budget for finding a broken plan), 60 s of shrinking, seed 42. */
const RUNS_DEFAULT = 200;
const SHRINK_TIME_DEFAULT_MS = 60_000;
const SEARCH_SEED_DEFAULT = 42;
const RUNS_MAX = 1_000_000;
/** Worker threads on one machine beyond this are a typo. */
const WORKERS_MAX = 256;

type Parsed<Value> = { ok: true; value: Value } | { ok: false; message: string };

function wholeOption(name: string, text: unknown, fallback: number, max: number): Parsed<number> {
  if (text === undefined) return { ok: true, value: fallback };
  const value = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || value > max)
    return { ok: false, message: `--${name}: found "${String(text)}", expected a whole number up to ${max}` };
  return { ok: true, value };
}

function durationOption(name: string, text: unknown, fallback: number): Parsed<number> {
  if (text === undefined) return { ok: true, value: fallback };
  const parsed = typeof text === 'string' ? duration.parse(text) : undefined;
  if (parsed === undefined || !parsed.ok)
    return {
      ok: false,
      message: `--${name}: found "${String(text)}", expected a duration such as 60s or 10m`,
    };
  return { ok: true, value: parsed.value };
}

interface CheckSettings {
  runs: number;
  seed: number;
  searchTimeMs: number;
  shrinkTimeMs: number;
  minCoverage: number;
  workers: number;
  queue: string | undefined;
}

function settingsOf(values: Record<string, string | boolean | undefined>): Parsed<CheckSettings> {
  const runs = wholeOption('runs', values['runs'], RUNS_DEFAULT, RUNS_MAX);
  const seed = wholeOption('seed', values['seed'], SEARCH_SEED_DEFAULT, 2 ** 31 - 1);
  const time = durationOption('time', values['time'], 0);
  const shrink = durationOption('shrink-time', values['shrink-time'], SHRINK_TIME_DEFAULT_MS);
  const coverage = wholeOption('min-coverage', values['min-coverage'], 0, RUNS_MAX);
  const workers = wholeOption('workers', values['workers'], defaultWorkers(), WORKERS_MAX);
  for (const option of [runs, seed, time, shrink, coverage, workers]) if (!option.ok) return option;
  const value = (option: Parsed<number>) => (option.ok ? option.value : 0);
  if (value(workers) < 1) return { ok: false, message: '--workers: found "0", expected at least 1' };
  const queue = values['queue'];
  if (queue !== undefined && (typeof queue !== 'string' || !REDIS_URL_PATTERN.test(queue)))
    return { ok: false, message: `--queue: found "${String(queue)}", expected redis://host:port` };
  return {
    ok: true,
    value: {
      runs: value(runs),
      seed: value(seed),
      searchTimeMs: value(time),
      shrinkTimeMs: value(shrink),
      minCoverage: value(coverage),
      workers: value(workers),
      queue: typeof queue === 'string' ? queue : undefined,
    },
  };
}

/** A check to run: the scenario as read, where it came from, and what was asked. */
interface CheckRequest {
  argument: string;
  path: string;
  shownAs: string;
  scenario: Scenario;
  settings: CheckSettings;
  writePath: string | undefined;
  writeFile: string | undefined;
}

/** Reads the arguments and the scenario; a string is what to tell the user (bad input). */
function requestOf(args: readonly string[], io: CliIo, usage: string): CheckRequest | string {
  const parsed = parseArguments(args, CHECK_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1)
    return `twin check: ${parsed.ok ? 'give one scenario' : parsed.message}\nusage: ${usage}\n`;
  const settings = settingsOf(parsed.values);
  if (!settings.ok) return `twin check: ${settings.message}\n`;
  const argument = parsed.positionals[0] as string;
  const { path, shownAs } = scenarioPath(argument, io);
  const loaded = readScenarioFile(path);
  if (!loaded.ok)
    return `${loaded.issues.map((issue) => formatIssue(issue.file === path ? { ...issue, file: shownAs } : issue)).join('\n')}\n`;
  const writeFile = parsed.values['write'];
  const writePath =
    typeof writeFile === 'string' ? (isAbsolute(writeFile) ? writeFile : join(io.cwd, writeFile)) : undefined;
  if (writePath !== undefined && (resolve(writePath) === resolve(path) || existsSync(writePath)))
    return `twin check: --write: ${writeFile as string} exists; give a new file (an input is never overwritten)\n`;
  return {
    argument,
    path,
    shownAs,
    scenario: loaded.scenario,
    settings: settings.value,
    writePath,
    writeFile: typeof writeFile === 'string' ? writeFile : undefined,
  };
}

/** Prints the shrunk counterexample with its replay line, and writes it as a scenario when asked. */
function printCounterexample(request: CheckRequest, counterexample: Counterexample, io: CliIo): void {
  const token = encodeReplayToken({
    scenario: request.argument,
    fileHash: fileHash(request.path),
    candidate: counterexample.candidate,
  });
  io.stdout(
    `\nCOUNTEREXAMPLE (shrunk ${counterexample.shrinks} times, ${counterexample.candidate.faults.length} faults), trace hash ${counterexample.report.traceHash}\n`,
  );
  if (counterexample.shrinkInterrupted)
    io.stdout(
      `shrinking stopped by --shrink-time (${formatDuration(request.settings.shrinkTimeMs)}) after ${counterexample.shrinks} smaller failing schedules: this is the smallest reached, not necessarily the smallest\n`,
    );
  io.stdout(describeCounterexample(counterexample.candidate, counterexample.report, counterexample.failures));
  io.stdout(`\nreplay: npx twin replay ${token}\n`);
  if (request.writePath === undefined) return;
  writeFileSync(
    request.writePath,
    counterexampleYaml(readFileSync(request.path, 'utf8'), request.scenario, counterexample.candidate),
    { flag: 'wx' },
  );
  io.stdout(`counterexample written to ${request.writeFile ?? request.writePath}\n`);
}

/** The verdict after the search: a counterexample, coverage below the minimum, or the plan holds. */
function printVerdict(request: CheckRequest, result: CheckResult, io: CliIo): number {
  if (result.counterexample !== undefined) {
    printCounterexample(request, result.counterexample, io);
    return EXIT_CHECK_FAILED;
  }
  const { minCoverage } = request.settings;
  const below = minCoverage > 0 ? result.coverage.cellsBelow(minCoverage) : [];
  if (below.length > 0) {
    io.stdout(
      `\nNOT PROVEN: ${below.length} coverage cells below ${minCoverage} runs:\n${below.map((cell) => `  ${cell}`).join('\n')}\n`,
    );
    return EXIT_CHECK_FAILED;
  }
  io.stdout(`\nHOLDS: no run broke a check or a safety property.\n`);
  return EXIT_OK;
}

/**
 * Candidates run on the pool's threads, or in this thread when one worker is asked for; with a
 * queue, `twin worker` processes run them, `workers` jobs a batch (shrinking stays here).
 */
function runnerFor(workers: number, queue: string | undefined): CheckOptions['runner'] {
  if (queue !== undefined)
    return (scenario, liveness) =>
      queueRunner(queue, `${process.pid}-${randomUUID().slice(0, 8)}`, scenario, liveness, workers);
  return workers === 1 ? undefined : (scenario, liveness) => poolRunner(scenario, liveness, workers);
}

/**
 * `twin check`: searches fault schedules, operator pauses, crowds and seeds for a run that breaks
 * the scenario's checks or the safety properties, shrinks the first it finds, and prints it with
 * one replay line. Exit 0 when the plan held with the coverage asked for, 1 when it did not.
 */
async function runCheckCommand(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const request = requestOf(args, io, usage);
  if (typeof request === 'string') {
    io.stderr(request);
    return EXIT_BAD_INPUT;
  }
  const { runs, seed, searchTimeMs, shrinkTimeMs, workers, queue } = request.settings;
  const name = request.scenario.name;
  const runner = runnerFor(workers, queue);
  // A terminal sees the search's progress with the coverage reached so far; a pipe sees nothing.
  const bar =
    io.isTerminal === true
      ? new SingleBar({
          stream: process.stderr,
          format: `${name} {bar} run {value}/{total} | {coverage}% of coverage cells reached | ETA {eta_formatted}`,
        })
      : undefined;
  bar?.start(runs, 0, { coverage: 0 });
  let result: Awaited<ReturnType<typeof checkScenario>>;
  try {
    result = await checkScenario(request.scenario, {
      runs,
      seed,
      searchTimeMs,
      shrinkTimeMs,
      clockMs: () => performance.now(),
      ...(runner === undefined ? {} : { runner }),
      ...(bar === undefined
        ? {}
        : {
            onRun: (coverage: Coverage) =>
              bar.update(coverage.runs, { coverage: Math.round(coverage.filledShare() * 100) }),
          }),
    });
  } finally {
    bar?.stop();
  }
  io.stdout(
    `twin check ${request.shownAs}: ${result.searchRuns} runs (${result.discardedRuns} discarded: a drawn fault the estate refused), search seed ${seed}` +
      `${result.interrupted ? ', stopped by --time' : ''}\n` +
      `fault kinds drawn from: ${result.model.choices.map((choice) => `${choice.kind} (${choice.targets.join(', ')})`).join('; ')}\n\n`,
  );
  io.stdout(describeCoverage(result.coverage));
  return printVerdict(request, result, io);
}

export const checkCommand: Command = {
  name: 'check',
  summary:
    'Search fault schedules, operator pauses and crowds for a run that breaks the plan; shrink it and print a replay line. Exit 1 if found.',
  usage:
    'twin check <scenario> [--runs N] [--seed N] [--time 10m] [--shrink-time 60s] [--min-coverage N] [--workers N] [--queue redis://host:port] [--write FILE]',
  run(args, io) {
    return runCheckCommand(args, io, this.usage);
  },
};
