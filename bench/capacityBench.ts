import { findBuiltinScenario } from '../src/scenarios/builtin/index.ts';
import { searchCapacity } from '../src/scenarios/capacity/search.ts';
import { sloOf } from '../src/scenarios/capacity/slo.ts';
import { loadScenarioFile } from '../src/scenarios/load.ts';
import { runScenario } from '../src/scenarios/run/runScenario.ts';

/** Simulated length of each run: the Pi Zero launch up to 15 minutes into its peak. */
const RUN_DURATION_MS = 105 * 60_000;

/**
 * `npm run bench -- capacity`: the wall time of the Pi Zero launch's capacity search, two seeds
 * per point, in-process (one worker: the search does not use the sweep pool yet). There is no
 * goal to hold, so it always passes; the figure is for comparison between versions.
 */
export function capacityBench(): boolean {
  const entry = findBuiltinScenario('pi-zero-launch');
  if (entry === undefined) throw new Error('pi-zero-launch is not built in');
  const scenario = loadScenarioFile(entry.path);
  const startedMs = performance.now();
  const result = searchCapacity(
    scenario,
    { slo: sloOf(scenario, {}), seeds: [scenario.seed, scenario.seed + 1], durationMs: RUN_DURATION_MS },
    (scaled, seed) => runScenario(scaled, { seed }),
  );
  const wallSeconds = (performance.now() - startedMs) / 1000;
  console.log(
    `pi-zero-launch search, 1 worker (in-process): ${wallSeconds.toFixed(1)} s wall, ${result.points.length} points × 2 seeds, ` +
      `passes at ×${result.passScale.toFixed(3)}, fails at ×${result.failScale?.toFixed(3) ?? '—'}`,
  );
  return true;
}
