import type { Report } from '../report.ts';
import { runScenario } from '../run/runScenario.ts';
import type { Scenario } from '../schema/index.ts';
import { scenarioFor } from './candidate.ts';
import type { Candidate } from './candidate.ts';
import { resolveFaultModel } from './faultModel.ts';
import { stuckParts } from './liveness.ts';
import { judgeRun } from './verdict.ts';

/** What liveness compares a run with: the scenario's run without faults, and the bound to heal in. */
export interface Liveness {
  readonly baseline: Report;
  readonly healBoundMs: number;
}

/** One candidate's run and what it broke; undefined failures when the estate refused a fault. */
export interface CandidateOutcome {
  readonly report: Report;
  readonly failures: string[] | undefined;
}

/**
 * Runs one candidate and judges it: undefined failures when it was discarded. With a baseline
 * (the run without faults), parts still away from where it ends after healing are failures too.
 * `interrupted` abandons the run half-way (a RunInterruptedError) when a time budget has ended.
 */
export function runCandidate(
  scenario: Scenario,
  candidate: Candidate,
  liveness?: Liveness,
  interrupted?: () => boolean,
): CandidateOutcome {
  const variant = scenarioFor(scenario, candidate);
  const report = runScenario(variant, {
    seed: candidate.seed,
    ...(interrupted === undefined ? {} : { interrupted }),
  });
  const verdict = judgeRun(variant, report);
  if ('discarded' in verdict) return { report, failures: undefined };
  const stuck =
    liveness === undefined
      ? []
      : stuckParts(report, liveness.baseline, candidate.faults, liveness.healBoundMs);
  return { report, failures: [...verdict.failures, ...stuck] };
}

/** What liveness compares with: the scenario's own run, and the bound its fault model states. */
export function livenessOf(scenario: Scenario): Liveness {
  return {
    baseline: runScenario(scenario),
    healBoundMs: resolveFaultModel(scenario, scenario.faultModel).healBoundMs,
  };
}
