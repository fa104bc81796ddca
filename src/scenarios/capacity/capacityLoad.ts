import { peakRatePerSecond } from '../run/arrivalCurve.ts';
import type { Scenario } from '../schema/index.ts';
import { crowdPeakUsers } from './scaleScenario.ts';

/**
 * What a capacity answer is counted in. A closed crowd's load is its users at the peak; an open
 * workload (arrivals and a crowd of 0 users, the schema's way of writing "no crowd") has no users,
 * so its load is the arrivals' peak rate in requests per second. A workload with both is counted
 * in users, as before: the scale multiplies both, and the crowd is what a reader plans for.
 */
export interface CapacityLoad {
  readonly kind: 'users' | 'arrivals';
  /** Users at the peak, or requests per second at the peak, at scale 1. */
  readonly peakAtScale1: number;
}

export function capacityLoadOf(workload: Scenario['workload']): CapacityLoad {
  const users = crowdPeakUsers(workload.crowd);
  if (users === 0 && workload.arrivals !== undefined)
    return { kind: 'arrivals', peakAtScale1: peakRatePerSecond(workload.arrivals.rate) };
  return { kind: 'users', peakAtScale1: users };
}

/** The load at a scale: whole users, or a rate kept to 0.1 request per second. */
export function loadAt(load: CapacityLoad, scale: number): number {
  const value = load.peakAtScale1 * scale;
  return load.kind === 'users' ? Math.round(value) : Math.round(value * 10) / 10;
}

/** The load's unit as a table or axis names it. */
export function loadUnit(load: CapacityLoad): string {
  return load.kind === 'users' ? 'users' : 'req/s';
}

/** "12,000 users" or "52.3 req/s". */
export function loadText(load: CapacityLoad, scale: number): string {
  const value = loadAt(load, scale);
  const digits = load.kind === 'users' ? 0 : 1;
  return `${value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${loadUnit(load)}`;
}
