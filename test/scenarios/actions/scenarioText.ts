import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

/** A short scenario on the seeds' estate after the migration, with the plan and faults given. */
export function scenarioWith(rest: string, duration = '20m', users = 300): Scenario {
  const text = `
name: action-test
seed: 7
duration: ${duration}
estate:
  extends: raspberrypi-2017-after
workload:
  crowd: { shape: constant, users: ${users} }
  thinkTime: 30s
  mix: { cached: 70%, uncached: 10%, loggedIn: 3%, comments: 0.5%, admin: 0.5%, static: 16% }
  requestTimeout: 30s
${rest}`;
  const result = parseScenarioText(text, 'test.yaml', builtinEstateLibrary);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  return result.scenario;
}

/** The problems validation finds in a scenario, as `path: found`. */
export function problemsOf(rest: string): string[] {
  const text = `
name: action-test
seed: 7
duration: 20m
estate:
  extends: raspberrypi-2017-after
workload:
  crowd: { shape: constant, users: 300 }
  thinkTime: 30s
  mix: { cached: 70%, uncached: 10%, loggedIn: 3%, comments: 0.5%, admin: 0.5%, static: 16% }
  requestTimeout: 30s
${rest}`;
  const result = parseScenarioText(text, 'test.yaml', builtinEstateLibrary);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.found}`);
}
