import { budgetIssues } from '../budget.ts';
import type { PathSegment } from '../errors.ts';
import type { PageMix, Scenario } from '../schema/index.ts';
import { PAGE_KINDS } from '../schema/index.ts';
import { formatPercentage } from '../units.ts';
import { IssueList, durationText } from './issues.ts';

/** Shares are parsed from percentages written with at most a few decimals, so this absorbs only float error. */
const MIX_SUM_TOLERANCE = 1e-9;

/** The longest run: a year and a day, so per-second records of a run stay tens of megabytes. */
export const RUN_DURATION_MS_MAX = 366 * 86_400_000;

/** What a scenario's workload needs beyond its schema: a mix that adds up, and what the mix uses. */
export function crossCheckWorkload(scenario: Scenario, issues: IssueList): void {
  const { workload } = scenario;
  if (scenario.duration > RUN_DURATION_MS_MAX) {
    issues.add(['duration'], durationText(scenario.duration), `at most ${durationText(RUN_DURATION_MS_MAX)}`);
  }
  // What the run could not hold or finish: memory, events, random faults' occurrences, step lengths.
  for (const issue of budgetIssues(scenario)) issues.add(issue.path, issue.found, issue.expected);
  checkMix(scenario, workload.mix, ['workload', 'mix'], issues);
  if (workload.arrivals?.mix !== undefined)
    checkMix(scenario, workload.arrivals.mix, ['workload', 'arrivals', 'mix'], issues);
  const { crowd } = workload;
  checkCurveStart(scenario, crowd, ['workload', 'crowd'], issues);
  if (crowd.shape === 'launch' && crowd.peak < crowd.baseline) {
    issues.add(
      ['workload', 'crowd', 'peak'],
      `${crowd.peak} users, below the baseline of ${crowd.baseline}`,
      'a peak at least the baseline',
    );
  }
  if (workload.arrivals !== undefined) checkArrivalCurve(scenario, issues);
}

/** A mix's shares add up to 100 %, and what it asks for is there to serve it. */
function checkMix(scenario: Scenario, mix: PageMix, path: readonly PathSegment[], issues: IssueList): void {
  const { workload } = scenario;
  const total = PAGE_KINDS.reduce((sum, kind) => sum + (mix[kind] ?? 0), 0);
  if (Math.abs(total - 1) > MIX_SUM_TOLERANCE) {
    const given = PAGE_KINDS.filter((kind) => mix[kind] !== undefined)
      .map((kind) => `${kind} ${formatPercentage(mix[kind] ?? 0)}`)
      .join(' + ');
    issues.add(
      [...path],
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
  if ((mix.admin ?? 0) > 0 && !hasPrimary(scenario)) {
    issues.add(
      [...path, 'admin'],
      'admin requests, but no VM has role web-primary',
      'a web-primary VM to serve them, or admin: 0%',
    );
  }
}

function hasPrimary(scenario: Scenario): boolean {
  return (
    Object.values(scenario.estate.vms).some((vm) => vm.role === 'web-primary') ||
    Object.values(scenario.estate.pis ?? {}).some((pi) => pi.role === 'web-primary')
  );
}

/** A ramp or launch (of users or of arrivals) starts before the run ends, or it never happens. */
function checkCurveStart(
  scenario: Scenario,
  curve: { shape: string; at?: number; start?: number },
  path: readonly PathSegment[],
  issues: IssueList,
): void {
  const key = curve.shape === 'launch' ? 'at' : curve.shape === 'ramp' ? 'start' : undefined;
  if (key === undefined) return;
  const startMs = curve[key] ?? 0;
  if (startMs < scenario.duration) return;
  issues.add(
    [...path, key],
    `${durationText(startMs)}, not before the end of the run`,
    `a time before the scenario's duration, ${durationText(scenario.duration)}`,
  );
}

function checkArrivalCurve(scenario: Scenario, issues: IssueList): void {
  const curve = scenario.workload.arrivals?.rate;
  if (curve === undefined) return;
  const path = ['workload', 'arrivals', 'rate'];
  checkCurveStart(scenario, curve, path, issues);
  if (curve.shape === 'launch' && curve.peak < curve.baseline) {
    issues.add(
      [...path, 'peak'],
      `${perSecondText(curve.peak)}, below the baseline of ${perSecondText(curve.baseline)}`,
      'a peak at least the baseline',
    );
  }
}

/** A rate held per millisecond, written per second as a scenario would. */
function perSecondText(ratePerMs: number): string {
  return `${Number((ratePerMs * 1000).toPrecision(6))}/s`;
}
