import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { builtinScenarios, findBuiltinScenario } from '../scenarios/builtin/index.ts';
import { formatIssue } from '../scenarios/errors.ts';
import type { ScenarioIssue } from '../scenarios/errors.ts';
import { readScenarioFile } from '../scenarios/load.ts';
import type { ScenarioResult } from '../scenarios/parse.ts';
import type { CliIo } from './command.ts';
import { closestMatch } from './suggest.ts';

/** A word with no slash or dot names a built-in rather than a file. */
const LOOKS_LIKE_A_PATH = /[\\/.]/;

/**
 * A scenario argument is a file path, or the name of a built-in scenario (`twin list`) when no
 * file of that name exists. Shared by every command that takes a scenario.
 */
export function scenarioPath(argument: string, io: CliIo): { path: string; shownAs: string } {
  const builtin = findBuiltinScenario(argument);
  const path = isAbsolute(argument) ? argument : join(io.cwd, argument);
  if (builtin !== undefined && !LOOKS_LIKE_A_PATH.test(argument) && !existsSync(path))
    return { path: builtin.path, shownAs: builtin.shownAs };
  return { path, shownAs: argument };
}

/**
 * Reads the scenario an argument names. Issues name the file as the user wrote it (not the
 * absolute path the loader read), and a missing file whose name is close to a built-in's says so.
 */
export function loadScenarioArgument(
  argument: string,
  io: CliIo,
): { path: string; shownAs: string; result: ScenarioResult } {
  const { path, shownAs } = scenarioPath(argument, io);
  const result = readScenarioFile(path);
  if (result.ok) return { path, shownAs, result };
  const issues = result.issues.map((issue): ScenarioIssue => {
    const placed = issue.file === path ? { ...issue, file: shownAs } : issue;
    return placed.found === 'no such file' && !LOOKS_LIKE_A_PATH.test(argument)
      ? { ...placed, expected: `${placed.expected}${builtinHint(argument)}` }
      : placed;
  });
  return { path, shownAs, result: { ok: false, issues } };
}

function builtinHint(argument: string): string {
  const match = closestMatch(
    argument,
    builtinScenarios.map((scenario) => scenario.name),
  );
  return match === undefined
    ? ', or the name of a built-in scenario (twin list)'
    : `, or a built-in scenario: did you mean "${match}"?`;
}

/** Every issue of a failed load, a line each. */
export function issuesText(issues: readonly ScenarioIssue[]): string {
  return `${issues.map(formatIssue).join('\n')}\n`;
}
