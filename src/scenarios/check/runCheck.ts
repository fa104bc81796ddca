import fc from 'fast-check';
import type { Report } from '../report.ts';
import { RunInterruptedError } from '../run/runInterrupted.ts';
import { runScenario } from '../run/runScenario.ts';
import type { Scenario } from '../schema/index.ts';
import { candidateArbitrary } from './candidate.ts';
import { CandidateDraw } from './candidateDraw.ts';
import type { Candidate, StepWindow } from './candidate.ts';
import { inThreadRunner } from './candidateRunner.ts';
import type { CandidateRunner } from './candidateRunner.ts';
import { Coverage } from './coverage.ts';
import { resolveFaultModel } from './faultModel.ts';
import type { FaultModel } from './faultModel.ts';
import { runCandidate } from './runCandidate.ts';
import type { CandidateOutcome, Liveness } from './runCandidate.ts';

export { livenessOf, runCandidate } from './runCandidate.ts';

export interface CheckOptions {
  /** Most candidate runs in the search (runs the estate refused a fault in are not counted). */
  readonly runs: number;
  /** The seed of the search itself (fast-check's), printed so a search can be repeated. */
  readonly seed: number;
  /** Time the search may take (0 = no limit); needs `clockMs`. */
  readonly searchTimeMs?: number;
  /** Time shrinking may take; a run still going when it ends is abandoned (with `clockMs`). */
  readonly shrinkTimeMs: number;
  /** The caller's clock in ms: the model reads none, so a time budget needs one from outside. */
  readonly clockMs?: () => number;
  /** Called after each search run, with the coverage so far (a terminal shows progress). */
  readonly onRun?: (coverage: Coverage) => void;
  /** Runs the search's candidates (in this thread unless given, e.g. a worker pool). */
  readonly runner?: (scenario: Scenario, liveness: Liveness) => CandidateRunner;
}

