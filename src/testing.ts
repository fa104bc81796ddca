import { isAbsolute, join } from 'node:path';
import { fileHash } from './scenarios/check/fileHash.ts';
import { encodeReplayToken } from './scenarios/check/replayToken.ts';
import { poolRunner } from './scenarios/check/candidateRunner.ts';
import { checkScenario } from './scenarios/check/runCheck.ts';
import type { ScheduledFault } from './scenarios/check/candidate.ts';
import { loadScenarioFile } from './scenarios/load.ts';

/**
 * The test API, `estate-twin/testing`: check a plan from your own test suite (vitest, jest) and
 * fail the test with the replay line when a fault schedule breaks it.
 */

export interface CheckPlanOptions {
  /** Candidate runs (default 100). */
  readonly runs?: number;
  /** The search's seed (default 42): a fixed seed keeps the test reproducible. */
  readonly seed?: number;
  /** Time shrinking may take, in ms (default 60 000). */
  readonly shrinkTimeMs?: number;
  /** Runs each step × fault kind cell must reach for the plan to hold (default 0). */
  readonly minCoverage?: number;
  /** Worker threads the candidates run on (default 1: in the test's own thread). */
  readonly workers?: number;
}

export interface PlanCheckResult {
  readonly holds: boolean;
  readonly runs: number;
  /** Share of step × fault kind cells at least one run reached, 0..1. */
  readonly coverageReached: number;
  /** Cells below `minCoverage`, as "step × kind: runs". */
  readonly coverageBelow: readonly string[];
  readonly counterexample?: {
    readonly faults: readonly ScheduledFault[];
    readonly failures: readonly string[];
    readonly traceHash: string;
    /** `npx twin replay <token>`, which reproduces the run and its trace hash. */
    readonly replay: string;
  };
}

/**
 * Checks the plan in a scenario file, as `twin check` does, and returns what it found; the same
 * whatever `workers` is.
 */
export async function checkPlan(file: string, options: CheckPlanOptions = {}): Promise<PlanCheckResult> {
  const path = isAbsolute(file) ? file : join(process.cwd(), file);
  const scenario = loadScenarioFile(path);
  const workers = options.workers ?? 1;
  const result = await checkScenario(scenario, {
    runs: options.runs ?? 100,
    seed: options.seed ?? 42,
    shrinkTimeMs: options.shrinkTimeMs ?? 60_000,
    clockMs: () => performance.now(),
    ...(workers > 1 ? { runner: (checked, liveness) => poolRunner(checked, liveness, workers) } : {}),
  });
  const coverageBelow =
    (options.minCoverage ?? 0) > 0 ? result.coverage.cellsBelow(options.minCoverage ?? 0) : [];
  const found = result.counterexample;
  return {
    holds: result.holds && coverageBelow.length === 0,
    runs: result.searchRuns,
    coverageReached: result.coverage.filledShare(),
    coverageBelow,
    ...(found === undefined
      ? {}
      : {
          counterexample: {
            faults: found.candidate.faults,
            failures: found.failures,
            traceHash: found.report.traceHash,
            replay: `npx twin replay ${encodeReplayToken({ scenario: file, fileHash: fileHash(path), candidate: found.candidate })}`,
          },
        }),
  };
}

/** Why a plan did not hold, as a test failure shows it: what broke and the replay line. */
function failureMessage(result: PlanCheckResult): string {
  const found = result.counterexample;
  if (found === undefined)
    return `the plan is not proven: coverage cells below the minimum:\n  ${result.coverageBelow.join('\n  ')}`;
  return `a fault schedule breaks the plan (${found.faults.length} faults):\n  ${found.failures.join('\n  ')}\n${found.replay}`;
}

/**
 * Matchers for `expect.extend(planMatchers)` (vitest or jest): `expect(await checkPlan(file)).toHold()`
 * fails with the replay line.
 */
export const planMatchers = {
  toHold(received: PlanCheckResult) {
    return {
      pass: received.holds,
      message: () =>
        received.holds ? 'expected the plan not to hold, but it held' : failureMessage(received),
    };
  },
};

/** Throws, with what broke and the replay line, unless the plan held. For any test runner. */
export function assertPlanHolds(result: PlanCheckResult): void {
  if (result.holds) return;
  const found = result.counterexample;
  if (found === undefined)
    throw new Error(
      `the plan is not proven: coverage cells below the minimum:\n  ${result.coverageBelow.join('\n  ')}`,
    );
  throw new Error(
    `a fault schedule breaks the plan (${found.faults.length} faults):\n  ${found.failures.join('\n  ')}\n${found.replay}`,
  );
}
