import { createModelContext } from '../../model/part.ts';
import type { PartRecord } from '../../model/part.ts';
import type { EngineReport } from '../../model/requests/types.ts';
import { SERVICE_NAMES } from '../../model/requests/types.ts';
import { Kernel } from '../../sim/kernel.ts';
import type { RunResult } from '../../sim/kernel.ts';
import type { Report, ServiceReport } from '../report.ts';
import type { Scenario } from '../schema/index.ts';
import { sloOf } from '../schema/slo.ts';
import { buildEstate } from './buildEstate.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { evaluateChecks } from './evaluateChecks.ts';
import { FaultInjector } from './faultInjector.ts';
import { CounterSampler, readCounters } from './counterSampler.ts';
import { collectMeasurements } from './measurements.ts';
import { Monitors } from './monitors.ts';
import { blameReports, linkReports, partReports } from './reportSections.ts';
import { PlanRunner, noteLateSteps } from './planRunner.ts';
import { accessLogReport } from './replayDriver.ts';
import { driveWorkload } from './workloadDriver.ts';
import { serviceReportOf } from './serviceMeasures.ts';
import { RunInterruptedError } from './runInterrupted.ts';
import { utilisationMeters } from './utilisationMeters.ts';
import { UtilisationSampler } from './utilisationSampler.ts';

export interface RunOptions {
  /** Run the request engine's costly invariant checks too (slots conserved, outcomes = issued − in flight). */
  checkInvariants?: boolean;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Each trace line as it is written (the CLI streams them to a file). */
  onTraceLine?: (line: string) => void;
  /** Share of simulated time done, 0..1, called as the run advances. */
  onProgress?: (fraction: number) => void;
  /** The file the scenario came from, for errors. */
  file?: string;
  /**
   * Asked between slices of the run: true abandons it with a RunInterruptedError, so a caller's
   * time budget (a check's shrinking) holds within one slice of a run, not one whole run.
   */
  interrupted?: () => boolean;
}

/** The run advances in this many slices, so progress can be shown and a run can say where it stopped. */
const PROGRESS_SLICES = 100;
/**
 * Events one run may process; a run that reaches it says so in its report. A bound on a run's
 * length, not on a counter (the kernel's sequence numbers are doubles, exact to 2^53): 4 billion
 * holds the longest run the schema allows at the launch crowd (366 days of 1,000 users with a
 * 30 s think time, about 3.2 billion events) with room to spare.
 */
export const RUN_EVENTS_MAX = 4_000_000_000;

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
  const estate = buildEstate(context, scenario, options.checkInvariants === true);
  const durationMs = scenario.duration;

  const workloadLimits = driveWorkload(kernel, estate, scenario);
  const monitors = new Monitors(kernel, estate, durationMs);
  monitors.start();
  new CounterSampler(kernel, () => readCounters(estate), durationMs).start();
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
  const utilisation = new UtilisationSampler(kernel, utilisationMeters(estate, scenario), durationMs);
  utilisation.start();

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
    if (slice < PROGRESS_SLICES && options.interrupted?.() === true)
      throw new RunInterruptedError(result.nowMs);
  }

  estate.engine.flushUtilisation();
  estate.mysql.flushUtilisation();
  utilisation.finish();
  const report = buildReport({
    utilisation,
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
  utilisation: UtilisationSampler;
}

function buildReport(run: RunOutcome): Report {
  const { scenario, seed, kernel, estate, monitors, faults, plan, result, events } = run;
  const services = serviceReports(run);
  const limitMessages = limitMessagesOf(run);
  const records = estate.context.parts.all();
  const measurements = collectMeasurements({
    utilisation: run.utilisation,
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
  const slo = sloOf(scenario.slo, scenario.workload.requestTimeout);
  const blame = blameReports({
    kernel,
    estate,
    monitors,
    plan,
    faults,
    settleMs: settleAfterStepMs(scenario),
    errorThresholdShare: slo.errorThresholdShare,
  });
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
    ...accessLogReport(scenario),
    slo,
    services,
    admin: { downtimeSeconds: monitors.adminDowntimeMs() / 1000 },
    data: {
      acknowledgedWrites: writes.acknowledgedWrites,
      lostWrites: writes.lostWrites,
      splitBrain: writes.splitBrain,
    },
    parts: partReports(records, run.utilisation, (id) => requestsAnsweredBy(estate, id)),
    links: linkReports(records, run.utilisation),
    steps: blame.steps,
    faults: blame.faults,
    outsidePlan: blame.outsidePlan,
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

/** Each service's outcomes and service-level measures, against the scenario's objectives. */
function serviceReports({
  engineReport,
  estate,
  monitors,
  scenario,
}: RunOutcome): Record<string, ServiceReport> {
  const services: Record<string, ServiceReport> = {};
  const sources = {
    engine: estate.engine,
    wwwProbeDown: monitors.wwwDown,
    adminProbeDown: monitors.adminDown,
  };
  const slo = sloOf(scenario.slo, scenario.workload.requestTimeout);
  for (const name of SERVICE_NAMES)
    services[name] = serviceReportOf(sources, name, engineReport.services[name], slo);
  return services;
}

/** Public requests a web server answered; undefined for a part that is no web server. */
function requestsAnsweredBy(estate: EstateRuntime, partId: string): number | undefined {
  for (const server of estate.webServers.values())
    if (server.id === partId) return estate.engine.servedRequests(partId);
  return undefined;
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

/**
 * How long after a step the estate has settled: the CDN's health checks have taken a dead backend
 * out (interval × fall) and every request in flight has an outcome (the request timeout).
 */
function settleAfterStepMs(scenario: Scenario): number {
  const { interval, fall } = scenario.estate.cdn.healthCheck;
  return interval * fall + scenario.workload.requestTimeout;
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
