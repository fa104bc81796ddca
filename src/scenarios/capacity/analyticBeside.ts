import type { Scenario } from '../schema/index.ts';
import { asymptoticBounds } from './analytic/bounds.ts';
import type { AsymptoticBounds, StationDemand } from './analytic/bounds.ts';
import { serviceDemands } from './analytic/demands.ts';
import { meanValueAnalysis } from './analytic/mva.ts';
import { crowdPeakUsers } from './scaleScenario.ts';

/** The queueing-theory figures printed beside a simulated point. */
export interface AnalyticPoint {
  readonly scale: number;
  readonly users: number;
  /** MVA throughput of the crowd at its peak, as if the peak lasted (requests/s). */
  readonly throughputPerSecond: number;
  readonly responseMs: number;
}

export interface AnalyticSummary {
  readonly stations: readonly StationDemand[];
  readonly bounds: AsymptoticBounds;
  /** The crowd scale at which the bounds' knee N* is reached. */
  readonly kneeScale: number;
  readonly points: readonly AnalyticPoint[];
  /** Effects the theory leaves out, said once beside every comparison. */
  readonly leftOut: readonly string[];
}

export const THEORY_LEAVES_OUT = [
  'Supercache invalidation by comments (uncached bursts)',
  "staticify's own renders and the crowd's ramp and decay (MVA assumes the peak holds)",
  'timeouts, retries and health-check ejections',
  'service-time shape: the model draws page times uniformly within ±20 %, MVA assumes exponential',
] as const;

export function analyticSummary(scenario: Scenario, scales: readonly number[]): AnalyticSummary {
  const stations = serviceDemands(scenario);
  const thinkSeconds = scenario.workload.thinkTime / 1000;
  const bounds = asymptoticBounds(stations, thinkSeconds);
  const peakUsers = crowdPeakUsers(scenario.workload.crowd);
  return {
    stations,
    bounds,
    kneeScale: peakUsers > 0 ? bounds.kneeUsers / peakUsers : Number.POSITIVE_INFINITY,
    points: scales.map((scale) => {
      const users = Math.round(peakUsers * scale);
      const mva = meanValueAnalysis(stations, thinkSeconds, users);
      return {
        scale,
        users,
        throughputPerSecond: mva.throughputPerSecond,
        responseMs: mva.responseSeconds * 1000,
      };
    }),
    leftOut: THEORY_LEAVES_OUT,
  };
}
