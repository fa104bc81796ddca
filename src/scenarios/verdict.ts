import type { Report } from './report.ts';

/**
 * The run's verdict in one line. A run cut short by a limit, or whose plan did not complete, is
 * not valid whatever its checks say; otherwise the checks decide.
 */
export function verdictLine(report: Report): string {
  const failed = report.checks.filter((check) => !check.ok).length;
  if (report.run.limitMessage !== undefined) return 'NOT VALID: the run hit a limit (see LIMIT above).';
  const unfinished = report.steps.filter((step) => step.outcome !== 'done').length;
  if (unfinished > 0)
    return `NOT VALID: ${unfinished} of ${report.steps.length} plan steps did not complete.`;
  return failed === 0
    ? `All ${report.checks.length} checks passed.`
    : `${failed} of ${report.checks.length} checks FAILED.`;
}
