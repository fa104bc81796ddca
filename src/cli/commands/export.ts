import { writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ScenarioError, formatIssue } from '../../scenarios/errors.ts';
import { perfettoTrace } from '../../scenarios/export/perfetto.ts';
import type { TraceLine } from '../../scenarios/export/traceLines.ts';
import { readScenarioFile } from '../../scenarios/load.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { scenarioPath } from './validate.ts';

const EXPORT_OPTIONS = { perfetto: { type: 'string' }, seed: { type: 'string' } } as const;

/** The seed option as a whole number, or a message saying what was found. */
function seedOption(text: string | boolean | undefined): { seed?: number; message?: string } {
  if (typeof text !== 'string') return {};
  const seed = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(seed))
    return { message: `--seed: found "${text}", expected a whole number` };
  return { seed };
}

/** Writes the file, or says why it could not (checked before the run, so no run is wasted). */
function writeOutput(path: string, text: string): string | undefined {
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return `--perfetto: cannot write ${path}: ${String(code ?? error)}`;
  }
}

/**
 * Runs a scenario and writes its run as Chrome Trace Event JSON for Perfetto UI or
 * chrome://tracing. The export succeeds (exit 0) whatever the checks say: `twin run` judges.
 */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Run a scenario and write it as a Perfetto / chrome://tracing file (Chrome Trace Event JSON).',
  usage: 'twin export --perfetto FILE <scenario> [--seed N]',
  run(args, io: CliIo) {
    const parsed = parseArguments(args, EXPORT_OPTIONS);
    const output = parsed.ok ? parsed.values['perfetto'] : undefined;
    if (!parsed.ok || parsed.positionals.length !== 1 || typeof output !== 'string') {
      const why = parsed.ok ? 'give --perfetto FILE and one scenario' : parsed.message;
      io.stderr(`twin export: ${why}\nusage: ${this.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    const { seed, message } = seedOption(parsed.values['seed']);
    if (message !== undefined) {
      io.stderr(`twin export: ${message}\n`);
      return EXIT_BAD_INPUT;
    }
    const { path, shownAs } = scenarioPath(parsed.positionals[0] as string, io);
    const loaded = readScenarioFile(path);
    if (!loaded.ok) {
      const lines = loaded.issues.map((issue) =>
        formatIssue(issue.file === path ? { ...issue, file: shownAs } : issue),
      );
      io.stderr(`${lines.join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    const outputPath = isAbsolute(output) ? output : join(io.cwd, output);
    const unwritable = writeOutput(outputPath, '');
    if (unwritable !== undefined) {
      io.stderr(`twin export: ${unwritable}\n`);
      return EXIT_BAD_INPUT;
    }
    const lines: TraceLine[] = [];
    try {
      const report = runScenario(loaded.scenario, {
        file: shownAs,
        ...(seed === undefined ? {} : { seed }),
        onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine),
      });
      const trace = perfettoTrace(report, lines);
      writeFileSync(outputPath, `${JSON.stringify(trace)}\n`);
      io.stdout(
        `wrote ${output}: ${trace.traceEvents.length} events from ${report.scenario} (seed ${report.seed}, trace ${report.traceHash.slice(0, 12)})\n`,
      );
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      io.stderr(`${error.issues.map(formatIssue).join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};
