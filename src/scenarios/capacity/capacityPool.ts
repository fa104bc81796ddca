import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { runScenario } from '../run/runScenario.ts';
import type { CapacityTask } from './capacityWorker.ts';
import { summariseRun } from './runSummary.ts';
import type { RunSeed, RunSummary } from './runSummary.ts';

/** The in-process runner: one run after another on this thread (tests, and a pool of none). */
export const runInProcess: RunSeed = (scenario, seed) =>
  Promise.resolve(summariseRun(runScenario(scenario, { seed })));

/**
 * The worker file beside this module, as TypeScript (through tsx's loader) or as the compiled
 * JavaScript; the same arrangement as the sweep's pool, for a task of its own.
 */
function workerOptions(): { filename: string; execArgv: string[] } {
  const ownUrl = import.meta.url;
  const typescript = ownUrl.endsWith('.ts');
  const filename = new URL(typescript ? './capacityWorker.ts' : './capacityWorker.js', ownUrl).href;
  if (!typescript) return { filename, execArgv: [] };
  const tsxLoader = pathToFileURL(createRequire(ownUrl).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsxLoader] };
}

/**
 * A pool of worker threads for the runs of capacity searches: every seed of a point, and the
 * points of several searches (what-if variants, degraded modes), run at once. Each run is a pure
 * function of its scenario and seed, so the answer cannot depend on how many threads ran it.
 * The queue is bounded by the searches themselves: each waits for its point's seeds before it
 * asks for the next, so at most (searches × seeds per point) runs wait at once.
 */
export class CapacityPool {
  private readonly pool: Piscina;

  constructor(readonly workers: number) {
    this.pool = new Piscina({ ...workerOptions(), minThreads: workers, maxThreads: workers });
  }

  readonly run: RunSeed = (scenario, seed) => {
    const task: CapacityTask = { scenario, seed };
    return this.pool.run(task) as Promise<RunSummary>;
  };

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
