import { CROWD_USERS_MAX } from '../schema/workload.ts';
import { scaleArrivals } from '../run/arrivalCurve.ts';
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
 * A closed crowd scales its users and open arrivals their rate (times kept, so a launch keeps its
 * shape). A replayed access log is kept as it is, a fixed background beside what is scaled: its
 * parsed lines are bound to its spec when the file is loaded.
 */
export function scaleWorkload(workload: Scenario['workload'], factor: number): Scenario['workload'] {
  const { arrivals } = workload;
  return {
    ...workload,
    crowd: scaleCrowd(workload.crowd, factor),
    ...(arrivals === undefined ? {} : { arrivals: scaleArrivals(arrivals, factor) }),
  };
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
