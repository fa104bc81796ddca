import type { PartRecord } from '../../model/part.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { PartReport, StepReport } from '../report.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import type { Monitors } from './monitors.ts';
import type { PlanRunner } from './planRunner.ts';

const SECOND_MS = 1000;

/** Each plan step as the report shows it: when it ran, what users and admins lost meanwhile, how it ended. */
export function stepReports(
  kernel: Kernel,
  estate: EstateRuntime,
  monitors: Monitors,
  plan: PlanRunner,
): StepReport[] {
  return plan.records.map((record) => {
    const startedAtMs = record.startedAtMs ?? 0;
    // A step still running when the run ended is charged up to the end of the run.
    const endedAtMs = record.endedAtMs ?? (record.startedAtMs === undefined ? startedAtMs : kernel.nowMs);
    // Whole seconds in [start, end): a second on the boundary of two steps counts in one of them.
    const failedRequests = estate.engine.failedOrTimedOutBetween(
      'www',
      Math.floor(startedAtMs / SECOND_MS),
      Math.floor(endedAtMs / SECOND_MS),
    );
    return {
      name: record.step.name,
      action: record.step.action,
      startedAt: startedAtMs / SECOND_MS,
      endedAt: endedAtMs / SECOND_MS,
      failedRequests: record.startedAtMs === undefined ? 0 : failedRequests,
      adminDowntimeSeconds:
        record.startedAtMs === undefined ? 0 : monitors.adminDowntimeMs(startedAtMs, endedAtMs) / SECOND_MS,
      outcome: record.outcome,
    };
  });
}

/** Every part's kind, peak utilisation and the states it went through. */
export function partReports(records: readonly PartRecord[]): Record<string, PartReport> {
  const parts: Record<string, PartReport> = {};
  for (const record of records) {
    parts[record.id] = {
      kind: record.kind,
      utilisationPeak: Math.min(1, record.utilisationPeak),
      states: record.states.map((change) => ({
        at: change.atMs / SECOND_MS,
        state: change.state,
        tags: [...change.tags],
      })),
    };
  }
  return parts;
}
