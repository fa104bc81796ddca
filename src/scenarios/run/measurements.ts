import type { ServiceName } from '../../model/requests/types.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { ServiceReport } from '../report.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import type { FaultInjector } from './faultInjector.ts';
import type { Monitors } from './monitors.ts';
import { PROBE_INTERVAL_MS } from './monitors.ts';
import { availability, downSeconds } from './serviceMeasures.ts';
import type { UtilisationSampler } from './utilisationSampler.ts';
import type { PlanRunner } from './planRunner.ts';

/**
 * Everything the checks can ask of a finished run, in base units (ms, fractions, °C). The runner
 * fills it from the engine and the parts; the checks read nothing else, so they stay pure.
 */
export interface Measurements {
  services: Record<string, ServiceReport>;
  adminDowntimeMs: number;
  /** Seconds a service was down at another error threshold than the scenario's (see serviceMeasures). */
  downSeconds(service: ServiceName, errorShareMax: number): number;
  /** The share of a service's requests answered within latencyObjectiveMs. */
  availability(service: ServiceName, latencyObjectiveMs: number): number;
  /** Longest single stretch with no writable MySQL primary reachable. */
  dbInterruptionLongestMs: number;
  lostWrites: number;
  /** Total time during which two primaries accepted writes at once. */
  splitBrainMs: number;
  utilisationPeak(partId: string): number | undefined;
  temperaturePeakCelsius(partId: string): number | undefined;
  /** First time the part reached the temperature, or undefined if it never did. */
  firstTimeAtCelsiusMs(partId: string, celsius: number): number | undefined;
  crashes(partId: string): number | undefined;
  /** Share of public requests the given web servers answered. */
  requestShare(partIds: readonly string[]): number;
  /** When a named fault happened or a named plan step started. */
  timeOfMs(name: string): number | undefined;
  planStartMs: number | undefined;
  planEndMs: number | undefined;
}

/** What a finished run offers the measurements. */
export interface MeasuredRun {
  kernel: Kernel;
  estate: EstateRuntime;
  monitors: Monitors;
  faults: FaultInjector;
  plan: PlanRunner;
  services: Record<string, ServiceReport>;
  /** Writes as the request engine saw them. */
  writes: { lostWrites: number; splitBrain: boolean };
  /** Per-minute utilisation of every measured part (utilisationSampler.ts). */
  utilisation: UtilisationSampler;
  /** Crashes of a part, counted as the part's kind counts them (undefined when it cannot crash). */
  crashes(partId: string): number | undefined;
}

/** The longest single write outage of MySQL; one still open counts up to now. */
function longestWriteOutageMs(estate: EstateRuntime, nowMs: number): number {
  return estate.mysql
    .writeOutages()
    .reduce(
      (longest, outage) =>
        Math.max(longest, (Number.isNaN(outage.toMs) ? nowMs : outage.toMs) - outage.fromMs),
      0,
    );
}

/** When each named step first started. */
function stepStartTimes(plan: PlanRunner): Map<string, number> {
  const times = new Map<string, number>();
  for (const record of plan.records) {
    if (record.startedAtMs !== undefined && !times.has(record.step.name))
      times.set(record.step.name, record.startedAtMs);
  }
  return times;
}

export function collectMeasurements(run: MeasuredRun): Measurements {
  const { estate, monitors, faults, plan } = run;
  const { writes } = run;
  const records = estate.context.parts.all();
  const stepTimes = stepStartTimes(plan);
  const sources = {
    engine: estate.engine,
    wwwProbeDown: monitors.wwwDown,
    adminProbeDown: monitors.adminDown,
  };
  return {
    services: run.services,
    adminDowntimeMs: monitors.adminDowntimeMs(),
    downSeconds: (service, errorShareMax) => downSeconds(sources, service, errorShareMax),
    availability: (service, latencyObjectiveMs) =>
      availability(sources, service, run.services[service]?.requests ?? 0, latencyObjectiveMs),
    dbInterruptionLongestMs: longestWriteOutageMs(estate, run.kernel.nowMs),
    lostWrites: writes.lostWrites,
    splitBrainMs: Math.max(monitors.splitBrainProbes * PROBE_INTERVAL_MS, writes.splitBrain ? 1 : 0),
    utilisationPeak: (partId) => {
      // The busiest minute as the report shows it; for a part not measured per minute, its own
      // record and those of the parts it holds (`vm/apache`, `vm/mysql`).
      const measured = run.utilisation.figures(partId);
      if (measured !== undefined) return measured.peak;
      const found = records.filter((record) => record.id === partId || record.id.startsWith(`${partId}/`));
      return found.length === 0 ? undefined : Math.max(...found.map((record) => record.utilisationPeak));
    },
    temperaturePeakCelsius: (partId) => monitors.temperaturePeakCelsius(partId),
    firstTimeAtCelsiusMs: (partId, celsius) => monitors.firstTimeAtCelsiusMs(partId, celsius),
    crashes: (partId) => run.crashes(partId),
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
}
