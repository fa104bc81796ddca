import { budgetIssues } from '../budget.ts';
import type { Scenario } from '../schema/index.ts';
import { PAGE_KINDS } from '../schema/index.ts';
import { formatPercentage } from '../units.ts';
import { IssueList, durationText } from './issues.ts';

/** Shares are parsed from percentages written with at most a few decimals, so this absorbs only float error. */
const MIX_SUM_TOLERANCE = 1e-9;

/** The longest run: a year and a day, so per-second records of a run stay tens of megabytes. */
export const RUN_DURATION_MS_MAX = 366 * 86_400_000;

export function crossCheckWorkload(scenario: Scenario, issues: IssueList): void {
  const { workload } = scenario;
  if (scenario.duration > RUN_DURATION_MS_MAX) {
    issues.add(['duration'], durationText(scenario.duration), `at most ${durationText(RUN_DURATION_MS_MAX)}`);
  }
  // What the run could not hold or finish: memory, events, random faults' occurrences, step lengths.
  for (const issue of budgetIssues(scenario)) issues.add(issue.path, issue.found, issue.expected);
  const mix = workload.mix;
  const total = PAGE_KINDS.reduce((sum, kind) => sum + (mix[kind] ?? 0), 0);
  if (Math.abs(total - 1) > MIX_SUM_TOLERANCE) {
    const given = PAGE_KINDS.filter((kind) => mix[kind] !== undefined)
      .map((kind) => `${kind} ${formatPercentage(mix[kind] ?? 0)}`)
      .join(' + ');
    issues.add(
      ['workload', 'mix'],
      `shares adding up to ${formatPercentage(total)} (${given})`,
      'shares adding up to 100%',
    );
  }
  if ((mix.uploads ?? 0) > 0 && workload.uploadSize === undefined) {
    issues.add(
      ['workload', 'uploadSize'],
      'nothing, with uploads in the mix',
      'the size of an upload, such as 3MB',
    );
  }
  if ((mix.slow ?? 0) > 0 && workload.slowPageFactor === undefined) {
    issues.add(
      ['workload', 'slowPageFactor'],
      'nothing, with slow requests in the mix',
      'how many times an uncached page a slow one costs',
    );
  }
  const hasPrimary =
    Object.values(scenario.estate.vms).some((vm) => vm.role === 'web-primary') ||
    Object.values(scenario.estate.pis ?? {}).some((pi) => pi.role === 'web-primary');
  if ((mix.admin ?? 0) > 0 && !hasPrimary) {
    issues.add(
      ['workload', 'mix', 'admin'],
      'admin requests, but no VM has role web-primary',
      'a web-primary VM to serve them, or admin: 0%',
    );
  }
  const { crowd } = workload;
  const startMs = crowd.shape === 'launch' ? crowd.at : crowd.shape === 'ramp' ? crowd.start : 0;
  if (startMs >= scenario.duration) {
    const key = crowd.shape === 'launch' ? 'at' : 'start';
    issues.add(
      ['workload', 'crowd', key],
      `${durationText(startMs)}, not before the end of the run`,
      `a time before the scenario's duration, ${durationText(scenario.duration)}`,
    );
  }
  if (crowd.shape === 'launch' && crowd.peak < crowd.baseline) {
    issues.add(
      ['workload', 'crowd', 'peak'],
      `${crowd.peak} users, below the baseline of ${crowd.baseline}`,
      'a peak at least the baseline',
    );
  }
}
