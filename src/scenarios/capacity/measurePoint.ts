import type { Scenario } from '../schema/index.ts';
import type { RunSeed } from './runSummary.ts';
import { scaleScenario } from './scaleScenario.ts';
import { sloBreaches } from './slo.ts';
import type { Slo, SloFigures } from './slo.ts';

export interface SearchSettings {
  readonly slo: Slo;
  readonly seeds: readonly number[];
  /** When given, each run is cut to this long (simulated ms). */
  readonly durationMs?: number;
}

/** One scale's runs: the mean over seeds of every figure, the spread of p95, and the verdict. */
export interface CapacityPoint {
  readonly scale: number;
  readonly ok: boolean;
  /** Every seed's breaches, `seed N: …`; empty when every seed held the SLO. */
  readonly breaches: readonly string[];
  readonly mean: SloFigures;
  /** Lowest and highest p95 over the seeds (ms), the seeds' spread at this point. */
  readonly p95RangeMs: readonly [number, number];
  /** Peak utilisation of every part, the highest over the seeds. */
  readonly utilisation: Readonly<Record<string, number>>;
  /** Whether a run stopped at a bound of its own (events, requests in flight). */
  readonly limitMessages: readonly string[];
}

function meanOf(figures: readonly SloFigures[]): SloFigures {
  const average = (pick: (each: SloFigures) => number) =>
    figures.reduce((sum, each) => sum + pick(each), 0) / figures.length;
  return {
    requests: average((each) => each.requests),
    throughputPerSecond: average((each) => each.throughputPerSecond),
    p50Ms: average((each) => each.p50Ms),
    p95Ms: average((each) => each.p95Ms),
    p99Ms: average((each) => each.p99Ms),
    errorShare: average((each) => each.errorShare),
    downtimeSeconds: average((each) => each.downtimeSeconds),
  };
}

/** Runs every seed at one scale (at once, when `run` has a pool behind it) and judges the point. */
export async function measurePoint(
  scenario: Scenario,
  scale: number,
  settings: SearchSettings,
  run: RunSeed,
): Promise<CapacityPoint> {
  if (settings.seeds.length === 0) throw new RangeError('capacity: give at least one seed');
  const scaled = scaleScenario(scenario, scale, settings.durationMs);
  const runs = await Promise.all(settings.seeds.map((seed) => run(scaled, seed)));
  const figures = runs.map((each) => each.figures);
  const breaches = figures.flatMap((each, index) =>
    sloBreaches(each, settings.slo).map((breach) => `seed ${settings.seeds[index]}: ${breach}`),
  );
  const utilisation: Record<string, number> = {};
  for (const each of runs)
    for (const [name, peak] of Object.entries(each.utilisation))
      utilisation[name] = Math.max(utilisation[name] ?? 0, peak);
  const p95s = figures.map((each) => each.p95Ms);
  return {
    scale,
    ok: breaches.length === 0,
    breaches,
    mean: meanOf(figures),
    p95RangeMs: [Math.min(...p95s), Math.max(...p95s)],
    utilisation,
    limitMessages: runs.flatMap((each) => (each.limitMessage === undefined ? [] : [each.limitMessage])),
  };
}
