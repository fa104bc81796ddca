import type { Report } from '../scenarios/report.ts';
import { verdictLine } from '../scenarios/verdict.ts';
import { wallClock } from '../scenarios/wallClock.ts';
import { safeText } from './safeText.ts';

/** Seconds as the CLI shows them: `45s`, `12m30s`, `3h05m`, `3.5d`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))}s`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes}m${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
  }
  if (seconds < 2 * 86_400) {
    const hours = Math.floor(seconds / 3600);
    return `${hours}h${String(Math.round((seconds - hours * 3600) / 60)).padStart(2, '0')}m`;
  }
  return `${Number((seconds / 86_400).toFixed(2))}d`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/** A bar for [start, end] on a line `width` characters wide spanning the whole run. */
function timelineBar(startSeconds: number, endSeconds: number, runSeconds: number, width: number): string {
  const scale = runSeconds > 0 ? width / runSeconds : 0;
  const from = Math.min(width - 1, Math.floor(startSeconds * scale));
  const to = Math.min(width, Math.max(from + 1, Math.ceil(endSeconds * scale)));
  return ' '.repeat(from) + '█'.repeat(to - from) + ' '.repeat(width - to);
}

/** A share as a percentage, to two decimals below 100 % so 99.99 % does not read as 100 %. */
export function formatPercent(share: number): string {
  return share >= 1 ? '100%' : `${(Math.floor(share * 10_000) / 100).toFixed(2)}%`;
}

/**
 * The readable report: what users saw per service, what each plan step cost users and admins on a
 * timeline of the run, what happened to the data, and the checks with their verdicts.
 */
export function reportText(report: Report, timelineWidth = 40): string {
  const lines: string[] = [];
  lines.push(`${report.scenario}  (seed ${report.seed}, ${formatSeconds(report.durationSeconds)} simulated)`);
  if (report.startsAt !== undefined)
    lines.push(
      `from ${wallClock(report.startsAt, 0)} to ${wallClock(report.startsAt, report.durationSeconds)}`,
    );
  lines.push(`source: ${report.source}`);
  lines.push(`trace:  ${report.traceHash}  (${report.run.traceLines} lines, ${report.run.events} events)`);
  if (report.run.limitMessage !== undefined) lines.push(`LIMIT:  ${report.run.limitMessage}`);
  if (report.accessLog !== undefined) lines.push(accessLogLine(report.accessLog));
  lines.push('');

  lines.push('Users');
  const serviceRows = Object.entries(report.services).map(([name, service]) => [
    name,
    service.requests.toLocaleString('en-GB'),
    service.answered.toLocaleString('en-GB'),
    service.failed.toLocaleString('en-GB'),
    service.timedOut.toLocaleString('en-GB'),
    service.failedWrites.toLocaleString('en-GB'),
    formatSeconds(service.downSeconds),
    formatSeconds(service.erroredSeconds),
    formatPercent(service.availability),
    service.latencyMs.p50.toFixed(0),
    service.latencyMs.p95.toFixed(0),
    service.latencyMs.p99.toFixed(0),
  ]);
  lines.push(
    ...table(
      [
        'service',
        'requests',
        'answered',
        'failed',
        'timed out',
        'of which writes',
        'down',
        'errored',
        'available',
        'p50 ms',
        'p95 ms',
        'p99 ms',
      ],
      serviceRows,
    ),
  );
  lines.push(
    `down: a second with no way to serve, or over ${formatPercent(report.slo.errorThresholdShare)} failed or timed out; ` +
      `available: answered within ${formatSeconds(report.slo.latencyObjectiveMs / 1000)}; ` +
      'percentiles over every request (timed out at the timeout)',
  );
  lines.push(`admin downtime: ${formatSeconds(report.admin.downtimeSeconds)}`);
  lines.push('');

  if (report.steps.length > 0) {
    lines.push('Plan');
    const stepRows = report.steps.map((step) => [
      step.name,
      report.startsAt === undefined
        ? formatSeconds(step.startedAt)
        : wallClock(report.startsAt, step.startedAt).slice(11),
      formatSeconds(step.endedAt - step.startedAt),
      step.failedRequests.toLocaleString('en-GB'),
      formatSeconds(step.adminDowntimeSeconds),
      `|${timelineBar(step.startedAt, step.endedAt, report.durationSeconds, timelineWidth)}|`,
      step.startedLateBySeconds === undefined
        ? step.outcome
        : `${step.outcome} (started ${formatSeconds(step.startedLateBySeconds)} after its at)`,
    ]);
    lines.push(...table(['step', 'at', 'took', 'failed', 'admin down', 'timeline', 'outcome'], stepRows));
    const { beforePlan, afterPlan, settleSeconds } = report.outsidePlan;
    lines.push(
      `a step's failures are those from its start to ${formatSeconds(settleSeconds)} after its end (health checks × fall + request timeout)`,
      `before the plan: ${beforePlan.failedRequests.toLocaleString('en-GB')} failed, admin down ${formatSeconds(beforePlan.adminDowntimeSeconds)}; ` +
        `after the plan: ${afterPlan.failedRequests.toLocaleString('en-GB')} failed, admin down ${formatSeconds(afterPlan.adminDowntimeSeconds)}`,
    );
    lines.push('');
  }

  lines.push('Data');
  lines.push(
    `acknowledged writes: ${report.data.acknowledgedWrites.toLocaleString('en-GB')}   lost: ${report.data.lostWrites}   split brain: ${report.data.splitBrain ? 'YES' : 'no'}`,
  );
  lines.push('');

  lines.push('Checks');
  for (const check of report.checks) {
    const detail = check.detail === undefined ? '' : `  (${check.detail})`;
    lines.push(
      `${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${String(check.actual)} (limit ${String(check.limit)})${detail}`,
    );
  }
  lines.push('');
  lines.push(verdictLine(report));
  return lines.join('\n') + '\n';
}

/** The replayed access log, with its malformed lines counted. */
function accessLogLine(log: NonNullable<Report['accessLog']>): string {
  const first = log.firstMalformedLine === undefined ? '' : `, the first at line ${log.firstMalformedLine}`;
  return `replay: ${safeText(log.file)} (${log.mode}): ${log.lines.toLocaleString('en-GB')} lines, ${log.malformed.toLocaleString('en-GB')} malformed and skipped${first}`;
}
