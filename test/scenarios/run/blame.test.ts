import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

function run(name: string): Report {
  const entry = findBuiltinScenario(name);
  if (entry === undefined) throw new Error(`no built-in scenario ${name}`);
  return runScenario(loadScenarioFile(entry.path));
}

/** Every failed or timed-out public request is in exactly one row: a step, before or after the plan. */
function expectEveryFailureCharged(report: Report): void {
  const www = report.services['www'];
  const charged =
    report.steps.reduce((sum, step) => sum + step.failedRequests, 0) +
    report.outsidePlan.beforePlan.failedRequests +
    report.outsidePlan.afterPlan.failedRequests;
  expect(charged).toBe((www?.failed ?? 0) + (www?.timedOut ?? 0));
}

describe('blame that follows cause', () => {
  it('charges a 0 s hard shutdown the page views it dropped', () => {
    const report = run('broken-migration-hard-shutdown');
    const shutdown = report.steps.find((step) => step.name.startsWith('Shut down web2 hard'));
    expect(shutdown?.endedAt).toBe(shutdown?.startedAt);
    // Only the hard shutdown drops page views in this plan (the DB switch fails writes only), so
    // every failed page view, failed minus failed writes, is the shutdown's.
    const www = report.services['www'];
    const failedPageViews = (www?.failed ?? 0) + (www?.timedOut ?? 0) - (www?.failedWrites ?? 0);
    expect(failedPageViews).toBeGreaterThan(0);
    expect(shutdown?.failedRequests).toBeGreaterThanOrEqual(failedPageViews);
    expectEveryFailureCharged(report);
  });

  it('keeps the failures of a CDN never told on the moving step or after the plan, never nowhere', () => {
    const report = run('broken-migration-cdn-never-told');
    expectEveryFailureCharged(report);
    const admin = report.admin.downtimeSeconds;
    const adminCharged =
      report.steps.reduce((sum, step) => sum + step.adminDowntimeSeconds, 0) +
      report.outsidePlan.beforePlan.adminDowntimeSeconds +
      report.outsidePlan.afterPlan.adminDowntimeSeconds;
    expect(adminCharged).toBe(admin);
    expect(admin).toBeGreaterThan(0);
  });
});
