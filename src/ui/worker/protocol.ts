import type { Candidate } from '../../scenarios/check/candidate.ts';
import type { TraceLine } from '../../scenarios/export/traceLines.ts';
import type { Report } from '../../scenarios/report.ts';
import type { ScenarioIssue } from '../../scenarios/errors.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';
import type { BreakMoment } from '../model/counterexample.ts';

/** A scenario the page asks for: a built-in by name, or the text of the editor. */
export type ScenarioSource = { kind: 'builtin'; name: string } | { kind: 'text'; text: string; file: string };

/** What the page asks the worker: run a scenario, or only check a text as `twin validate` does. */
export type RunRequest =
  | { type: 'run'; source: ScenarioSource; seed?: number }
  | { type: 'validate'; text: string; file: string; id: number }
  | { type: 'replay'; token: string };

/** A counterexample `twin check` printed, replayed: its schedule, what broke, and where to look. */
export interface CounterexampleResult {
  token: string;
  candidate: Candidate;
  /** What the run broke, as `twin replay` prints it (empty when nothing broke). */
  failures: string[];
  /** Set when the estate refused a fault of the schedule, so the run says nothing. */
  discarded?: string;
  moment: BreakMoment;
}

/** Everything the page draws from one run. */
export interface RunResult {
  label: string;
  scenario: Scenario;
  report: Report;
  lines: TraceLine[];
  /** Set when the run replays a counterexample. */
  counterexample?: CounterexampleResult;
  /** Wall-clock milliseconds from asking to having the result, for the page's own figures. */
  elapsedMs: number;
}

/** What the worker answers: progress as it goes, then a result or an error. */
export type RunResponse =
  | { type: 'started'; durationSeconds: number }
  | { type: 'progress'; fraction: number }
  | { type: 'result'; result: Omit<RunResult, 'elapsedMs' | 'label'> }
  | { type: 'error'; message: string }
  | { type: 'validated'; id: number; issues: ScenarioIssue[] };
