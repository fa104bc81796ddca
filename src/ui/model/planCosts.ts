import type { Report } from '../../scenarios/report.ts';

/** What a step, or the time outside every step, cost users and admins. */
export interface PlanCost {
  name: string;
  startedAt?: number;
  endedAt?: number;
  failedRequests: number;
  adminDowntimeSeconds: number;
  outcome: string;
}

/** The name of the row for what no step was running during. */
export const OUTSIDE_STEPS = 'outside any step (before or after the plan)';

/**
 * Each step's cost, and what is left of the run's totals once the steps' costs are taken away:
 * what failed while no step ran, so a failure the plan left behind (a CDN never told) is not lost.
 */
export function planCosts(report: Report): PlanCost[] {
  const rows: PlanCost[] = report.steps.map((step) => ({ ...step }));
  const failedTotal = Object.values(report.services).reduce(
    (sum, service) => sum + service.failed + service.timedOut,
    0,
  );
  const failedInSteps = report.steps.reduce((sum, step) => sum + step.failedRequests, 0);
  const adminInSteps = report.steps.reduce((sum, step) => sum + step.adminDowntimeSeconds, 0);
  rows.push({
    name: OUTSIDE_STEPS,
    failedRequests: Math.max(0, failedTotal - failedInSteps),
    adminDowntimeSeconds: Math.max(0, report.admin.downtimeSeconds - adminInSteps),
    outcome: '',
  });
  return rows;
}
