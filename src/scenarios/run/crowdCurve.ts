import type { Crowd } from '../schema/index.ts';
import { exp2 } from '../../sim/portableMath.ts';

/**
 * Simultaneous users at a moment of the run, from the scenario's crowd shape. A launch rises
 * linearly from the baseline to the peak over rampUp, holds, then decays exponentially back
 * towards the baseline with the given half-life.
 */
export function usersAt(crowd: Crowd, timeMs: number): number {
  switch (crowd.shape) {
    case 'constant':
      return crowd.users;
    case 'ramp': {
      if (timeMs <= crowd.start) return crowd.from;
      if (crowd.over === 0 || timeMs >= crowd.start + crowd.over) return crowd.to;
      return crowd.from + ((crowd.to - crowd.from) * (timeMs - crowd.start)) / crowd.over;
    }
    case 'launch': {
      const peakAtMs = crowd.at + crowd.rampUp;
      const decayFromMs = peakAtMs + (crowd.hold ?? 0);
      if (timeMs <= crowd.at) return crowd.baseline;
      if (timeMs < peakAtMs)
        return crowd.baseline + ((crowd.peak - crowd.baseline) * (timeMs - crowd.at)) / crowd.rampUp;
      if (timeMs <= decayFromMs) return crowd.peak;
      const halfLives = crowd.decay > 0 ? (timeMs - decayFromMs) / crowd.decay : Infinity;
      return crowd.baseline + (crowd.peak - crowd.baseline) * exp2(-halfLives);
    }
  }
}

/** The largest crowd the shape reaches. */
export function peakUsers(crowd: Crowd): number {
  switch (crowd.shape) {
    case 'constant':
      return crowd.users;
    case 'ramp':
      return Math.max(crowd.from, crowd.to);
    case 'launch':
      return Math.max(crowd.baseline, crowd.peak);
  }
}

/** Times where the shape bends, which the steps must include however coarse their grid. */
function breakpointsMs(crowd: Crowd): number[] {
  switch (crowd.shape) {
    case 'constant':
      return [];
    case 'ramp':
      return [crowd.start, crowd.start + crowd.over];
    case 'launch':
      return [crowd.at, crowd.at + crowd.rampUp, crowd.at + crowd.rampUp + (crowd.hold ?? 0)];
  }
}

export interface CrowdSteps {
  steps: Array<{ atMs: number; users: number }>;
  /** Set when stepsMax cut the list short: the crowd stays as it was from then on. */
  truncatedAtMs?: number;
}

/**
 * The crowd as steps the engine can follow: the user count, rounded, every `stepMs` and at every
 * point where the shape bends (so a peak shorter than a step is still reached), kept where it
 * changes. A constant crowd is one step; at most stepsMax, and a cut list says where it stopped.
 */
export function crowdSteps(crowd: Crowd, durationMs: number, stepMs: number, stepsMax = 10_000): CrowdSteps {
  const gridCount = Math.ceil(durationMs / stepMs) + 1;
  const truncatedAtMs = gridCount > stepsMax ? (stepsMax - 1) * stepMs : undefined;
  const lastMs = Math.min(durationMs, truncatedAtMs ?? durationMs);
  const times = new Set<number>();
  for (let index = 0; index < Math.min(gridCount, stepsMax); index++)
    times.add(Math.min(index * stepMs, lastMs));
  for (const atMs of breakpointsMs(crowd)) if (atMs >= 0 && atMs <= lastMs) times.add(atMs);
  const steps: Array<{ atMs: number; users: number }> = [];
  let last = Number.NaN;
  for (const atMs of [...times].sort((a, b) => a - b)) {
    const users = Math.round(usersAt(crowd, atMs));
    if (users !== last) steps.push({ atMs, users });
    last = users;
  }
  if (truncatedAtMs === undefined) return { steps };
  // Cut short only matters if the crowd would still have changed after the cut.
  const usersAtCut = Math.round(usersAt(crowd, truncatedAtMs));
  const laterTimes = [...breakpointsMs(crowd), durationMs].filter((atMs) => atMs > truncatedAtMs);
  const changesLater = laterTimes.some((atMs) => Math.round(usersAt(crowd, atMs)) !== usersAtCut);
  return changesLater ? { steps, truncatedAtMs } : { steps };
}
