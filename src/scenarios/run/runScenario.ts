import { createModelContext } from '../../model/part.ts';
import type { PartRecord } from '../../model/part.ts';
import type { EngineReport, ServiceReport as EngineServiceReport } from '../../model/requests/types.ts';
import { Kernel } from '../../sim/kernel.ts';
import type { RunResult } from '../../sim/kernel.ts';
import type { Report, ServiceReport } from '../report.ts';
import type { Scenario } from '../schema/index.ts';
import { buildEstate } from './buildEstate.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { evaluateChecks } from './evaluateChecks.ts';
import { FaultInjector } from './faultInjector.ts';
import { collectMeasurements } from './measurements.ts';
import { Monitors } from './monitors.ts';
import { partReports, stepReports } from './reportSections.ts';
import { PlanRunner, noteLateSteps } from './planRunner.ts';
import { driveWorkload } from './workloadDriver.ts';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Each trace line as it is written (the CLI streams them to a file). */
  onTraceLine?: (line: string) => void;
  /** Share of simulated time done, 0..1, called as the run advances. */
  onProgress?: (fraction: number) => void;
  /** The file the scenario came from, for errors. */
  file?: string;
}

/** The run advances in this many slices, so progress can be shown and a run can say where it stopped. */
const PROGRESS_SLICES = 100;
/** Events one run may process; a run that reaches it says so in its report. */
export const RUN_EVENTS_MAX = 2_000_000_000;

/**
 * Runs a validated scenario: builds the estate, drives the workload, runs the plan and the
 * faults on one kernel, and returns the report with every check evaluated.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Report {
  const seed = options.seed ?? scenario.seed;
  const kernel = new Kernel({
    seed,
    eventsPerRunMax: RUN_EVENTS_MAX,
    ...(options.onTraceLine === undefined ? {} : { onTraceLine: options.onTraceLine }),
  });
  const context = createModelContext(kernel);
  const estate = buildEstate(context, scenario);
  const durationMs = scenario.duration;

  const workloadLimits = driveWorkload(kernel, estate, scenario);
  const monitors = new Monitors(kernel, estate, durationMs);
  monitors.start();
  const faults = new FaultInjector(kernel, estate, scenario);
  faults.schedule(scenario.faults ?? []);
  faults.scheduleHostPowerOffs(
    Object.entries(scenario.estate.hosts).map(([id, host]) => ({
      id,
      eventsPerMs: host.spontaneousPowerOffs ?? 0,
    })),
  );
  const plan = new PlanRunner(kernel, estate, scenario.plan ?? [], durationMs);
  plan.start();

  let result: RunResult = { stoppedBy: 'until', nowMs: 0, eventsProcessed: 0 };
  let events = 0;
  for (let slice = 1; slice <= PROGRESS_SLICES; slice++) {
    result = kernel.run({
      untilMs: (durationMs * slice) / PROGRESS_SLICES,
      eventsMax: RUN_EVENTS_MAX - events,
    });
    events += result.eventsProcessed;
    options.onProgress?.(slice / PROGRESS_SLICES);
    if (result.stoppedBy !== 'until') break;
  }

  estate.engine.flushUtilisation();
  estate.mysql.flushUtilisation();
  const report = buildReport({
    scenario,
    seed,
    kernel,
    estate,
    monitors,
    faults,
    plan,
    result,
    events,
    workloadLimits,
    engineReport: estate.engine.report(),
  });
  noteLateSteps(report.steps, plan.records);
  return report;
}

/** What the run produced, gathered once the kernel has stopped. */
interface RunOutcome {
  scenario: Scenario;
  seed: number;
  kernel: Kernel;
  estate: EstateRuntime;
  monitors: Monitors;
  faults: FaultInjector;
  plan: PlanRunner;
  result: RunResult;
  events: number;
  workloadLimits: readonly string[];
  engineReport: EngineReport;
}

