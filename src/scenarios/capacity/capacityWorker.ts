import { runScenario } from '../run/runScenario.ts';
import type { Scenario } from '../schema/index.ts';
import { summariseRun } from './runSummary.ts';
import type { RunSummary } from './runSummary.ts';

/** One run of a capacity search, as a pool thread's task: the summary goes back, not the report. */
export interface CapacityTask {
  readonly scenario: Scenario;
  readonly seed: number;
}

export default function capacityTask(task: CapacityTask): RunSummary {
  return summariseRun(runScenario(task.scenario, { seed: task.seed }));
}
