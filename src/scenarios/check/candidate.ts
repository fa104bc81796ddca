import fc from 'fast-check';
import type { Fault } from '../schema/faults.ts';
import type { PlanStep } from '../schema/plan.ts';
import type { Scenario } from '../schema/index.ts';
import { faultOf, faultShape } from './faultModel.ts';
import type { FaultChoice, FaultModel } from './faultModel.ts';

/** One fault a check run injects: what, where, when and for how long (0 for one that does not heal). */
export interface ScheduledFault {
  readonly kind: FaultChoice['kind'];
  readonly target: string;
  readonly atMs: number;
  readonly durationMs: number;
}

/**
 * Everything one check run varies. It is the schedule itself, not a path through a generator, so
 * a replay token that carries it reproduces the run on any machine and with any later generator.
 */
export interface Candidate {
  readonly seed: number;
  readonly faults: readonly ScheduledFault[];
  /** The operator's pause before each plan step, in plan order. */
  readonly stepPausesMs: readonly number[];
  readonly crowdPercent: number;
}

/** A plan step's window in a run without faults, where fault times are biased to fill coverage. */
export interface StepWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** Shares of a window, in thousandths, that a fault time is drawn from. */
const WINDOW_PARTS = 1000;

/**
 * Draws candidates. Swarm testing: each run first draws which fault kinds are enabled at all, and
 * its faults come only from those, so rare combinations are not drowned by common ones. Half of
 * the fault times fall inside a plan step's window, so every step meets every kind.
 */
export function candidateArbitrary(
  model: FaultModel,
  windows: readonly StepWindow[],
  scenario: Scenario,
): fc.Arbitrary<Candidate> {
  const kindCount = model.choices.length;
  const indices = Array.from({ length: kindCount }, (_, index) => index);
  const runEndMs = scenario.duration;
  const draw = fc.record({
    choice: fc.nat(Math.max(0, kindCount - 1)),
    target: fc.nat(),
    window: fc.nat(windows.length),
    share: fc.nat(WINDOW_PARTS - 1),
    durationMs: fc.integer({ min: model.durationMinMs, max: model.durationMaxMs }),
  });
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      enabled: fc.subarray(indices, { minLength: Math.min(1, kindCount) }),
      draws: fc.array(draw, { maxLength: kindCount === 0 ? 0 : model.faultsMax }),
      stepPausesMs: fc.array(fc.integer({ min: 0, max: model.stepPauseMaxMs }), {
        minLength: scenario.plan?.length ?? 0,
        maxLength: scenario.plan?.length ?? 0,
      }),
      crowdPercent: fc.integer({ min: model.crowdMinPercent, max: model.crowdMaxPercent }),
    })
    .map(({ seed, enabled, draws, stepPausesMs, crowdPercent }) => {
      // Each pause delays its step and every step after it, so the windows move by the pauses so far.
      const shiftsMs: number[] = [];
      stepPausesMs.reduce((sumMs, pauseMs) => {
        shiftsMs.push(sumMs + pauseMs);
        return sumMs + pauseMs;
      }, 0);
      const faults = draws
        .filter((fault) => enabled.includes(fault.choice))
        .map((fault): ScheduledFault => {
          const choice = model.choices[fault.choice] as FaultChoice;
          const window = windows[fault.window] ?? { startMs: 0, endMs: runEndMs };
          const spanMs = Math.max(1000, window.endMs - window.startMs);
          const atMs = Math.min(
            runEndMs - 1,
            window.startMs +
              (shiftsMs[fault.window] ?? 0) +
              Math.floor((spanMs * fault.share) / WINDOW_PARTS),
          );
          return {
            kind: choice.kind,
            target: choice.targets[fault.target % choice.targets.length] as string,
            atMs,
            durationMs: choice.lasting || choice.delayed ? fault.durationMs : 0,
          };
        });
      return { seed, faults, stepPausesMs, crowdPercent };
    });
}

/** The scheduled fault as the scenario's `faults:` holds it. */
export function faultFor(fault: ScheduledFault): Fault {
  return faultOf(faultShape(fault.kind), fault.target, fault.atMs, fault.durationMs);
}

/** The plan with each operator pause applied: a step with `at` starts later; another waits first. */
function pausedPlan(plan: readonly PlanStep[], pausesMs: readonly number[]): PlanStep[] {
  return plan.flatMap((step, index) => {
    const pauseMs = pausesMs[index] ?? 0;
    if (pauseMs === 0) return [step];
    if (step.at !== undefined) return [{ ...step, at: step.at + pauseMs }];
    const pause = { action: 'wait', name: `Operator pause before: ${step.name}`, duration: pauseMs };
    return [pause as PlanStep, step];
  });
}

function scaled(users: number, percent: number): number {
  return Math.round((users * percent) / 100);
}

/** The crowd scaled to `percent` of the scenario's. */
function scaledWorkload(workload: Scenario['workload'], percent: number): Scenario['workload'] {
  if (percent === 100) return workload;
  const crowd = workload.crowd;
  switch (crowd.shape) {
    case 'constant':
      return { ...workload, crowd: { ...crowd, users: scaled(crowd.users, percent) } };
    case 'ramp':
      return {
        ...workload,
        crowd: { ...crowd, from: scaled(crowd.from, percent), to: scaled(crowd.to, percent) },
      };
    case 'launch':
      return {
        ...workload,
        crowd: { ...crowd, baseline: scaled(crowd.baseline, percent), peak: scaled(crowd.peak, percent) },
      };
  }
}

/**
 * The scenario one check run executes: the scenario's own faults plus the drawn ones, the plan
 * with the operator's pauses, the crowd scaled, and the drawn seed.
 */
export function scenarioFor(scenario: Scenario, candidate: Candidate): Scenario {
  return {
    ...scenario,
    seed: candidate.seed,
    workload: scaledWorkload(scenario.workload, candidate.crowdPercent),
    plan: pausedPlan(scenario.plan ?? [], candidate.stepPausesMs),
    faults: [...(scenario.faults ?? []), ...candidate.faults.map(faultFor)],
  };
}
