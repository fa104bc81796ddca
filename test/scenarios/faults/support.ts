import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import type { ScenarioIssue } from '../../../src/scenarios/errors.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

export interface ScenarioOptions {
  estate?: string;
  duration?: string;
  users?: number;
  /** The request mix, as a flow mapping; by default reads only. */
  mix?: string;
  /** Extra estate overrides, indented as under `estate:`. */
  estateOverrides?: string;
}

function text(rest: string, options: ScenarioOptions): string {
  return `
name: fault-test
seed: 11
duration: ${options.duration ?? '10m'}
estate:
  extends: ${options.estate ?? 'raspberrypi-2017-after'}
${options.estateOverrides ?? ''}
workload:
  crowd: { shape: constant, users: ${options.users ?? 300} }
  thinkTime: 30s
  mix: ${options.mix ?? '{ cached: 80%, uncached: 4%, static: 16% }'}
  requestTimeout: 30s
${rest}`;
}

/** Parses a short scenario on a built-in estate; throws with the issues when it does not validate. */
export function scenario(rest: string, options: ScenarioOptions = {}): Scenario {
  const result = parseScenarioText(text(rest, options), 'fault-test.yaml', builtinEstateLibrary);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  return result.scenario;
}

/** The issues validation finds in a short scenario (none when it validates). */
export function issuesOf(rest: string, options: ScenarioOptions = {}): readonly ScenarioIssue[] {
  const result = parseScenarioText(text(rest, options), 'fault-test.yaml', builtinEstateLibrary);
  return result.ok ? [] : result.issues;
}

/** The states a part went through, as [seconds, state] pairs. */
export function statesOf(report: Report, partId: string): Array<[number, string]> {
  return (report.parts[partId]?.states ?? []).map((change) => [change.at, change.state]);
}
