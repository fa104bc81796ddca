import { closeSync, openSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ScenarioError, formatIssue } from '../../scenarios/errors.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import type { Report } from '../../scenarios/report.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { reportText } from '../reportText.ts';
import { applyReplayToken } from './replay.ts';
import { scenarioPath } from './validate.ts';

/** Options of `twin run`. */
const RUN_OPTIONS = {
  seed: { type: 'string' },
  json: { type: 'string' },
  trace: { type: 'string' },
  replay: { type: 'string' },
} as const;

/** Opens a file to write, or throws an error that names the option, the path and why. */
function openOutput(option: string, path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'ENOENT'
          ? 'its directory does not exist'
          : String(code ?? error);
    throw new Error(`${option}: cannot write ${path}: ${why}`, { cause: error });
  }
}

function resolvePath(file: string, io: CliIo): string {
  return isAbsolute(file) ? file : join(io.cwd, file);
}

/**
 * Runs a scenario (a file or a built-in name) and reports it: readable on stdout, JSON and the
 * trace to files when asked. Progress goes to stderr on a terminal only, so a pipe stays clean.
 */
export function runScenarioCommand(
  args: readonly string[],
  io: CliIo,
  usage: string,
): { exitCode: number; report?: Report } {
  const parsed = parseArguments(args, RUN_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1) {
    io.stderr(`twin run: ${parsed.ok ? 'give one scenario' : parsed.message}\nusage: ${usage}\n`);
    return { exitCode: EXIT_BAD_INPUT };
  }
  const seedText = parsed.values['seed'];
  let seed: number | undefined;
  if (typeof seedText === 'string') {
    seed = Number(seedText);
    if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed)) {
      io.stderr(`twin run: --seed: found "${seedText}", expected a whole number\n`);
      return { exitCode: EXIT_BAD_INPUT };
    }
  }
  const { path, shownAs } = scenarioPath(parsed.positionals[0] as string, io);
  const loaded = readScenarioFile(path);
  if (!loaded.ok) {
    const lines = loaded.issues.map((issue) =>
      formatIssue(issue.file === path ? { ...issue, file: shownAs } : issue),
    );
    io.stderr(`${lines.join('\n')}\n`);
    return { exitCode: EXIT_BAD_INPUT };
  }
  let scenario = loaded.scenario;
  const replayToken = parsed.values['replay'];
  if (typeof replayToken === 'string') {
    // A check's counterexample: its schedule, pauses, crowd and seed applied to this file.
    const applied = applyReplayToken(replayToken, path, scenario);
    if (!applied.ok) {
      io.stderr(`twin run: ${shownAs}: ${applied.message}\n`);
      return { exitCode: EXIT_BAD_INPUT };
    }
    scenario = applied.scenario;
    seed ??= scenario.seed;
  }

  // Both output files are opened before the run, so a path that cannot be written is reported at
  // once rather than after a long run whose result would then be lost.
  const traceFile = parsed.values['trace'];
  const jsonFile = parsed.values['json'];
  let traceFd: number | undefined;
  let jsonFd: number | undefined;
  try {
    if (typeof traceFile === 'string') traceFd = openOutput('--trace', resolvePath(traceFile, io));
    if (typeof jsonFile === 'string') jsonFd = openOutput('--json', resolvePath(jsonFile, io));
  } catch (error) {
    if (traceFd !== undefined) closeSync(traceFd);
    io.stderr(`twin run: ${error instanceof Error ? error.message : String(error)}\n`);
    return { exitCode: EXIT_BAD_INPUT };
  }
  const showProgress = io.isTerminal === true;
  let report: Report;
  try {
    report = runScenario(scenario, {
      file: shownAs,
      ...(seed === undefined ? {} : { seed }),
      ...(traceFd === undefined ? {} : { onTraceLine: (line: string) => writeSync(traceFd, `${line}\n`) }),
      ...(showProgress
        ? {
            onProgress: (fraction: number) =>
              io.stderr(`\r${loaded.scenario.name}: ${Math.round(fraction * 100)}%`),
          }
        : {}),
    });
  } catch (error) {
    if (jsonFd !== undefined) closeSync(jsonFd);
    if (error instanceof ScenarioError) {
      io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`);
      return { exitCode: EXIT_BAD_INPUT };
    }
    throw error;
  } finally {
    if (traceFd !== undefined) closeSync(traceFd);
    if (showProgress) io.stderr('\r\x1b[K');
  }
  io.stdout(reportText(report));
  if (jsonFd !== undefined) {
    writeSync(jsonFd, `${JSON.stringify(report, null, 2)}\n`);
    closeSync(jsonFd);
  }
  return { exitCode: report.ok ? EXIT_OK : EXIT_CHECK_FAILED, report };
}

export const runCommand: Command = {
  name: 'run',
  summary:
    'Run a scenario and report what users, admins and the data saw; exit 1 if a check fails or the run is not valid.',
  usage: 'twin run <scenario> [--seed N] [--json FILE] [--trace FILE] [--replay TOKEN]',
  run(args, io) {
    return runScenarioCommand(args, io, this.usage).exitCode;
  },
};
