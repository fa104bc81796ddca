import { createModelContext } from '../../model/part.ts';
import type { PartRecord } from '../../model/part.ts';
import type { ServiceReport as EngineServiceReport } from '../../model/requests/types.ts';
import { Kernel } from '../../sim/kernel.ts';
import type { RunResult } from '../../sim/kernel.ts';
import { ScenarioError } from '../errors.ts';
import type { PartReport, Report, ServiceReport, StepReport } from '../report.ts';
import type { Scenario } from '../schema/index.ts';
import { buildEstate } from './buildEstate.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { evaluateChecks } from './evaluateChecks.ts';
import { FaultInjector, unsupportedFaults } from './faultInjector.ts';
import type { Measurements } from './measurements.ts';
import { Monitors, PROBE_INTERVAL_MS } from './monitors.ts';
import { PlanRunner } from './planRunner.ts';
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
  const unsupported = unsupportedFaults(scenario.faults ?? []);
  if (unsupported.length > 0) {
    throw new ScenarioError(
      unsupported.map(({ index, kind }) => ({
        file: options.file ?? scenario.name,
        path: `faults[${index}].kind`,
        found: `"${kind}"`,
        expected: 'a fault the model simulates (link outages between sites are not modelled yet)',
      })),
    );
  }
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
  const faults = new FaultInjector(kernel, estate, durationMs);
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
  return buildReport(scenario, seed, kernel, estate, monitors, faults, plan, result, events, workloadLimits);
}

