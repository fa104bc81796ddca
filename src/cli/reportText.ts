import type { Report } from '../scenarios/report.ts';
import { verdictLine } from '../scenarios/verdict.ts';
import { wallClock } from '../scenarios/wallClock.ts';
import { formatSeconds } from './reportText/format.ts';
import { partsSection } from './reportText/partsSection.ts';
import { planSection } from './reportText/planSection.ts';
import { formatCount } from './reportText/textTable.ts';
import { usersSection } from './reportText/usersSection.ts';
import { safeText } from './safeText.ts';

export { formatPercent, formatSeconds } from './reportText/format.ts';

/** The run's name, seed, span, source and trace, and any limit it reached. */
function headerSection(report: Report): string[] {
  const lines = [
    `${report.scenario}  (seed ${report.seed}, ${formatSeconds(report.durationSeconds)} simulated)`,
  ];
  if (report.startsAt !== undefined)
    lines.push(
      `from ${wallClock(report.startsAt, 0)} to ${wallClock(report.startsAt, report.durationSeconds)}`,
    );
  lines.push(`source: ${report.source}`);
  lines.push(`trace:  ${report.traceHash}  (${report.run.traceLines} lines, ${report.run.events} events)`);
  if (report.run.limitMessage !== undefined) lines.push(`LIMIT:  ${report.run.limitMessage}`);
  if (report.accessLog !== undefined) lines.push(accessLogLine(report.accessLog));
  lines.push('');
  return lines;
}

/** What happened to the data. */
function dataSection(report: Report): string[] {
  return [
    'Data',
    `acknowledged writes: ${formatCount(report.data.acknowledgedWrites)}   lost: ${report.data.lostWrites}   split brain: ${report.data.splitBrain ? 'YES' : 'no'}`,
    '',
  ];
}

/** Each check with its verdict, then the run's verdict. */
function checksSection(report: Report): string[] {
  const lines = ['Checks'];
  for (const check of report.checks) {
    const detail = check.detail === undefined ? '' : `  (${check.detail})`;
    lines.push(
      `${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${String(check.actual)} (limit ${String(check.limit)})${detail}`,
    );
  }
  lines.push('', verdictLine(report));
  return lines;
}

/**
 * The readable report: what users saw per service, what each plan step cost users and admins on a
 * timeline of the run, what happened to the data, and the checks with their verdicts.
 */
export function reportText(report: Report, timelineWidth = 40): string {
  const lines = [
    ...headerSection(report),
    ...usersSection(report),
    ...planSection(report, timelineWidth),
    ...partsSection(report),
    ...dataSection(report),
    ...checksSection(report),
  ];
  return lines.join('\n') + '\n';
}

/** The replayed access log, with its malformed lines counted. */
function accessLogLine(log: NonNullable<Report['accessLog']>): string {
  const first = log.firstMalformedLine === undefined ? '' : `, the first at line ${log.firstMalformedLine}`;
  return `replay: ${safeText(log.file)} (${log.mode}): ${log.lines.toLocaleString('en-GB')} lines, ${log.malformed.toLocaleString('en-GB')} malformed and skipped${first}`;
}
