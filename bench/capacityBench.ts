import { join } from 'node:path';
import { CapacityPool } from '../src/scenarios/capacity/capacityPool.ts';
import { searchCapacity } from '../src/scenarios/capacity/search.ts';
import type { CapacityResult } from '../src/scenarios/capacity/search.ts';
import { sloOf } from '../src/scenarios/capacity/slo.ts';
import { loadScenarioFile } from '../src/scenarios/load.ts';
import { ownCpuSeconds } from './cpuTime.ts';

/** The Pi Zero launch compressed to its ramp and peak (10 simulated minutes a run). */
const SCENARIO_FILE = join(import.meta.dirname, '../examples/pi-zero-launch-peak.yaml');

/**
 * `npm run bench -- capacity`: the wall and CPU time of the Pi Zero launch's capacity search (its
 * ramp and peak, examples/pi-zero-launch-peak.yaml: the whole launch takes hours of CPU), two seeds
 * per point, on a pool of 1 and then 2 worker threads (CPU time counts every thread of the
 * process, so it stays comparable on a loaded machine where wall time does not). The two answers
 * must be the same; that is the one goal, the times are for comparison between versions.
 */
export async function capacityBench(): Promise<boolean> {
  const scenario = loadScenarioFile(SCENARIO_FILE);
  const settings = { slo: sloOf(scenario, {}), seeds: [scenario.seed, scenario.seed + 1] };
  const answers: CapacityResult[] = [];
  for (const workers of [1, 2]) {
    const pool = new CapacityPool(workers);
    const startedMs = performance.now();
    const cpuBefore = ownCpuSeconds();
    try {
      answers.push(await searchCapacity(scenario, settings, pool.run));
    } finally {
      await pool.close();
    }
    const cpuSeconds = ownCpuSeconds() - cpuBefore;
    const wallSeconds = (performance.now() - startedMs) / 1000;
    const result = answers[answers.length - 1] as CapacityResult;
    console.log(
      `pi-zero-launch-peak search, ${workers} worker(s): ${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, ` +
        `${result.points.length} points × 2 seeds, passes at ×${result.passScale.toFixed(3)}, fails at ×${result.failScale?.toFixed(3) ?? '—'}`,
    );
  }
  const same = JSON.stringify(answers[0]) === JSON.stringify(answers[1]);
  console.log(`${same ? 'PASS' : 'FAIL'}  the same answer with 1 and 2 workers`);
  return same;
}