/** A failing run, shrunk: its schedule, what it broke, and its report (with the trace hash). */
export interface Counterexample {
  readonly candidate: Candidate;
  readonly failures: readonly string[];
  readonly report: Report;
  /** Shrinking steps that each found a smaller failing schedule. */
  readonly shrinks: number;
  /** Whether the shrink budget ended the shrinking: the schedule is the smallest reached by then. */
  readonly shrinkInterrupted: boolean;
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

/** The plan steps' windows in the scenario's own run (the report gives seconds), where fault times are biased. */
function stepWindows(report: Report): StepWindow[] {
  return report.steps.map((step) => ({ startMs: step.startedAt * 1000, endMs: step.endedAt * 1000 }));
}

/** A deadline on the caller's clock; never reached without a clock or a budget. */
function deadline(clockMs: (() => number) | undefined, budgetMs: number | undefined): () => boolean {
  if (clockMs === undefined || budgetMs === undefined || budgetMs <= 0) return () => false;
  const endMs = clockMs() + budgetMs;
  return () => clockMs() >= endMs;
}

interface SearchState {
  coverage: Coverage;
  discardedRuns: number;
  interrupted: boolean;
  failure?: { index: number; candidate: Candidate; outcome: CandidateOutcome };
}

/**
 * Runs the drawn candidates batch by batch and reads the outcomes in draw order, counting coverage,
 * until `runs` were judged, the first failure, or the search's time is up.
 */
async function search(
  drawn: CandidateDraw,
  runner: CandidateRunner,
  options: CheckOptions,
  state: SearchState,
): Promise<void> {
  const timeUp = deadline(options.clockMs, options.searchTimeMs);
  // Twice the runs are drawn at most, so runs the estate refused a fault in are replaced.
  const drawMax = options.runs * 2;
  let index = 0;
  while (state.coverage.runs < options.runs && index < drawMax) {
    if (timeUp()) {
      state.interrupted = true;
      return;
    }
    // A batch is as many runs as the runner runs at once: the outcomes are read in draw order
    // up to the first failure, so the batch's size changes how much work is wasted after a
    // failure, never what is found.
    const size = Math.min(runner.workers, options.runs - state.coverage.runs, drawMax - index);
    const batch = drawn.slice(index, size);
    const outcomes = await runner.run(batch);
    for (const [offset, outcome] of outcomes.entries()) {
      if (outcome.failures === undefined) {
        state.discardedRuns++;
        continue;
      }
      const candidate = batch[offset] as Candidate;
      state.coverage.add(outcome.report, candidate.faults);
      options.onRun?.(state.coverage);
      if (outcome.failures.length > 0) {
        state.failure = { index: index + offset, candidate, outcome };
        return;
      }
    }
    index += batch.length;
  }
}

/**
 * Shrinks the failure at `index` of the draw with fast-check's own shrinking (replayed from its
 * path), in this thread, within the shrink budget: a run still going when the budget ends is
 * abandoned, so the budget holds to within a slice of one run.
 */
function shrink(
  scenario: Scenario,
  arbitrary: fc.Arbitrary<Candidate>,
  liveness: Liveness,
  failure: NonNullable<SearchState['failure']>,
  options: CheckOptions,
): Counterexample {
  const timeUp = deadline(options.clockMs, options.shrinkTimeMs);
  let smallest = { candidate: failure.candidate, outcome: failure.outcome };
  const property = fc.property(arbitrary, (candidate) => {
    fc.pre(!timeUp());
    let outcome: CandidateOutcome;
    try {
      outcome = runCandidate(scenario, candidate, liveness, timeUp);
    } catch (error) {
      if (error instanceof RunInterruptedError) return fc.pre(false);
      throw error;
    }
    fc.pre(outcome.failures !== undefined);
    const failures = outcome.failures ?? [];
    if (failures.length > 0) smallest = { candidate, outcome };
    return failures.length === 0;
  });
  const shrunk = fc.check(property, {
    seed: options.seed,
    path: String(failure.index),
    numRuns: 1,
    plugins: options.shrinkTimeMs > 0 ? [fc.interruptAfterTimeLimit(options.shrinkTimeMs)] : [],
  });
  const found =
    shrunk.failed && shrunk.counterexample !== null
      ? (shrunk.counterexample as unknown as [Candidate])[0]
      : failure.candidate;
  const kept = JSON.stringify(smallest.candidate) === JSON.stringify(found);
  const { report, failures } = kept ? smallest.outcome : runCandidate(scenario, found, liveness);
  return {
    candidate: found,
    failures: failures ?? [],
    report,
    shrinks: shrunk.numShrinks,
    shrinkInterrupted: shrunk.interrupted || timeUp(),
  };
}

/**
 * Checks a plan: fast-check draws candidates (fault schedules from the fault model, operator
 * pauses, the crowd and the seed), the runner runs and judges them in batches, and the first
 * failure in draw order is shrunk locally within the shrink budget.
 */
export async function checkScenario(scenario: Scenario, options: CheckOptions): Promise<CheckResult> {
  const model = resolveFaultModel(scenario, scenario.faultModel);
  const baseline = runScenario(scenario);
  const liveness = { baseline, healBoundMs: model.healBoundMs };
  const arbitrary = candidateArbitrary(model, stepWindows(baseline), scenario);
  const state: SearchState = {
    coverage: new Coverage(
      baseline.steps.map((step) => step.name),
      model.choices.map((choice) => choice.kind),
    ),
    discardedRuns: 0,
    interrupted: false,
  };
  const drawn = new CandidateDraw(arbitrary, options.seed);
  const runner = (options.runner ?? inThreadRunner)(scenario, liveness);
  try {
    await search(drawn, runner, options, state);
  } finally {
    await runner.close();
  }
  const base = {
    model,
    searchRuns: state.coverage.runs,
    discardedRuns: state.discardedRuns,
    coverage: state.coverage,
    interrupted: state.interrupted,
  };
  if (state.failure === undefined) return { ...base, holds: true };
  const counterexample = shrink(scenario, arbitrary, liveness, state.failure, options);
  return { ...base, holds: false, counterexample };
}
