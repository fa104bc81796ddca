import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { chargeLosses } from '../../../src/scenarios/run/blame.ts';
import type { LossSources } from '../../../src/scenarios/run/blame.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

function run(name: string): Report {
  const entry = findBuiltinScenario(name);
  if (entry === undefined) throw new Error(`no built-in scenario ${name}`);
  return runScenario(loadScenarioFile(entry.path));
}

/** The rows of the blame table: steps, faults, and before, between and after the plan. */
function rows(
  report: Report,
): { failedRequests: number; adminDowntimeSeconds: number; downSeconds?: number }[] {
  const outside = report.outsidePlan;
  return [
    ...report.steps,
    ...(report.faults ?? []),
    outside.beforePlan,
    ...(outside.betweenSteps === undefined ? [] : [outside.betweenSteps]),
    outside.afterPlan,
  ];
}

/** Every failed or timed-out public request and every down second is in exactly one row. */
function expectEveryFailureCharged(report: Report): void {
  const www = report.services['www'];
  const charged = rows(report).reduce((sum, row) => sum + row.failedRequests, 0);
  expect(charged).toBe((www?.failed ?? 0) + (www?.timedOut ?? 0));
  const down = rows(report).reduce((sum, row) => sum + (row.downSeconds ?? 0), 0);
  expect(down).toBe(www?.downSeconds);
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
    const adminCharged = rows(report).reduce((sum, row) => sum + row.adminDowntimeSeconds, 0);
    expect(adminCharged).toBe(admin);
    expect(admin).toBeGreaterThan(0);
  });
});

/**
 * A hand-made run of 100 s: one failed request in each of seconds 0..99 (so a row's failures are
 * its seconds), admin down in seconds 40..59, and the site down in seconds 10..14.
 */
const perSecond: LossSources = {
  runSeconds: 100,
  failedBetween: (from, to) => Math.max(0, Math.min(to, 100) - from),
  adminDownSecondsBetween: (from, to) => Math.max(0, Math.min(to, 60) - Math.max(from, 40)),
  isDownSecond: (second) => second >= 10 && second < 15,
};

describe('chargeLosses', () => {
  it('charges each second to one row: before, steps, between, after', () => {
    const blame = chargeLosses(
      [{ fromMs: 10_000, toMs: 20_500 }, undefined, { fromMs: 30_000, toMs: 50_000 }],
      [],
      perSecond,
    );
    // Seconds 0..9 before the plan; 10..19 the first step (20.5 s ends in second 20, excluded);
    // 20..29 between the steps; 30..49 the third step; 50..99 after it.
    expect(blame.beforePlan).toEqual({ failedRequests: 10, downSeconds: 0, adminDowntimeSeconds: 0 });
    expect(blame.steps[0]).toEqual({ failedRequests: 10, downSeconds: 5, adminDowntimeSeconds: 0 });
    expect(blame.steps[1]).toEqual({ failedRequests: 0, downSeconds: 0, adminDowntimeSeconds: 0 });
    expect(blame.betweenSteps.failedRequests).toBe(10);
    expect(blame.steps[2]).toEqual({ failedRequests: 20, downSeconds: 0, adminDowntimeSeconds: 10 });
    expect(blame.afterPlan).toEqual({ failedRequests: 50, downSeconds: 0, adminDowntimeSeconds: 10 });
  });

  it('charges a fault injected during a step what follows it, and the step only what is left', () => {
    // A step over 10..49 and a fault over 35..44 inside it: the fault owns 35..44.
    const blame = chargeLosses(
      [{ fromMs: 10_000, toMs: 50_000 }],
      [{ fromMs: 35_000, toMs: 45_000 }],
      perSecond,
    );
    expect(blame.faults[0]).toEqual({ failedRequests: 10, downSeconds: 0, adminDowntimeSeconds: 5 });
    expect(blame.steps[0]).toEqual({ failedRequests: 30, downSeconds: 5, adminDowntimeSeconds: 5 });
    const total =
      blame.beforePlan.failedRequests +
      blame.betweenSteps.failedRequests +
      blame.afterPlan.failedRequests +
      (blame.steps[0]?.failedRequests ?? 0) +
      (blame.faults[0]?.failedRequests ?? 0);
    expect(total).toBe(100);
  });

  it('gives a step started during a fault the seconds from its start: the latest change owns', () => {
    // A fault over 10..39 and a failover step started at 20 s, its window to 29: the step owns 20..29.
    const blame = chargeLosses(
      [{ fromMs: 20_000, toMs: 30_000 }],
      [{ fromMs: 10_000, toMs: 40_000 }],
      perSecond,
    );
    expect(blame.steps[0]?.failedRequests).toBe(10);
    expect(blame.faults[0]?.failedRequests).toBe(20);
    // A fault injected the moment a step starts owns the shared seconds (the plan did not cause it).
    const tie = chargeLosses(
      [{ fromMs: 20_000, toMs: 30_000 }],
      [{ fromMs: 20_000, toMs: 25_000 }],
      perSecond,
    );
    expect(tie.faults[0]?.failedRequests).toBe(5);
    expect(tie.steps[0]?.failedRequests).toBe(5);
  });

  it("gives overlapping faults' shared seconds to the one injected last", () => {
    const blame = chargeLosses(
      [],
      [
        { fromMs: 0, toMs: 30_000 },
        { fromMs: 20_000, toMs: 40_000 },
      ],
      perSecond,
    );
    expect(blame.faults.map((loss) => loss.failedRequests)).toEqual([20, 20]);
    // With no plan, everything outside the faults is "before the plan".
    expect(blame.beforePlan.failedRequests).toBe(60);
  });

  it('lets an unhealed fault own the rest of the run', () => {
    const blame = chargeLosses(
      [{ fromMs: 0, toMs: 10_000 }],
      [{ fromMs: 90_000, toMs: Infinity }],
      perSecond,
    );
    expect(blame.faults[0]?.failedRequests).toBe(10);
    expect(blame.afterPlan.failedRequests).toBe(80);
  });
});
