import type { Report, StepReport } from '../../scenarios/report.ts';
import { wallClock } from '../../scenarios/wallClock.ts';
import { formatSeconds } from './format.ts';
import { formatCount, textTable, timelineBar } from './textTable.ts';

/** A step's row: when it ran, what it cost, where it sits on the run's timeline, how it ended. */
function stepRow(report: Report, step: StepReport, timelineWidth: number): string[] {
  return [
    step.name,
    report.startsAt === undefined
      ? formatSeconds(step.startedAt)
      : wallClock(report.startsAt, step.startedAt).slice(11),
    formatSeconds(step.endedAt - step.startedAt),
    formatCount(step.failedRequests),
    formatSeconds(step.adminDowntimeSeconds),
    `|${timelineBar(step.startedAt, step.endedAt, report.durationSeconds, timelineWidth)}|`,
    step.startedLateBySeconds === undefined
      ? step.outcome
      : `${step.outcome} (started ${formatSeconds(step.startedLateBySeconds)} after its at)`,
  ];
}

/** What each plan step cost users and admins, on a timeline of the run; nothing without a plan. */
export function planSection(report: Report, timelineWidth: number): string[] {
  if (report.steps.length === 0) return [];
  const rows = report.steps.map((step) => stepRow(report, step, timelineWidth));
  const { beforePlan, afterPlan, settleSeconds } = report.outsidePlan;
  return [
    'Plan',
    ...textTable(['step', 'at', 'took', 'failed', 'admin down', 'timeline', 'outcome'], rows),
    `a step's failures are those from its start to ${formatSeconds(settleSeconds)} after its end (health checks × fall + request timeout)`,
    `before the plan: ${formatCount(beforePlan.failedRequests)} failed, admin down ${formatSeconds(beforePlan.adminDowntimeSeconds)}; ` +
      `after the plan: ${formatCount(afterPlan.failedRequests)} failed, admin down ${formatSeconds(afterPlan.adminDowntimeSeconds)}`,
    '',
  ];
}
