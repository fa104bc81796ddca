/**
 * Asymptotic bounds of a closed network (Lazowska et al., Quantitative System Performance, ch. 5):
 * with total demand D, largest per-server demand D_max and think time Z, throughput X(N) ≤
 * min(N / (D + Z), 1 / D_max), and the knee where the two lines cross is N* = (D + Z) / D_max.
 */
export interface StationDemand {
  readonly name: string;
  /** Service seconds one request needs at this station, summed over its visits. */
  readonly demandSeconds: number;
  /** Servers that work in parallel (cores); 1 for a single queue. */
  readonly servers: number;
}

export interface AsymptoticBounds {
  /** 1 / D_max: the throughput no crowd can pass (requests/s). */
  readonly throughputMaxPerSecond: number;
  /** The station with the largest demand per server. */
  readonly bottleneck: string;
  /** D: the sum of demands, the response time of a lone request (s). */
  readonly totalDemandSeconds: number;
  /** N*: the crowd beyond which the bottleneck, not the users' pace, sets throughput. */
  readonly kneeUsers: number;
}

/** Demand per server: a c-server station saturates when λ D / c reaches 1. */
function perServerDemand(station: StationDemand): number {
  return station.demandSeconds / station.servers;
}

export function asymptoticBounds(stations: readonly StationDemand[], thinkSeconds: number): AsymptoticBounds {
  const busy = stations.filter((station) => station.demandSeconds > 0);
  if (busy.length === 0) throw new RangeError('asymptotic bounds: no station has a demand');
  const bottleneck = busy.reduce((most, station) =>
    perServerDemand(station) > perServerDemand(most) ? station : most,
  );
  const maxDemand = perServerDemand(bottleneck);
  const totalDemandSeconds = busy.reduce((sum, station) => sum + station.demandSeconds, 0);
  return {
    throughputMaxPerSecond: 1 / maxDemand,
    bottleneck: bottleneck.name,
    totalDemandSeconds,
    kneeUsers: (totalDemandSeconds + thinkSeconds) / maxDemand,
  };
}

/** The upper bound on throughput with N users: min(N / (D + Z), 1 / D_max). */
export function throughputBound(bounds: AsymptoticBounds, users: number, thinkSeconds: number): number {
  return Math.min(users / (bounds.totalDemandSeconds + thinkSeconds), bounds.throughputMaxPerSecond);
}
