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
 * Each step's cost, and what was lost while no step's window was open (before the plan, or after
 * its last step settled), as the report gives it: a failure the plan left behind (a CDN never
 * told) is not lost.
 */
export function planCosts(report: Report): PlanCost[] {
  const rows: PlanCost[] = report.steps.map((step) => ({ ...step }));
  const { beforePlan, afterPlan } = report.outsidePlan;
  rows.push({
    name: OUTSIDE_STEPS,
    failedRequests: beforePlan.failedRequests + afterPlan.failedRequests,
    adminDowntimeSeconds: beforePlan.adminDowntimeSeconds + afterPlan.adminDowntimeSeconds,
    outcome: '',
  });
  return rows;
}
