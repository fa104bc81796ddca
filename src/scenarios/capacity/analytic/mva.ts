import type { StationDemand } from './bounds.ts';

/**
 * Mean Value Analysis of a closed network: N users, each thinking Z seconds between requests,
 * visiting queueing stations (Reiser and Lavenberg's recursion; exact for single-server stations).
 * A multi-server station uses Seidmann's approximation (Seidmann, Schweitzer and Shalev-Oren,
 * 1987): a c-server station of demand D becomes a single server of demand D/c in series with a
 * pure delay of D(c − 1)/c. It is exact at light load and at saturation and close between; we
 * chose it over the exact load-dependent recursion because it stays O(N × stations).
 */
export interface MvaResult {
  readonly users: number;
  readonly throughputPerSecond: number;
  /** Time from a request's start to its answer, thinking excluded (s). */
  readonly responseSeconds: number;
  /** Per station: the mean requests there (queue length) and the share of its servers busy. */
  readonly stations: readonly { name: string; queueLength: number; utilisation: number }[];
}

/** The most users the recursion steps through; a larger crowd is refused, not computed slowly. */
export const MVA_USERS_MAX = 2_000_000;

export function meanValueAnalysis(
  stations: readonly StationDemand[],
  thinkSeconds: number,
  users: number,
): MvaResult {
  if (!Number.isInteger(users) || users < 0 || users > MVA_USERS_MAX)
    throw new RangeError(`MVA users: found ${users}, expected a whole number from 0 to ${MVA_USERS_MAX}`);
  const queueDemand = stations.map((station) => station.demandSeconds / station.servers);
  const delaySeconds = stations.reduce(
    (sum, station) => sum + (station.demandSeconds * (station.servers - 1)) / station.servers,
    0,
  );
  const queueLength = stations.map(() => 0);
  let throughput = 0;
  let response = delaySeconds + queueDemand.reduce((sum, demand) => sum + demand, 0);
  for (let n = 1; n <= users; n++) {
    // An arriving request sees the queue the network had with one user fewer (the arrival theorem).
    const residence = queueDemand.map((demand, index) => demand * (1 + (queueLength[index] as number)));
    response = delaySeconds + residence.reduce((sum, value) => sum + value, 0);
    throughput = n / (response + thinkSeconds);
    residence.forEach((value, index) => (queueLength[index] = throughput * value));
  }
  return {
    users,
    throughputPerSecond: throughput,
    responseSeconds: response,
    stations: stations.map((station, index) => ({
      name: station.name,
      queueLength: queueLength[index] as number,
      utilisation: (throughput * station.demandSeconds) / station.servers,
    })),
  };
}
