import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { SweepJob } from './jobs.ts';
import { mergeParts } from './sweepPart.ts';
import type { SweepPart } from './sweepPart.ts';

/**
 * A worker pool file (the sweep's by default) in `directoryUrl`, as TypeScript (through tsx) or
 * as compiled JavaScript, whichever this module runs as; a .ts worker gets tsx's loader, a .js one
 * runs as it is.
 */
export function poolWorkerOptions(
  baseName = 'poolWorker',
  directoryUrl = import.meta.url,
): { filename: string; execArgv: string[] } {
  const ownUrl = import.meta.url;
  const typescript = ownUrl.endsWith('.ts');
  const filename = new URL(`./${baseName}${typescript ? '.ts' : '.js'}`, directoryUrl).href;
  if (!typescript) return { filename, execArgv: [] };
  // Resolved from here rather than by bare name, so it works whatever directory twin runs in.
  const tsxLoader = pathToFileURL(createRequire(ownUrl).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsxLoader] };
}

export const defaultWorkers = (): number => availableParallelism();

/** A pool of worker threads that run sweep jobs; close it when done. */
export class LocalPool {
  private readonly pool: Piscina;

  constructor(readonly workers: number) {
    this.pool = new Piscina({
      ...poolWorkerOptions(),
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
    });
  }

  run(job: SweepJob): Promise<SweepPart> {
    return this.pool.run(job) as Promise<SweepPart>;
  }

  /**
   * Runs every job and merges the parts as they finish, in whatever order that is: the merge is
   * commutative and associative, so the order leaves no mark on the result.
   */
  async runAll(
    jobs: readonly SweepJob[],
    onJobDone?: (job: SweepJob) => void,
  ): Promise<SweepPart | undefined> {
    let merged: SweepPart | undefined;
    await Promise.all(
      jobs.map(async (job) => {
        const part = await this.run(job);
        merged = merged === undefined ? part : mergeParts(merged, part);
        onJobDone?.(job);
      }),
    );
    return merged;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
