import type { RequestEngine } from '../../model/requests/engine.ts';
import type { ServiceName, ServiceReport as EngineServiceReport } from '../../model/requests/types.ts';
import type { ServiceReport } from '../report.ts';
import type { Slo } from '../schema/slo.ts';

/** What the service-level measures read from a finished run. */
export interface ServiceMeasureSources {
  engine: RequestEngine;
  /** Per second, 1 when the probe found no path by which a public request could be served. */
  wwwProbeDown: Uint8Array;
  /** Per second, 1 when an admin could not reach the admin side with a writable primary. */
  adminProbeDown: Uint8Array;
}

/**
 * Seconds a service was down (README, "Service-level measures"). For www: seconds in which no
 * public page could have been served (the probe), or in which more than errorShareMax of the
 * page requests users made failed or timed out; for static files, the latter only. For admin: seconds the admin probe failed; admin
 * requests are too few for a share per second to mean anything.
 */
export function downSeconds(
  sources: ServiceMeasureSources,
  service: ServiceName,
  errorShareMax: number,
): number {
  if (service === 'admin') return sources.adminProbeDown.reduce((sum, down) => sum + down, 0);
  const probe = sources.wwwProbeDown;
  // The CDN serves static files itself: the probe's path to a web server says nothing about them.
  const probeCounts = service === 'www';
  let down = 0;
  // Bounded by the run's seconds: the probe array covers the whole run.
  for (let second = 0; second < probe.length; second++)
    if (
      (probeCounts && probe[second] === 1) ||
      sources.engine.secondOverErrorShare(service, second, errorShareMax)
    )
      down++;
  return down;
}

/** The share of a service's requests answered within latencyObjectiveMs; 1 when nobody asked. */
export function availability(
  sources: ServiceMeasureSources,
  service: ServiceName,
  requests: number,
  latencyObjectiveMs: number,
): number {
  if (requests === 0) return 1;
  return Math.min(1, sources.engine.answeredWithinMs(service, latencyObjectiveMs) / requests);
}

/** A service's row of the report, measured against the scenario's objectives. */
export function serviceReportOf(
  sources: ServiceMeasureSources,
  service: ServiceName,
  engineReport: EngineServiceReport,
  slo: Slo,
): ServiceReport {
  return {
    requests: engineReport.requests,
    answered: engineReport.ok,
    failed: engineReport.failed,
    timedOut: engineReport.timedOut,
    failedWrites: engineReport.failedWrites,
    downSeconds: downSeconds(sources, service, slo.errorThresholdShare),
    erroredSeconds: engineReport.secondsWithFailures,
    availability: availability(sources, service, engineReport.requests, slo.latencyObjectiveMs),
    latencyMs: engineReport.latencyMs,
    latencyAnsweredMs: engineReport.latencyAnsweredMs,
  };
}
