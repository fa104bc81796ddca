import type { FaultReport, Report, StepReport } from '../../scenarios/report.ts';
import { wallClock } from '../../scenarios/wallClock.ts';
import { formatSeconds } from './format.ts';
import { formatCount, textTable, timelineBar } from './textTable.ts';

/** Fault rows the text shows; the rest are summed on one line (the JSON report has them all). */
export const FAULT_ROWS_SHOWN_MAX = 20;

/** A row of the blame table before formatting: a step or a fault. */
interface BlameRow {
  name: string;
  startSeconds: number;
  endSeconds: number;
  took: string;
  failedRequests: number;
  downSeconds: number;
  adminDowntimeSeconds: number;
  outcome: string;
}

function stepRow(step: StepReport): BlameRow {
  return {
    name: step.name,
    startSeconds: step.startedAt,
    endSeconds: step.endedAt,
    took: formatSeconds(step.endedAt - step.startedAt),
    failedRequests: step.failedRequests,
    downSeconds: step.downSeconds ?? 0,
    adminDowntimeSeconds: step.adminDowntimeSeconds,
    outcome:
      step.startedLateBySeconds === undefined
        ? step.outcome
        : `${step.outcome} (started ${formatSeconds(step.startedLateBySeconds)} after its at)`,
  };
}

function faultRow(fault: FaultReport, runSeconds: number): BlameRow {
  const healed = fault.healedAt;
  const outcome = !fault.tookEffect
    ? 'fault, had no effect'
    : healed === undefined
      ? 'fault, not over'
      : 'fault, over';
  return {
    name: `${fault.name} (${fault.kind} on ${fault.target})`,
    startSeconds: fault.at,
    endSeconds: healed ?? runSeconds,
    took: healed === undefined ? '-' : formatSeconds(healed - fault.at),
    failedRequests: fault.failedRequests,
    downSeconds: fault.downSeconds,
    adminDowntimeSeconds: fault.adminDowntimeSeconds,
    outcome,
  };
}

function cells(report: Report, row: BlameRow, timelineWidth: number): string[] {
  return [
    row.name,
    report.startsAt === undefined
      ? formatSeconds(row.startSeconds)
      : wallClock(report.startsAt, row.startSeconds).slice(11),
    row.took,
    formatCount(row.failedRequests),
    formatSeconds(row.downSeconds),
    formatSeconds(row.adminDowntimeSeconds),
    `|${timelineBar(row.startSeconds, row.endSeconds, report.durationSeconds, timelineWidth)}|`,
    row.outcome,
  ];
}

/** The fault rows past FAULT_ROWS_SHOWN_MAX, summed on one line. */
function hiddenFaultsLine(faults: readonly FaultReport[]): string[] {
  const hidden = faults.slice(FAULT_ROWS_SHOWN_MAX);
  if (hidden.length === 0) return [];
  const failed = hidden.reduce((sum, fault) => sum + fault.failedRequests, 0);
  const down = hidden.reduce((sum, fault) => sum + fault.downSeconds, 0);
  return [
    `and ${hidden.length} more faults: ${formatCount(failed)} failed, down ${formatSeconds(down)} (all in --json)`,
  ];
}

/**
 * What each plan step and each fault cost users and admins, in order of time on a timeline of the
 * run, with what fell outside every window; nothing for a run with neither.
 */
export function planSection(report: Report, timelineWidth: number): string[] {
  const faults = report.faults ?? [];
  if (report.steps.length === 0 && faults.length === 0) return [];
  const rows = [
    ...report.steps.map(stepRow),
    ...faults.slice(0, FAULT_ROWS_SHOWN_MAX).map((fault) => faultRow(fault, report.durationSeconds)),
  ].sort((a, b) => a.startSeconds - b.startSeconds);
  const { beforePlan, betweenSteps, afterPlan, settleSeconds } = report.outsidePlan;
  const loss = (
    what: string,
    row: { failedRequests: number; adminDowntimeSeconds: number; downSeconds?: number },
  ) =>
    `${what}: ${formatCount(row.failedRequests)} failed, down ${formatSeconds(row.downSeconds ?? 0)}, admin down ${formatSeconds(row.adminDowntimeSeconds)}`;
  return [
    faults.length === 0 ? 'Plan' : 'Plan and faults',
    ...textTable(
      ['step or fault', 'at', 'took', 'failed', 'down', 'admin down', 'timeline', 'outcome'],
      rows.map((row) => cells(report, row, timelineWidth)),
    ),
    ...hiddenFaultsLine(faults),
    `a row owns what users lost from its start to ${formatSeconds(settleSeconds)} after its end (health checks × fall + request timeout); ` +
      'where windows overlap, the row that started last owns the second, so nothing is counted twice',
    // Without a plan, every second outside the faults' windows is "before the plan".
    report.steps.length === 0
      ? loss("outside every fault's window", beforePlan)
      : [
          loss('before the plan', beforePlan),
          ...(betweenSteps === undefined ? [] : [loss('between steps', betweenSteps)]),
          loss('after the plan', afterPlan),
        ].join('; '),
    '',
  ];
}
