import type { PartRecord } from '../../model/part.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { FaultReport, LinkReport, OutsidePlanReport, PartReport, StepReport } from '../report.ts';
import { chargeLosses } from './blame.ts';
import type { Loss, LossSources } from './blame.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import type { FaultInjector } from './faultInjector.ts';
import { faultSpans } from './faultWindows.ts';
import type { UtilisationSampler } from './utilisationSampler.ts';
import type { Monitors } from './monitors.ts';
import type { PlanRunner } from './planRunner.ts';

const SECOND_MS = 1000;

/** What a finished run offers the blame table. */
export interface BlameRun {
  kernel: Kernel;
  estate: EstateRuntime;
  monitors: Monitors;
  plan: PlanRunner;
  faults: FaultInjector;
  /** How long after a step or a fault the estate has settled (see settleAfterStepMs). */
  settleMs: number;
  /** The scenario's error threshold, for the down seconds of each row. */
  errorThresholdShare: number;
}

/** The rows of the blame table: the plan's steps, the faults, and what fell outside them all. */
export interface BlameReports {
  steps: StepReport[];
  faults: FaultReport[];
  outsidePlan: OutsidePlanReport;
}

/**
 * Each plan step and each fault as the report shows it: when it ran, what users and admins lost in
 * its window, how it ended. A step's window runs from its start to the later of its end and the
 * moment the estate has settled after it, `settleMs` later (the bound: the CDN's health-check
 * interval × fall, by which a dead backend is out, plus the request timeout, by which every request
 * in flight has an outcome). So a step that takes 0 s (a hard shutdown, `update-cdn`) owns what it
 * causes. A fault's window runs from its injection to `settleMs` after it healed. Every second is
 * charged to one row only (run/blame.ts), the one that started last, so no failure is counted twice
 * and none is dropped.
 */
export function blameReports(run: BlameRun): BlameReports {
  const { kernel, estate, plan, settleMs } = run;
  const stepWindows = stepWindowsMs(plan, kernel.nowMs, settleMs);
  const spans = faultSpans(run.faults.injected, (id) => estate.context.parts.get(id), kernel.nowMs, settleMs);
  const blame = chargeLosses(
    stepWindows,
    spans.map((span) => span.window),
    lossSources(run),
  );
  const steps = plan.records.map((record, index): StepReport => {
    const startedAtMs = record.startedAtMs ?? 0;
    // A step still running when the run ended is charged up to the end of the run.
    const endedAtMs = record.endedAtMs ?? (record.startedAtMs === undefined ? startedAtMs : kernel.nowMs);
    const loss = blame.steps[index] as Loss;
    return {
      name: record.step.name,
      action: record.step.action,
      startedAt: startedAtMs / SECOND_MS,
      endedAt: endedAtMs / SECOND_MS,
      ...loss,
      outcome: record.outcome,
    };
  });
  const faults = spans.map((span, index): FaultReport => {
    const { fault, atMs, tookEffect } = span.injected;
    return {
      name: fault.name ?? fault.kind,
      kind: fault.kind,
      target: fault.target,
      at: atMs / SECOND_MS,
      ...(span.healedAtMs === undefined ? {} : { healedAt: span.healedAtMs / SECOND_MS }),
      tookEffect,
      ...(blame.faults[index] as Loss),
    };
  });
  const outsidePlan = {
    beforePlan: blame.beforePlan,
    betweenSteps: blame.betweenSteps,
    afterPlan: blame.afterPlan,
    settleSeconds: settleMs / SECOND_MS,
  };
  return { steps, faults, outsidePlan };
}

/** The per-second measures the blame table charges, read from the engine and the probes. */
function lossSources(run: BlameRun): LossSources {
  const { estate, monitors } = run;
  return {
    runSeconds: Math.floor(run.kernel.nowMs / SECOND_MS) + 1,
    failedBetween: (fromSecond, toSecond) =>
      estate.engine.failedOrTimedOutBetween('www', fromSecond, toSecond),
    adminDownSecondsBetween: (fromSecond, toSecond) =>
      monitors.adminDowntimeMs(fromSecond * SECOND_MS, toSecond * SECOND_MS) / SECOND_MS,
    isDownSecond: (second) =>
      monitors.wwwDown[second] === 1 ||
      estate.engine.secondOverErrorShare('www', second, run.errorThresholdShare),
  };
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

/** Every part's kind, per-minute utilisation (peak and mean) and the states it went through. */
export function partReports(
  records: readonly PartRecord[],
  utilisation: UtilisationSampler,
  requestsAnswered: (partId: string) => number | undefined,
): Record<string, PartReport> {
  const parts: Record<string, PartReport> = {};
  for (const record of records) {
    const figures = utilisation.figures(record.id);
    const answered = requestsAnswered(record.id);
    parts[record.id] = {
      kind: record.kind,
      utilisationPeak: Math.min(1, figures?.peak ?? record.utilisationPeak),
      ...(figures === undefined ? {} : { utilisationMean: figures.mean }),
      ...(answered === undefined ? {} : { requestsAnswered: answered }),
      states: record.states.map((change) => ({
        at: change.atMs / SECOND_MS,
        state: change.state,
        tags: [...change.tags],
      })),
    };
  }
  return parts;
}

/** Meters that are no part with states; other meters without a part (a MySQL never started) are left out. */
const LINK_KINDS: ReadonlySet<string> = new Set(['switchPort', 'siteLink']);

/** The utilisation of what carries traffic but is no part with states: switch ports, site links. */
export function linkReports(
  records: readonly PartRecord[],
  utilisation: UtilisationSampler,
): Record<string, LinkReport> {
  const partIds = new Set(records.map((record) => record.id));
  const links: Record<string, LinkReport> = {};
  for (const id of utilisation.ids()) {
    const figures = utilisation.figures(id);
    if (partIds.has(id) || figures === undefined || !LINK_KINDS.has(figures.kind)) continue;
    links[id] = { kind: figures.kind, utilisationPeak: figures.peak, utilisationMean: figures.mean };
  }
  return links;
}
