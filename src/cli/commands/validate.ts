import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { findBuiltinScenario } from '../../scenarios/builtin/index.ts';
import { formatIssue } from '../../scenarios/errors.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import { formatDuration } from '../../scenarios/units.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';

/**
 * A scenario argument is a file path, or the name of a built-in scenario (`twin list`) when no
 * file of that name exists. Shared by every command that takes a scenario.
 */
export function scenarioPath(argument: string, io: CliIo): { path: string; shownAs: string } {
  const builtin = findBuiltinScenario(argument);
  const path = isAbsolute(argument) ? argument : join(io.cwd, argument);
  if (builtin !== undefined && !/[\\/.]/.test(argument) && !existsSync(path))
    return { path: builtin.path, shownAs: builtin.shownAs };
  return { path, shownAs: argument };
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check scenario files without running them; every problem is listed with its line.',
  usage: 'twin validate <scenario>...',
  run(args, io) {
    const parsed = parseArguments(args);
    if (!parsed.ok || parsed.positionals.length === 0) {
      io.stderr(`twin validate: ${parsed.ok ? 'which scenario?' : parsed.message}\nusage: ${this.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    let exitCode = EXIT_OK;
    for (const argument of parsed.positionals) {
      const { path, shownAs } = scenarioPath(argument, io);
      const result = readScenarioFile(path);
      if (result.ok) {
        const { scenario } = result;
        io.stdout(
          `ok ${shownAs}: ${scenario.name}, ${formatDuration(scenario.duration)}, ` +
            `${scenario.plan?.length ?? 0} steps, ${scenario.faults?.length ?? 0} faults, ${scenario.checks?.length ?? 0} checks\n`,
        );
        for (const warning of result.warnings ?? [])
          io.stderr(
            `warning: ${formatIssue(warning.file === path ? { ...warning, file: shownAs } : warning)}\n`,
          );
      } else {
        // Issues name the absolute path the loader read; show the argument as the user wrote it.
        const lines = result.issues.map((issue) =>
          formatIssue(issue.file === path ? { ...issue, file: shownAs } : issue),
        );
        io.stderr(`${lines.join('\n')}\n`);
        exitCode = EXIT_BAD_INPUT;
      }
    }
    return exitCode;
  },
};
