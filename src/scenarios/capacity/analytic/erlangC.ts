import { exp } from '../../../sim/portableMath.ts';

/**
 * Erlang C: the M/M/c queue (Poisson arrivals, exponential service, c servers, first come first
 * served, unbounded queue). The closed forms are textbook (Kleinrock, Queueing Systems I, §3.5);
 * the code is ours. Times are in seconds.
 */
export interface MmcResult {
  /** λ / (c μ), the share of the servers busy. */
  readonly utilisation: number;
  /** The probability an arrival finds every server busy (Erlang's C formula). */
  readonly probabilityOfWaiting: number;
  readonly meanWaitSeconds: number;
  /** Mean wait plus mean service. */
  readonly meanResponseSeconds: number;
}

/** Steps of the bisections below; each halves the interval, so 200 is far below a double's precision. */
const BISECTION_STEPS_MAX = 200;

function checkStation(servers: number, serviceSeconds: number, arrivalsPerSecond: number): void {
  if (!Number.isInteger(servers) || servers < 1)
    throw new RangeError(`servers: found ${servers}, expected a whole number ≥ 1`);
  if (!(serviceSeconds > 0)) throw new RangeError(`service time: found ${serviceSeconds}, expected > 0 s`);
  if (!(arrivalsPerSecond >= 0))
    throw new RangeError(`arrival rate: found ${arrivalsPerSecond}, expected ≥ 0 /s`);
}

/** The M/M/c figures, or undefined when the station is saturated (utilisation ≥ 1): it never settles. */
export function erlangC(
  servers: number,
  serviceSeconds: number,
  arrivalsPerSecond: number,
): MmcResult | undefined {
  checkStation(servers, serviceSeconds, arrivalsPerSecond);
  const offeredErlangs = arrivalsPerSecond * serviceSeconds;
  const utilisation = offeredErlangs / servers;
  if (utilisation >= 1) return undefined;
  // Erlang B by its recurrence, which stays within a double for hundreds of servers, then C from B.
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (offeredErlangs * blocking) / (k + offeredErlangs * blocking);
  const probabilityOfWaiting = blocking / (1 - utilisation * (1 - blocking));
  const drainPerSecond = servers / serviceSeconds - arrivalsPerSecond;
  const meanWaitSeconds = probabilityOfWaiting / drainPerSecond;
  return {
    utilisation,
    probabilityOfWaiting,
    meanWaitSeconds,
    meanResponseSeconds: meanWaitSeconds + serviceSeconds,
  };
}

/**
 * P(response > t) for M/M/c FCFS: the wait is 0 with probability 1 − C, else exponential at rate
 * cμ − λ; the response adds an independent exponential service at rate μ.
 */
export function responseTailProbability(
  servers: number,
  serviceSeconds: number,
  arrivalsPerSecond: number,
  seconds: number,
): number {
  const station = erlangC(servers, serviceSeconds, arrivalsPerSecond);
  if (station === undefined) return 1;
  const mu = 1 / serviceSeconds;
  const theta = servers * mu - arrivalsPerSecond;
  const serviceTail = exp(-mu * seconds);
  // The sum of two exponentials (hypoexponential); the equal-rate case is its limit, Erlang-2.
  const sumTail =
    Math.abs(theta - mu) < 1e-12 * mu
      ? (1 + mu * seconds) * serviceTail
      : (theta * serviceTail - mu * exp(-theta * seconds)) / (theta - mu);
  const c = station.probabilityOfWaiting;
  return (1 - c) * serviceTail + c * sumTail;
}

/** The response time (s) a share `quantile` (0.95 for p95) of requests stay within, by bisection. */
export function responsePercentileSeconds(
  servers: number,
  serviceSeconds: number,
  arrivalsPerSecond: number,
  quantile: number,
): number {
  if (!(quantile > 0 && quantile < 1))
    throw new RangeError(`quantile: found ${quantile}, expected between 0 and 1`);
  if (erlangC(servers, serviceSeconds, arrivalsPerSecond) === undefined) return Number.POSITIVE_INFINITY;
  let low = 0;
  let high = serviceSeconds;
  for (
    let step = 0;
    step < BISECTION_STEPS_MAX &&
    responseTailProbability(servers, serviceSeconds, arrivalsPerSecond, high) > 1 - quantile;
    step++
  )
    high *= 2;
  for (let step = 0; step < BISECTION_STEPS_MAX && high - low > 1e-9 * high; step++) {
    const middle = (low + high) / 2;
    if (responseTailProbability(servers, serviceSeconds, arrivalsPerSecond, middle) > 1 - quantile)
      low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The largest arrival rate (/s) at which the `quantile` response time stays within `limitSeconds`:
 * the station's analytic capacity for a latency objective. 0 when even an idle station misses it.
 */
export function arrivalRateForPercentile(
  servers: number,
  serviceSeconds: number,
  quantile: number,
  limitSeconds: number,
): number {
  if (responsePercentileSeconds(servers, serviceSeconds, 0, quantile) > limitSeconds) return 0;
  let low = 0;
  let high = servers / serviceSeconds;
  for (let step = 0; step < BISECTION_STEPS_MAX && high - low > 1e-9 * high; step++) {
    const middle = (low + high) / 2;
    if (responsePercentileSeconds(servers, serviceSeconds, middle, quantile) <= limitSeconds) low = middle;
    else high = middle;
  }
  return low;
}
