import type { ArrivalCurve, Arrivals } from '../schema/index.ts';
import { usersAt } from './crowdCurve.ts';

const MS_PER_MINUTE = 60_000;
const MS_PER_SECOND = 1000;

/**
 * Open arrivals' rate over a run, in requests per second. A constant, ramp or launch curve has the
 * shape of a crowd of the same name (crowdCurve.ts), with rates in place of users; a table gives
 * each minute's rate and holds its last after it ends.
 */
export function ratePerSecondAt(curve: ArrivalCurve, timeMs: number): number {
  switch (curve.shape) {
    case 'constant':
      return curve.rate * MS_PER_SECOND;
    case 'ramp':
      return usersAt(curve, timeMs) * MS_PER_SECOND;
    case 'launch':
      return usersAt(curve, timeMs) * MS_PER_SECOND;
    case 'table': {
      const minute = Math.min(Math.max(0, Math.floor(timeMs / MS_PER_MINUTE)), curve.perMinute.length - 1);
      return (curve.perMinute[minute] as number) * MS_PER_SECOND;
    }
  }
}

/** The highest rate the curve reaches, in requests per second. */
export function peakRatePerSecond(curve: ArrivalCurve): number {
  switch (curve.shape) {
    case 'constant':
      return curve.rate * MS_PER_SECOND;
    case 'ramp':
      return Math.max(curve.from, curve.to) * MS_PER_SECOND;
    case 'launch':
      return Math.max(curve.baseline, curve.peak) * MS_PER_SECOND;
    case 'table':
      return curve.perMinute.reduce((peak, rate) => Math.max(peak, rate), 0) * MS_PER_SECOND;
  }
}

/** Where the curve bends or jumps, which the rate steps must include however coarse their grid. */
export function arrivalBreakpointsMs(curve: ArrivalCurve): number[] {
  switch (curve.shape) {
    case 'constant':
      return [];
    case 'ramp':
      return [curve.start, curve.start + curve.over];
    case 'launch':
      return [curve.at, curve.at + curve.rampUp, curve.at + curve.rampUp + (curve.hold ?? 0)];
    case 'table':
      // A table bends at every minute, which is the grid already.
      return [];
  }
}

/**
 * The curve with every rate multiplied by factor (for capacity searches over open workloads):
 * times are kept, so a launch keeps its shape and only its height changes.
 */
export function scaleArrivalCurve(curve: ArrivalCurve, factor: number): ArrivalCurve {
  switch (curve.shape) {
    case 'constant':
      return { ...curve, rate: curve.rate * factor };
    case 'ramp':
      return { ...curve, from: curve.from * factor, to: curve.to * factor };
    case 'launch':
      return { ...curve, baseline: curve.baseline * factor, peak: curve.peak * factor };
    case 'table':
      return { ...curve, perMinute: curve.perMinute.map((rate) => rate * factor) };
  }
}

/** A workload's arrivals with their rate scaled by factor, their mix kept. */
export function scaleArrivals(arrivals: Arrivals, factor: number): Arrivals {
  return { ...arrivals, rate: scaleArrivalCurve(arrivals.rate, factor) };
}

/** Requests the curve is expected to bring over [0, durationMs), by the midpoint rule per minute. */
export function expectedArrivals(curve: ArrivalCurve, durationMs: number, samplesMax = 10_000): number {
  const stepMs = Math.max(MS_PER_MINUTE, durationMs / samplesMax);
  let requests = 0;
  for (let fromMs = 0; fromMs < durationMs; fromMs += stepMs) {
    const toMs = Math.min(durationMs, fromMs + stepMs);
    requests += (ratePerSecondAt(curve, (fromMs + toMs) / 2) * (toMs - fromMs)) / MS_PER_SECOND;
  }
  return requests;
}
