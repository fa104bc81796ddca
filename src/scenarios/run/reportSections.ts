import type { PartRecord } from '../../model/part.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { OutsidePlanReport, PartReport, StepReport } from '../report.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import type { Monitors } from './monitors.ts';
import type { PlanRunner } from './planRunner.ts';

const SECOND_MS = 1000;

/**
 * Each plan step as the report shows it: when it ran, what users and admins lost in its window, how
 * it ended. A step's window runs from its start to the later of its end and the moment the estate
 * has settled after it, `settleMs` later (the bound: the CDN's health-check interval × fall, by
 * which a dead backend is out, plus the request timeout, by which every request in flight has an
 * outcome). So a step that takes 0 s (a hard shutdown, `update-cdn`) owns what it causes. Where
 * windows overlap, a second belongs to the step that started last before it (the latest thing
 * done), and of steps that started at the same moment to the first in the plan; so no failure is
 * counted twice and none is dropped.
 */
export function stepReports(
  kernel: Kernel,
  estate: EstateRuntime,
  monitors: Monitors,
  plan: PlanRunner,
  settleMs: number,
): StepReport[] {
  const windows = stepWindowsMs(plan, kernel.nowMs, settleMs);
  return plan.records.map((record, index) => {
    const startedAtMs = record.startedAtMs ?? 0;
    // A step still running when the run ended is charged up to the end of the run.
    const endedAtMs = record.endedAtMs ?? (record.startedAtMs === undefined ? startedAtMs : kernel.nowMs);
    const window = windows[index];
    return {
      name: record.step.name,
      action: record.step.action,
      startedAt: startedAtMs / SECOND_MS,
      endedAt: endedAtMs / SECOND_MS,
      failedRequests: window === undefined ? 0 : failedBetween(estate, window.fromMs, window.toMs),
      adminDowntimeSeconds:
        window === undefined ? 0 : monitors.adminDowntimeMs(window.fromMs, window.toMs) / SECOND_MS,
      outcome: record.outcome,
    };
  });
}

/** The span each started step owns (see stepReports); undefined for a step that never started. */
export function stepWindowsMs(
  plan: PlanRunner,
  nowMs: number,
  settleMs: number,
): ({ fromMs: number; toMs: number } | undefined)[] {
  const records = plan.records;
  let tieStartMs = Number.NaN;
  let tieClaimedToMs = 0;
  return records.map((record, index) => {
    const startMs = record.startedAtMs;
    if (startMs === undefined) return undefined;
    const endMs = record.endedAtMs ?? nowMs;
    // Cut at the next step that started strictly later: from then on, that step owns the seconds.
    const nextStartMs = records
      .slice(index + 1)
      .map((later) => later.startedAtMs)
      .find((laterMs) => laterMs !== undefined && laterMs > startMs);
    if (startMs !== tieStartMs) [tieStartMs, tieClaimedToMs] = [startMs, startMs];
    const fromMs = Math.max(startMs, tieClaimedToMs);
    const toMs = Math.max(fromMs, Math.min(nowMs, endMs + settleMs, nextStartMs ?? Infinity));
    tieClaimedToMs = toMs;
    return { fromMs, toMs };
  });
}

/** Failed or timed-out public requests in whole seconds [from, to): a boundary second counts once. */
function failedBetween(estate: EstateRuntime, fromMs: number, toMs: number): number {
  return estate.engine.failedOrTimedOutBetween(
    'www',
    Math.floor(fromMs / SECOND_MS),
    Math.floor(toMs / SECOND_MS),
  );
}

/**
 * What users and admins lost outside every step's window: before the plan started, and after the
 * last step's window closed (e.g. a backend the CDN was never told of), never dropped.
 */
export function outsidePlanReport(
  kernel: Kernel,
  estate: EstateRuntime,
  monitors: Monitors,
  plan: PlanRunner,
  settleMs: number,
): OutsidePlanReport {
  const windows = stepWindowsMs(plan, kernel.nowMs, settleMs).filter((window) => window !== undefined);
  const firstStartMs = windows.length === 0 ? kernel.nowMs : Math.min(...windows.map((w) => w.fromMs));
  const afterFromMs = windows.length === 0 ? kernel.nowMs : Math.max(...windows.map((w) => w.toMs));
  return {
    beforePlan: {
      failedRequests: failedBetween(estate, 0, firstStartMs),
      adminDowntimeSeconds: monitors.adminDowntimeMs(0, firstStartMs) / SECOND_MS,
    },
    afterPlan: {
      failedRequests: failedBetween(estate, afterFromMs, kernel.nowMs + SECOND_MS),
      adminDowntimeSeconds: monitors.adminDowntimeMs(afterFromMs, kernel.nowMs) / SECOND_MS,
    },
    settleSeconds: settleMs / SECOND_MS,
  };
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
