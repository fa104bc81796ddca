import type { Report } from '../../scenarios/report.ts';

/** What the page asks the worker. */
export interface RunRequest {
  type: 'run';
  scenario: string;
  seed?: number;
}

/** What the worker answers: progress as it goes, then a report or an error. */
export type RunResponse =
  | { type: 'progress'; fraction: number }
  | { type: 'report'; report: Report }
  | { type: 'error'; message: string };