function buildReport(run: RunOutcome): Report {
  const { scenario, seed, kernel, estate, monitors, faults, plan, result, events } = run;
  const services = serviceReports(run);
  const limitMessages = limitMessagesOf(run);
  const records = estate.context.parts.all();
  const measurements = collectMeasurements({
    kernel,
    estate,
    monitors,
    faults,
    plan,
    services,
    writes: run.engineReport.writes,
    crashes: (partId) => crashesOf(partId, plan, records),
  });
  const checks = evaluateChecks(scenario.checks ?? [], measurements);
  const writes = run.engineReport.writes;
  return {
    scenario: scenario.name,
    source: scenario.source ?? 'user',
    seed,
    ...(scenario.startsAt === undefined ? {} : { startsAt: scenario.startsAt }),
    traceHash: kernel.trace.hash(),
    durationSeconds: scenario.duration / 1000,
    run: {
      stoppedBy: result.stoppedBy,
      events,
      traceLines: kernel.trace.lineCount,
      ...(limitMessages.length === 0 ? {} : { limitMessage: limitMessages.join('; ') }),
    },
    services,
    admin: { downtimeSeconds: monitors.adminDowntimeMs() / 1000 },
    data: {
      acknowledgedWrites: writes.acknowledgedWrites,
      lostWrites: writes.lostWrites,
      splitBrain: writes.splitBrain,
    },
    parts: partReports(records),
    steps: stepReports(kernel, estate, monitors, plan),
    checks,
    // A run cut short by a limit, or whose runbook did not complete, proves nothing, whatever its
    // checks say.
    ok:
      result.stoppedBy === 'until' &&
      limitMessages.length === 0 &&
      plan.records.every((record) => record.outcome === 'done') &&
      checks.every((check) => check.ok),
  };
}

/**
 * Each service's outcomes. Admin requests are few; whether an admin could reach the admin side is
 * probed every second instead, and that is the admin service's downtime everywhere in the report.
 */
function serviceReports({ engineReport, estate, monitors }: RunOutcome): Record<string, ServiceReport> {
  const services: Record<string, ServiceReport> = {};
  for (const [name, service] of Object.entries(engineReport.services))
    services[name] = serviceReport(service);
  const adminService = services['admin'];
  if (adminService !== undefined) adminService.downtimeSeconds = monitors.adminDowntimeMs() / 1000;
  const wwwService = services['www'];
  if (wwwService !== undefined) wwwService.downtimeSeconds = wwwDowntimeSeconds(estate, monitors);
  return services;
}

/** Every limit the run reached, each a sentence: a run that hit one proves nothing. */
function limitMessagesOf(run: RunOutcome): string[] {
  const { result, kernel } = run;
  return [
    ...(result.limitMessage === undefined ? [] : [result.limitMessage]),
    ...(result.stoppedBy === 'eventsMax'
      ? [`events limit (${RUN_EVENTS_MAX}) reached at ${(result.nowMs / 1000).toFixed(1)} s`]
      : []),
    ...run.engineReport.limitsHit,
    ...run.faults.limitsHit,
    ...run.workloadLimits,
    ...run.estate.context.parts.limitsHit(),
    ...(kernel.trace.droppedLineCount > 0
      ? [
          `trace lines kept in memory: the last ${kernel.trace.droppedLineCount} were only hashed and streamed`,
        ]
      : []),
  ];
}

function serviceReport(service: EngineServiceReport): ServiceReport {
  return {
    requests: service.requests,
    failed: service.failed,
    timedOut: service.timedOut,
    failedWrites: service.failedWrites,
    downtimeSeconds: service.downtimeSeconds,
    latencyMs: service.latencyMs,
  };
}

/**
 * User-facing downtime of the public site, in seconds: a second counts when no public request
 * could have been served (the probe), or when at least half of the requests that users made in it
 * failed or timed out (overload). Either way it does not depend on how many users there were.
 */
function wwwDowntimeSeconds(estate: EstateRuntime, monitors: Monitors): number {
  let down = 0;
  for (let second = 0; second < monitors.wwwDown.length; second++)
    if (monitors.wwwDown[second] === 1 || estate.engine.failedMostOfSecond('www', second)) down++;
  return down;
}

/**
 * Crashes a part suffered, as its own machine counts them on its tagged transitions (a Pi's
 * kernel falling over, a VM host going down, a VM stopping abruptly); undefined for a kind that
 * does not crash. A hard shutdown the plan asked for stops a VM abruptly but is not a crash.
 */
function crashesOf(partId: string, plan: PlanRunner, records: readonly PartRecord[]): number | undefined {
  const crashes = records.find((candidate) => candidate.id === partId)?.crashes;
  if (crashes === undefined) return undefined;
  const plannedHard = plan.records.filter(
    (step) =>
      step.step.action === 'shutdown' &&
      step.step.mode === 'hard' &&
      step.step.vm === partId &&
      step.outcome === 'done',
  ).length;
  return Math.max(0, crashes - plannedHard);
}
