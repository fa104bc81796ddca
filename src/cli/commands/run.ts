import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ScenarioError, formatIssue } from '../../scenarios/errors.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import type { Report } from '../../scenarios/report.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { reportText } from '../reportText.ts';
import { scenarioPath } from './validate.ts';

/** Options of `twin run`. */
const RUN_OPTIONS = {
  seed: { type: 'string' },
  json: { type: 'string' },
  trace: { type: 'string' },
} as const;

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

  const traceFile = parsed.values['trace'];
  const traceFd = typeof traceFile === 'string' ? openSync(resolvePath(traceFile, io), 'w') : undefined;
  const showProgress = io.isTerminal === true;
  let report: Report;
  try {
    report = runScenario(loaded.scenario, {
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
    if (error instanceof ScenarioError) {
      io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`);
      return { exitCode: EXIT_BAD_INPUT };
    }
    throw error;
  } finally {
    if (traceFd !== undefined) closeSync(traceFd);
    if (showProgress) io.stderr('\r\x1b[K');
  }
  const jsonFile = parsed.values['json'];
  if (typeof jsonFile === 'string')
    writeFileSync(resolvePath(jsonFile, io), `${JSON.stringify(report, null, 2)}\n`);
  io.stdout(reportText(report));
  return { exitCode: report.ok ? EXIT_OK : EXIT_CHECK_FAILED, report };
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a scenario and report what users, admins and the data saw; exit 1 if a check fails.',
  usage: 'twin run <scenario> [--seed N] [--json FILE] [--trace FILE]',
  run(args, io) {
    return runScenarioCommand(args, io, this.usage).exitCode;
  },
};
