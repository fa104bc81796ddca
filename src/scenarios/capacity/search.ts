import type { Scenario } from '../schema/index.ts';
import { measurePoint } from './measurePoint.ts';
import type { CapacityPoint, SearchSettings } from './measurePoint.ts';
import type { RunSeed } from './runSummary.ts';

/**
 * The capacity search: from scale 1, double (or halve) until the SLO's verdict changes, then
 * bisect between the last passing and the first failing scale until they are within
 * `precision` of each other. Every step is bounded; a search that hits a bound says so.
 */
export interface SearchLimits {
  /** Doublings or halvings allowed while bracketing (2^8 = 256 × the crowd). */
  readonly bracketStepsMax: number;
  readonly bisectStepsMax: number;
  /** Stop bisecting when (fail − pass) / pass falls below this. */
  readonly precision: number;
}

export const SEARCH_DEFAULTS: SearchLimits = { bracketStepsMax: 8, bisectStepsMax: 6, precision: 0.05 };

export interface CapacityResult {
  /** The largest scale found within the SLO; 0 when even the smallest tried failed. */
  readonly passScale: number;
  /** The smallest scale found that broke it; undefined when the largest tried still held. */
  readonly failScale?: number;
  /** Every point run, by scale. */
  readonly points: readonly CapacityPoint[];
  /** What cut the search short, if anything. */
  readonly limitHit?: string;
}

export async function searchCapacity(
  scenario: Scenario,
  settings: SearchSettings,
  run: RunSeed,
  limits: SearchLimits = SEARCH_DEFAULTS,
  onPoint?: (point: CapacityPoint) => void,
): Promise<CapacityResult> {
  const points: CapacityPoint[] = [];
  const measure = async (scale: number): Promise<CapacityPoint> => {
    const point = await measurePoint(scenario, scale, settings, run);
    points.push(point);
    onPoint?.(point);
    return point;
  };
  const first = await measure(1);
  let pass = first.ok ? 1 : 0;
  let fail: number | undefined = first.ok ? undefined : 1;
  for (let step = 0; step < limits.bracketStepsMax && (pass === 0 || fail === undefined); step++) {
    const scale = fail === undefined ? pass * 2 : fail / 2;
    if ((await measure(scale)).ok) pass = scale;
    else fail = scale;
  }
  if (pass === 0 || fail === undefined)
    return {
      passScale: pass,
      ...(fail === undefined ? {} : { failScale: fail }),
      points: sorted(points),
      limitHit: `no bracket within ${limits.bracketStepsMax} doublings or halvings of scale 1`,
    };
  let low: number = pass;
  let high: number = fail;
  let steps = 0;
  for (; steps < limits.bisectStepsMax && (high - low) / low > limits.precision; steps++) {
    const scale: number = (low + high) / 2;
    if ((await measure(scale)).ok) low = scale;
    else high = scale;
  }
  const converged = (high - low) / low <= limits.precision;
  return {
    passScale: low,
    failScale: high,
    points: sorted(points),
    ...(converged
      ? {}
      : { limitHit: `bracket still wider than ${limits.precision * 100} % after ${steps} bisections` }),
  };
}

function sorted(points: readonly CapacityPoint[]): CapacityPoint[] {
  return [...points].sort((a, b) => a.scale - b.scale);
}
