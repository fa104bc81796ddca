import type { RequestEngine } from '../../model/requests/engine.ts';
import type { RequestMix } from '../../model/requests/types.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { ArrivalCurve } from '../schema/index.ts';
import { arrivalBreakpointsMs, ratePerSecondAt } from './arrivalCurve.ts';

/**
 * The arrival rate is held constant between steps at most this far apart (and at every point the
 * curve bends). Each step takes the curve's rate at its midpoint, so a linear stretch is followed
 * exactly on average; a minute is short beside a launch's rise and decay.
 */
export const ARRIVAL_STEP_MS = 60_000;

/** The first step boundary after fromMs: the next grid point, breakpoint, or the end of the run. */
export function nextStepMs(breakpointsMs: readonly number[], fromMs: number, durationMs: number): number {
  let nextMs = Math.min(durationMs, (Math.floor(fromMs / ARRIVAL_STEP_MS) + 1) * ARRIVAL_STEP_MS);
  for (const atMs of breakpointsMs) if (atMs > fromMs && atMs < nextMs) nextMs = atMs;
  return nextMs;
}

/**
 * Drives the engine's open load along the curve: a Poisson process whose rate is set at each
 * step (the crowd's Poisson arrivals re-draw on a change of rate, which is exact for a piecewise
 * constant rate). Steps are scheduled one at a time, so a year-long run holds one pending step;
 * there are at most durationMs / ARRIVAL_STEP_MS + 3 of them, and a constant curve has none.
 */
export function driveArrivals(
  kernel: Kernel,
  engine: RequestEngine,
  curve: ArrivalCurve,
  mix: RequestMix,
  durationMs: number,
): void {
  const breakpointsMs = arrivalBreakpointsMs(curve);
  const firstEndMs = curve.shape === 'constant' ? durationMs : nextStepMs(breakpointsMs, 0, durationMs);
  const handle = engine.addOpenLoad({ ratePerSecond: ratePerSecondAt(curve, firstEndMs / 2), mix });
  if (curve.shape === 'constant') return;
  const step = (fromMs: number): void => {
    const toMs = nextStepMs(breakpointsMs, fromMs, durationMs);
    engine.setOpenLoadRate(handle, ratePerSecondAt(curve, (fromMs + toMs) / 2));
    if (toMs < durationMs) kernel.scheduleCallbackAt(toMs, () => step(toMs));
  };
  if (firstEndMs < durationMs) kernel.scheduleCallbackAt(firstEndMs, () => step(firstEndMs));
}
