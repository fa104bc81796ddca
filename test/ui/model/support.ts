import type { TraceLine } from '../../../src/scenarios/export/traceLines.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

export interface BuiltinRun {
  scenario: Scenario;
  report: Report;
  lines: TraceLine[];
}

const runs = new Map<string, BuiltinRun>();

/** A built-in scenario run once per test file, with its trace lines, as the page's worker gives it. */
export function builtinRun(name: string): BuiltinRun {
  const cached = runs.get(name);
  if (cached !== undefined) return cached;
  const scenario = loadScenarioFile(findBuiltinScenario(name)?.path ?? '');
  const lines: TraceLine[] = [];
  const report = runScenario(scenario, { onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine) });
  const run = { scenario, report, lines };
  runs.set(name, run);
  return run;
}
