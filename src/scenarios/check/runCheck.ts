import fc from 'fast-check';
import type { Report } from '../report.ts';
import { runScenario } from '../run/runScenario.ts';
import type { Scenario } from '../schema/index.ts';
import { candidateArbitrary, scenarioFor } from './candidate.ts';
import type { Candidate, StepWindow } from './candidate.ts';
import { Coverage } from './coverage.ts';
import { resolveFaultModel } from './faultModel.ts';
import type { FaultModel } from './faultModel.ts';
import { stuckParts } from './liveness.ts';
import { judgeRun } from './verdict.ts';

export interface CheckOptions {
  /** Most candidate runs in the search. */
  readonly runs: number;
  /** The seed of the search itself (fast-check's), printed so a search can be repeated. */
  readonly seed: number;
  /** Time the search may take, then the shrinking; the caller's clock decides (0 = no limit). */
  readonly searchTimeMs?: number;
  readonly shrinkTimeMs: number;
  /** Called after each search run, with the coverage so far (a terminal shows progress). */
  readonly onRun?: (coverage: Coverage) => void;
}

/** A failing run, shrunk: its schedule, what it broke, and its report (with the trace hash). */
export interface Counterexample {
  readonly candidate: Candidate;
  readonly failures: readonly string[];
  readonly report: Report;
  /** Shrinking steps that each found a smaller failing schedule. */
  readonly shrinks: number;
}

export interface CheckResult {
  readonly holds: boolean;
  readonly model: FaultModel;
  readonly searchRuns: number;
  readonly discardedRuns: number;
  readonly coverage: Coverage;
  readonly counterexample?: Counterexample;
  /** Whether a time budget ended the search before `runs`. */
  readonly interrupted: boolean;
}

/**
 * Runs one candidate and judges it: undefined failures when it was discarded. With a baseline
 * (the run without faults), parts still away from where it ends after healing are failures too.
 */
export function runCandidate(
  scenario: Scenario,
  candidate: Candidate,
  liveness?: { baseline: Report; healBoundMs: number },
): { report: Report; failures: string[] | undefined } {
  const variant = scenarioFor(scenario, candidate);
  const report = runScenario(variant, { seed: candidate.seed });
  const verdict = judgeRun(variant, report);
  if ('discarded' in verdict) return { report, failures: undefined };
  const stuck =
    liveness === undefined
      ? []
      : stuckParts(report, liveness.baseline, candidate.faults, liveness.healBoundMs);
  return { report, failures: [...verdict.failures, ...stuck] };
}

/** What liveness compares with: the scenario's own run, and the bound its fault model states. */
export function livenessOf(scenario: Scenario): { baseline: Report; healBoundMs: number } {
  return {
    baseline: runScenario(scenario),
    healBoundMs: resolveFaultModel(scenario, scenario.faultModel).healBoundMs,
  };
}

/** The plan steps' windows in the scenario's own run (the report gives seconds), where fault times are biased. */
function stepWindows(report: Report): StepWindow[] {
  return report.steps.map((step) => ({ startMs: step.startedAt * 1000, endMs: step.endedAt * 1000 }));
}

/**
 * Checks a plan: fast-check draws candidates (fault schedules from the fault model, operator
 * pauses, the crowd and the seed), each is run and judged, and the first failure is shrunk — by
 * fast-check's own shrinking, replayed from the failure's path — within the shrink budget.
 */
export function checkScenario(scenario: Scenario, options: CheckOptions): CheckResult {
  const model = resolveFaultModel(scenario, scenario.faultModel);
  const baseline = runScenario(scenario);
  const coverage = new Coverage(
    baseline.steps.map((step) => step.name),
    model.choices.map((choice) => choice.kind),
  );
  const liveness = { baseline, healBoundMs: model.healBoundMs };
  const arbitrary = candidateArbitrary(model, stepWindows(baseline), scenario);
  let discardedRuns = 0;
  let counting = true;
  let lastFailure: { candidate: Candidate; report: Report; failures: string[] } | undefined;
  const property = fc.property(arbitrary, (candidate) => {
    const { report, failures } = runCandidate(scenario, candidate, liveness);
    if (failures === undefined) {
      if (counting) discardedRuns++;
      fc.pre(false);
      return true;
    }
    if (counting) {
      coverage.add(report, candidate.faults);
      options.onRun?.(coverage);
    }
    // The last failure is the one fast-check reports: kept, so it need not be run again.
    if (failures.length > 0) lastFailure = { candidate, report, failures };
    return failures.length === 0;
  });
  const timeLimit = (ms: number | undefined) =>
    ms === undefined || ms <= 0 ? [] : [fc.interruptAfterTimeLimit(ms)];
  const search = fc.check(property, {
    numRuns: options.runs,
    seed: options.seed,
    endOnFailure: true,
    plugins: timeLimit(options.searchTimeMs),
  });
  const base = {
    model,
    searchRuns: coverage.runs,
    discardedRuns,
    coverage,
    interrupted: search.interrupted,
  };
  if (!search.failed || search.counterexample === null || search.counterexamplePath === null)
    return { ...base, holds: true };
  counting = false;
  const shrunk = fc.check(property, {
    seed: options.seed,
    path: search.counterexamplePath,
    plugins: timeLimit(options.shrinkTimeMs),
  });
  const found = (shrunk.failed ? shrunk.counterexample : null) ?? search.counterexample;
  const candidate = (found as unknown as [Candidate])[0];
  const kept =
    lastFailure !== undefined && JSON.stringify(lastFailure.candidate) === JSON.stringify(candidate);
  const { report, failures } =
    kept && lastFailure !== undefined ? lastFailure : runCandidate(scenario, candidate, liveness);
  return {
    ...base,
    holds: false,
    counterexample: { candidate, failures: failures ?? [], report, shrinks: shrunk.numShrinks },
  };
}
