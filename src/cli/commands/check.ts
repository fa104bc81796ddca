import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { describeCounterexample, describeCoverage } from '../../scenarios/check/describe.ts';
import { counterexampleYaml } from '../../scenarios/check/counterexampleFile.ts';
import { fileHash } from '../../scenarios/check/fileHash.ts';
import { encodeReplayToken } from '../../scenarios/check/replayToken.ts';
import { checkScenario } from '../../scenarios/check/runCheck.ts';
import { formatIssue } from '../../scenarios/errors.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import { duration } from '../../scenarios/units.ts';
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
} as const;

/** Defaults: 200 runs (the issue's budget for finding a broken plan), 60 s of shrinking, seed 42. */
const RUNS_DEFAULT = 200;
const SHRINK_TIME_DEFAULT_MS = 60_000;
const SEARCH_SEED_DEFAULT = 42;
const RUNS_MAX = 1_000_000;

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
}

function settingsOf(values: Record<string, string | boolean | undefined>): Parsed<CheckSettings> {
  const runs = wholeOption('runs', values['runs'], RUNS_DEFAULT, RUNS_MAX);
  const seed = wholeOption('seed', values['seed'], SEARCH_SEED_DEFAULT, 2 ** 31 - 1);
  const time = durationOption('time', values['time'], 0);
  const shrink = durationOption('shrink-time', values['shrink-time'], SHRINK_TIME_DEFAULT_MS);
  const coverage = wholeOption('min-coverage', values['min-coverage'], 0, RUNS_MAX);
  for (const option of [runs, seed, time, shrink, coverage]) if (!option.ok) return option;
  const value = (option: Parsed<number>) => (option.ok ? option.value : 0);
  return {
    ok: true,
    value: {
      runs: value(runs),
      seed: value(seed),
      searchTimeMs: value(time),
      shrinkTimeMs: value(shrink),
      minCoverage: value(coverage),
    },
  };
}

/**
 * `twin check`: searches fault schedules, operator pauses, crowds and seeds for a run that breaks
 * the scenario's checks or the safety properties, shrinks the first it finds, and prints it with
 * one replay line. Exit 0 when the plan held with the coverage asked for, 1 when it did not.
 */
function runCheckCommand(args: readonly string[], io: CliIo, usage: string): number {
  const parsed = parseArguments(args, CHECK_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1) {
    io.stderr(`twin check: ${parsed.ok ? 'give one scenario' : parsed.message}\nusage: ${usage}\n`);
    return EXIT_BAD_INPUT;
  }
  const settings = settingsOf(parsed.values);
  if (!settings.ok) {
    io.stderr(`twin check: ${settings.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const argument = parsed.positionals[0] as string;
  const { path, shownAs } = scenarioPath(argument, io);
  const loaded = readScenarioFile(path);
  if (!loaded.ok) {
    io.stderr(
      `${loaded.issues.map((issue) => formatIssue(issue.file === path ? { ...issue, file: shownAs } : issue)).join('\n')}\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const writeFile = parsed.values['write'];
  const writePath =
    typeof writeFile === 'string' ? (isAbsolute(writeFile) ? writeFile : join(io.cwd, writeFile)) : undefined;
  if (writePath !== undefined && (resolve(writePath) === resolve(path) || existsSync(writePath))) {
    io.stderr(
      `twin check: --write: ${writeFile as string} exists; give a new file (an input is never overwritten)\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const { runs, seed, searchTimeMs, shrinkTimeMs, minCoverage } = settings.value;
  const result = checkScenario(loaded.scenario, {
    runs,
    seed,
    searchTimeMs,
    shrinkTimeMs,
    ...(io.isTerminal === true
      ? {
          onRun: (coverage) =>
            io.stderr(
              `\r${loaded.scenario.name}: run ${coverage.runs}/${runs}, ${Math.round(coverage.filledShare() * 100)}% of coverage cells reached`,
            ),
        }
      : {}),
  });
  if (io.isTerminal === true) io.stderr('\r\x1b[K');
  io.stdout(
    `twin check ${shownAs}: ${result.searchRuns} runs (${result.discardedRuns} discarded: a drawn fault the estate refused), search seed ${seed}` +
      `${result.interrupted ? ', stopped by --time' : ''}\n` +
      `fault kinds drawn from: ${result.model.choices.map((choice) => `${choice.kind} (${choice.targets.join(', ')})`).join('; ')}\n\n`,
  );
  io.stdout(describeCoverage(result.coverage));
  const counterexample = result.counterexample;
  if (counterexample !== undefined) {
    const token = encodeReplayToken({
      scenario: argument,
      fileHash: fileHash(path),
      candidate: counterexample.candidate,
    });
    io.stdout(
      `\nCOUNTEREXAMPLE (shrunk ${counterexample.shrinks} times, ${counterexample.candidate.faults.length} faults), trace hash ${counterexample.report.traceHash}\n`,
    );
    io.stdout(
      describeCounterexample(counterexample.candidate, counterexample.report, counterexample.failures),
    );
    io.stdout(`\nreplay: npx twin replay ${token}\n`);
    if (writePath !== undefined) {
      writeFileSync(
        writePath,
        counterexampleYaml(readFileSync(path, 'utf8'), loaded.scenario, counterexample.candidate),
        { flag: 'wx' },
      );
      io.stdout(`counterexample written to ${writeFile as string}\n`);
    }
    return EXIT_CHECK_FAILED;
  }
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

export const checkCommand: Command = {
  name: 'check',
  summary:
    'Search fault schedules, operator pauses and crowds for a run that breaks the plan; shrink it and print a replay line. Exit 1 if found.',
  usage:
    'twin check <scenario> [--runs N] [--seed N] [--time 10m] [--shrink-time 60s] [--min-coverage N] [--write FILE]',
  run(args, io) {
    return runCheckCommand(args, io, this.usage);
  },
};
