import { expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import { reportSchema } from '../../../src/scenarios/report.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/**
 * Runs built-in scenarios and asserts their verdict: every check passes except exactly those the
 * scenario says it is meant to fail (its `expectFailures`, for the broken variants), and the
 * report matches the exported report schema. Split over two files so vitest runs them in parallel.
 */
export function itGivesTheExpectedVerdict(name: string): void {
  it(`${name}: fails exactly the checks it expects to fail, and its report matches the schema`, () => {
    const entry = findBuiltinScenario(name);
    if (entry === undefined) throw new Error(`no built-in scenario ${name}`);
    const scenario = loadScenarioFile(entry.path);
    const report = runScenario(scenario);
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.run.stoppedBy).toBe('until');
    expect(report.run.limitMessage).toBeUndefined();
    const failing = report.checks.filter((check) => !check.ok).map((check) => check.name);
    const expected = scenario.expectFailures ?? [];
    expect(failing.sort()).toEqual([...expected].sort());
    expect(report.ok).toBe(expected.length === 0);
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.steps.every((step) => step.outcome === 'done')).toBe(true);
    expect(idleWhileServing(report)).toEqual([]);
  });
}

/**
 * Parts that served traffic yet report all-zero utilisation: a web server that answered requests,
 * the VM or Pi it runs on, and a CDN node that was serving while users were answered.
 */
export function idleWhileServing(report: Report): string[] {
  const idle: string[] = [];
  const answered = report.services['www']?.answered ?? 0;
  for (const [id, part] of Object.entries(report.parts)) {
    const served =
      (part.requestsAnswered ?? 0) > 0 ||
      Object.entries(report.parts).some(
        ([held, heldPart]) => held.startsWith(`${id}/`) && (heldPart.requestsAnswered ?? 0) > 0,
      ) ||
      (part.kind === 'cdnNode' &&
        answered > 0 &&
        part.states.some((change) => change.tags.includes('serving')));
    if (served && part.utilisationPeak === 0) idle.push(id);
  }
  return idle;
}
