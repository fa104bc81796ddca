import type { Crowd } from '../schema/index.ts';

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
      return crowd.baseline + (crowd.peak - crowd.baseline) * 2 ** -halfLives;
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

/**
 * The crowd as steps the engine can follow: the user count, rounded, at every `stepMs` where it
 * changes. A constant crowd is one step; a launch a few hundred at most (bounded by stepsMax).
 */
export function crowdSteps(
  crowd: Crowd,
  durationMs: number,
  stepMs: number,
  stepsMax = 10_000,
): Array<{ atMs: number; users: number }> {
  const steps: Array<{ atMs: number; users: number }> = [];
  let last = Number.NaN;
  const count = Math.min(stepsMax, Math.ceil(durationMs / stepMs) + 1);
  for (let index = 0; index < count; index++) {
    const atMs = index * stepMs;
    const users = Math.round(usersAt(crowd, atMs));
    if (users !== last) steps.push({ atMs, users });
    last = users;
  }
  return steps;
}