function buildReport(
  scenario: Scenario,
  seed: number,
  kernel: Kernel,
  estate: EstateRuntime,
  monitors: Monitors,
  faults: FaultInjector,
  plan: PlanRunner,
  result: RunResult,
  events: number,
  workloadLimits: readonly string[],
): Report {
  const engineReport = estate.engine.report();
  const services: Record<string, ServiceReport> = {};
  for (const [name, service] of Object.entries(engineReport.services))
    services[name] = serviceReport(service);
  // Admin requests are few; whether an admin could reach the admin side is probed every second
  // instead, and that is the admin service's downtime everywhere in the report.
  const adminService = services['admin'];
  if (adminService !== undefined) adminService.downtimeSeconds = monitors.adminDowntimeMs() / 1000;
  const wwwService = services['www'];
  if (wwwService !== undefined) wwwService.downtimeSeconds = wwwDowntimeSeconds(estate, monitors);

  const outages = estate.mysql.writeOutages();
  const dbInterruptionLongestMs = outages.reduce(
    (longest, outage) =>
      Math.max(longest, (Number.isNaN(outage.toMs) ? kernel.nowMs : outage.toMs) - outage.fromMs),
    0,
  );
  const records = estate.context.parts.all();
  const partsOf = (partId: string): PartRecord[] =>
    records.filter((record) => record.id === partId || record.id.startsWith(`${partId}/`));
  const stepTimes = new Map<string, number>();
  for (const record of plan.records) {
    if (record.startedAtMs !== undefined && !stepTimes.has(record.step.name))
      stepTimes.set(record.step.name, record.startedAtMs);
  }
  const writes = engineReport.writes;
  const limitMessages = [
    ...(result.limitMessage === undefined ? [] : [result.limitMessage]),
    ...(result.stoppedBy === 'eventsMax'
      ? [`events limit (${RUN_EVENTS_MAX}) reached at ${(result.nowMs / 1000).toFixed(1)} s`]
      : []),
    ...engineReport.limitsHit,
    ...faults.limitsHit,
    ...workloadLimits,
    ...estate.context.parts.limitsHit(),
    ...(kernel.trace.droppedLineCount > 0
      ? [
          `trace lines kept in memory: the last ${kernel.trace.droppedLineCount} were only hashed and streamed`,
        ]
      : []),
  ];

  const measurements: Measurements = {
    services,
    adminDowntimeMs: monitors.adminDowntimeMs(),
    dbInterruptionLongestMs,
    lostWrites: writes.lostWrites,
    splitBrainMs: Math.max(monitors.splitBrainProbes * PROBE_INTERVAL_MS, writes.splitBrain ? 1 : 0),
    utilisationPeak: (partId) => {
      const found = partsOf(partId);
      return found.length === 0 ? undefined : Math.max(...found.map((record) => record.utilisationPeak));
    },
    temperaturePeakCelsius: (partId) => monitors.temperaturePeakCelsius(partId),
    firstTimeAtCelsiusMs: (partId, celsius) => monitors.firstTimeAtCelsiusMs(partId, celsius),
    crashes: (partId) => crashesOf(partId, estate, plan, records),
    requestShare: (partIds) => {
      const total = estate.engine.servedRequestsTotal();
      if (total === 0) return 0;
      const served = partIds.reduce(
        (sum, id) => sum + estate.engine.servedRequests(estate.webServers.get(id)?.id ?? id),
        0,
      );
      return served / total;
    },
    timeOfMs: (name) => faults.firstAtMs.get(name) ?? stepTimes.get(name),
    planStartMs: plan.planStartMs,
    planEndMs: plan.planEndMs,
  };
  const checks = evaluateChecks(scenario.checks ?? [], measurements);

  const steps: StepReport[] = plan.records.map((record) => {
    const startedAtMs = record.startedAtMs ?? 0;
    // A step still running when the run ended is charged up to the end of the run.
    const endedAtMs = record.endedAtMs ?? (record.startedAtMs === undefined ? startedAtMs : kernel.nowMs);
    // Whole seconds in [start, end): a second on the boundary of two steps counts in one of them.
    const failedRequests = estate.engine.failedOrTimedOutBetween(
      'www',
      Math.floor(startedAtMs / 1000),
      Math.floor(endedAtMs / 1000),
    );
    return {
      name: record.step.name,
      action: record.step.action,
      startedAt: startedAtMs / 1000,
      endedAt: endedAtMs / 1000,
      failedRequests: record.startedAtMs === undefined ? 0 : failedRequests,
      adminDowntimeSeconds:
        record.startedAtMs === undefined ? 0 : monitors.adminDowntimeMs(startedAtMs, endedAtMs) / 1000,
      outcome: record.outcome,
    };
  });

  const parts: Record<string, PartReport> = {};
  for (const record of records) {
    parts[record.id] = {
      kind: record.kind,
      utilisationPeak: Math.min(1, record.utilisationPeak),
      states: record.states.map((change) => ({ at: change.atMs / 1000, state: change.state })),
    };
  }

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
    parts,
    steps,
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
 * Crashes a part suffered: for a Pi, each time it went to `crashed`; for a VM host, the reboots
 * and power-offs the faults or its own hazard caused; for a VM, each abrupt stop the plan did not
 * ask for.
 */
function crashesOf(
  partId: string,
  estate: EstateRuntime,
  plan: PlanRunner,
  records: readonly PartRecord[],
): number | undefined {
  const record = records.find((candidate) => candidate.id === partId);
  if (record === undefined) return undefined;
  const entries = (predicate: (state: string) => boolean): number =>
    record.states.filter((change) => predicate(change.state)).length;
  if (estate.pis.pis.has(partId)) return entries((state) => state === 'crashed');
  if (estate.hosts.has(partId)) {
    // Going down from up is a crash; powering back on (off → rebooting) is the recovery.
    return record.states.filter(
      (change, index) =>
        (change.state === 'rebooting' || change.state === 'off') && record.states[index - 1]?.state === 'up',
    ).length;
  }
  if (estate.vms.has(partId)) {
    // A crash is a stop that was neither the end of a shutdown nor of a cold move, and not a hard
    // shutdown the plan asked for.
    let abrupt = 0;
    record.states.forEach((change, index) => {
      const previous = record.states[index - 1]?.state;
      if (
        change.state === 'stopped' &&
        previous !== undefined &&
        previous !== 'shuttingDown' &&
        previous !== 'moving'
      )
        abrupt++;
    });
    const plannedHard = plan.records.filter(
      (step) =>
        step.step.action === 'shutdown' &&
        step.step.mode === 'hard' &&
        step.step.vm === partId &&
        step.outcome === 'done',
    ).length;
    return Math.max(0, abrupt - plannedHard);
  }
  return undefined;
}
