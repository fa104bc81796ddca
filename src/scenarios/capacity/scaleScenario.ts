import { CROWD_USERS_MAX } from '../schema/workload.ts';
import type { Crowd, Scenario } from '../schema/index.ts';

/** Users times the factor, whole, within the engine's limit (a point past it says so: see `capped`). */
function scaled(users: number, factor: number): number {
  return Math.min(CROWD_USERS_MAX, Math.round(users * factor));
}

function scaleCrowd(crowd: Crowd, factor: number): Crowd {
  switch (crowd.shape) {
    case 'constant':
      return { ...crowd, users: scaled(crowd.users, factor) };
    case 'ramp':
      return { ...crowd, from: scaled(crowd.from, factor), to: scaled(crowd.to, factor) };
    case 'launch':
      return { ...crowd, baseline: scaled(crowd.baseline, factor), peak: scaled(crowd.peak, factor) };
  }
}

/**
 * The workload at `factor` times its load: the one place a search's scale reaches the workload.
 * A closed crowd scales its users; open arrivals (workload.arrivals, when they land) will scale
 * their arrival rate here, and nowhere else needs to change.
 */
export function scaleWorkload(workload: Scenario['workload'], factor: number): Scenario['workload'] {
  return { ...workload, crowd: scaleCrowd(workload.crowd, factor) };
}

/** The crowd's largest size, the figure a capacity answer is given in: the runner's own reading. */
export { peakUsers as crowdPeakUsers } from '../run/crowdCurve.ts';

/**
 * The scenario with its crowd multiplied by `factor` (users, baseline and peak; the shape's times
 * kept) and, when given, its duration cut to `durationMs` so a search runs only the part that
 * matters (a launch's peak). Its checks are dropped: the search judges runs by the SLO alone.
 */
export function scaleScenario(scenario: Scenario, factor: number, durationMs?: number): Scenario {
  if (!(factor > 0)) throw new RangeError(`scale: found ${factor}, expected > 0`);
  const { checks: _checks, ...rest } = scenario;
  return {
    ...rest,
    duration: durationMs ?? scenario.duration,
    workload: scaleWorkload(scenario.workload, factor),
  };
}
