import { isAbsolute, join } from 'node:path';
import { ScenarioError } from '../../scenarios/errors.ts';
import type { Report } from '../../scenarios/report.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { parseArguments } from '../arguments.ts';
import type { ParsedArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { OutputFile, realPathOf } from '../outputFile.ts';
import { reportText } from '../reportText.ts';
import { safeText } from '../safeText.ts';
import { issuesText, loadScenarioArgument } from '../scenarioArgument.ts';
import { applyReplayToken } from './replay.ts';
import { applyVary } from './runVary.ts';

/** Options of `twin run`. */
const RUN_OPTIONS = {
  seed: { type: 'string' },
  json: { type: 'string' },
  trace: { type: 'string' },
  replay: { type: 'string' },
  'check-invariants': { type: 'boolean' },
  vary: { type: 'string', multiple: true },
} as const;

/** What the scenario file's `seed` accepts, said the same way. */
const SEED_EXPECTED = 'a whole number, at least 0';

function resolvePath(file: string, io: CliIo): string {
  return isAbsolute(file) ? file : join(io.cwd, file);
}

/** The seed option as a number, undefined when not given, or the message refusing it. */
function parseSeed(seedText: string | boolean | undefined): number | undefined | { error: string } {
  if (typeof seedText !== 'string') return undefined;
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed))
    return { error: `twin run: --seed: found "${safeText(seedText)}", expected ${SEED_EXPECTED}` };
  return seed;
}

/**
 * Refuses, before anything is opened, an output that is the scenario file itself or the same
 * file as the other output (compared as real paths, so links and `./` do not hide it).
 */
function outputClash(
  outputs: readonly { option: string; path: string }[],
  scenarioFile: string,
): string | undefined {
  const scenarioReal = realPathOf(scenarioFile);
  const seen = new Map<string, string>();
  for (const { option, path } of outputs) {
    const real = realPathOf(path);
    if (real === scenarioReal)
      return `twin run: ${option}: found ${path}, the scenario file itself; expected another file (it would be overwritten)`;
    const other = seen.get(real);
    if (other !== undefined)
      return `twin run: ${option}: found ${path}, the same file as ${other}; expected a file of its own`;
    seen.set(real, option);
  }
  return undefined;
}

/** Opens every output before the run, so a path that cannot be written costs no run. */
function openOutputs(outputs: readonly { option: string; path: string }[]): OutputFile[] | { error: string } {
  const opened: OutputFile[] = [];
  for (const { option, path } of outputs) {
    const file = OutputFile.open(option, path);
    if (!(file instanceof OutputFile)) {
      for (const done of opened) done.abandon();
      return { error: `twin run: ${file.error}` };
    }
    opened.push(file);
  }
  return opened;
}

/** What a run needs once its arguments are read: the scenario, where it came from, the options. */
interface RunInput {
  readonly scenario: Scenario;
  readonly path: string;
  readonly shownAs: string;
  readonly seed: number | undefined;
  readonly values: ParsedValues;
}

type ParsedValues = Extract<ParsedArguments, { ok: true }>['values'];

/** Reads the arguments, loads the scenario and applies a replay token: the input or the refusal. */
function readRunInput(args: readonly string[], io: CliIo, usage: string): RunInput | { error: string } {
  const parsed = parseArguments(args, RUN_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1)
    return { error: `twin run: ${parsed.ok ? 'give one scenario' : parsed.message}\nusage: ${usage}` };
  const seed = parseSeed(parsed.values['seed']);
  if (typeof seed === 'object') return seed;
  const { path, shownAs, result: loaded } = loadScenarioArgument(parsed.positionals[0] as string, io);
  if (!loaded.ok) return { error: safeText(issuesText(loaded.issues), { keepNewlines: true }).trimEnd() };
  const varied = applyVary(parsed.values['vary'], path, shownAs, loaded.scenario);
  if ('error' in varied) return varied;
  let scenario = varied.scenario;
  const replayToken = parsed.values['replay'];
  if (typeof replayToken === 'string') {
    // A check's counterexample: its schedule, pauses, crowd and seed applied to this file.
    const applied = applyReplayToken(replayToken, path, scenario);
    if (!applied.ok) return { error: `twin run: ${safeText(shownAs)}: ${applied.message}` };
    scenario = applied.scenario;
  }
  return { scenario, path, shownAs, seed, values: parsed.values };
}

/** Opens the --trace and --json files asked for, after refusing a clash between them and the scenario. */
function openRunOutputs(input: RunInput, io: CliIo): OutputFile[] | { error: string } {
  const outputs = (['trace', 'json'] as const).flatMap((name) => {
    const value = input.values[name];
    return typeof value === 'string' ? [{ option: `--${name}`, path: resolvePath(value, io) }] : [];
  });
  const clash = outputClash(outputs, input.path);
  if (clash !== undefined) return { error: clash };
  return openOutputs(outputs);
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
  const refuse = (message: string): { exitCode: number } => {
    io.stderr(`${message}\n`);
    return { exitCode: EXIT_BAD_INPUT };
  };
  const input = readRunInput(args, io, usage);
  if ('error' in input) return refuse(input.error);
  const files = openRunOutputs(input, io);
  if (!Array.isArray(files)) return refuse(files.error);
  const traceFile = files.find((file) => file.option === '--trace');
  const jsonFile = files.find((file) => file.option === '--json');

  const showProgress = io.isTerminal === true;
  const progressName = safeText(input.scenario.name);
  let report: Report;
  try {
    report = runScenario(input.scenario, {
      file: input.shownAs,
      checkInvariants: input.values['check-invariants'] === true,
      ...(input.seed === undefined ? {} : { seed: input.seed }),
      ...(traceFile === undefined ? {} : { onTraceLine: (line: string) => traceFile.write(`${line}\n`) }),
      ...(showProgress
        ? { onProgress: (fraction: number) => io.stderr(`\r${progressName}: ${Math.round(fraction * 100)}%`) }
        : {}),
    });
  } catch (error) {
    for (const file of files) file.abandon();
    if (error instanceof ScenarioError) return refuse(issuesText(error.issues).trimEnd());
    throw error;
  } finally {
    if (showProgress) io.stderr('\r\x1b[K');
  }
  io.stdout(safeText(reportText(report), { keepNewlines: true }));
  jsonFile?.write(`${JSON.stringify(report, null, 2)}\n`);
  for (const file of files) file.finish();
  const failures = files.flatMap((file) => (file.failure === undefined ? [] : [`twin run: ${file.failure}`]));
  // The report reached stdout; a file that could not be written is still bad input (its path).
  if (failures.length > 0) return { ...refuse(failures.join('\n')), report };
  return { exitCode: report.ok ? EXIT_OK : EXIT_CHECK_FAILED, report };
}

export const runCommand: Command = {
  name: 'run',
  summary:
    'Run a scenario and report what users, admins and the data saw; exit 1 if a check fails or the run is not valid.',
  usage:
    'twin run <scenario> [--seed N] [--vary PATH=VALUE]... [--json FILE] [--trace FILE] [--replay TOKEN] [--check-invariants]',
  run(args, io) {
    return runScenarioCommand(args, io, this.usage).exitCode;
  },
};
