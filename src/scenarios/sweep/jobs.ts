import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../schema/index.ts';
import { splitRange } from './seedRange.ts';
import type { SeedRange } from './seedRange.ts';
import type { SweepSpec } from './sweepSpec.ts';

/**
 * A job: a range of seeds at one grid point, plus the determinism re-checks of another job's
 * range. Everything a worker needs travels in the job, so a worker on another machine needs no
 * file: only the scenario as validated.
 */
export interface SweepJob {
  readonly sweepId: string;
  /** Unique within the sweep and the same in every process that plans it: the queue's job id. */
  readonly id: string;
  readonly point: number;
  readonly range: SeedRange;
  readonly scenario: Scenario;
  /** Seeds of this range that another job runs again: their trace hashes are kept. */
  readonly rechecked: readonly number[];
  /** Seeds of another job (at `recheckPoint`) to run a second time, here, and hash. */
  readonly recheckPoint: number;
  readonly recheckSeeds: readonly number[];
  readonly recheckScenario: Scenario;
}

/** Seeds per job unless told otherwise: long enough that a job's overhead is small. */
export const JOB_SEEDS_DEFAULT = 10;

/**
 * Whether a seed is one of the share re-run for determinism. Decided by a hash of the sweep id,
 * point and seed, so it does not depend on how the seeds were split into jobs.
 */
export function isRechecked(
  spec: Pick<SweepSpec, 'id' | 'recheckShare'>,
  point: number,
  seed: number,
): boolean {
  if (spec.recheckShare <= 0) return false;
  const digest = sha256(utf8ToBytes(`${spec.id}:${point}:${seed}`));
  const draw =
    ((digest[0] as number) * 2 ** 24 +
      (digest[1] as number) * 2 ** 16 +
      (digest[2] as number) * 2 ** 8 +
      (digest[3] as number)) /
    2 ** 32;
  return draw < spec.recheckShare;
}

/**
 * The sweep's jobs, in order: each point's seed range cut into pieces of `seedsPerJob`. Job k
 * re-runs the re-check seeds of job k−1 (the last job those of the first), so a seed's second run
 * is in another job, on another worker whenever more than one is taking jobs.
 */
export function planJobs(spec: SweepSpec, seedsPerJob: number): SweepJob[] {
  const pieces: { point: number; range: SeedRange }[] = [];
  spec.points.forEach((_, point) => {
    for (const range of splitRange(spec.seeds, seedsPerJob)) pieces.push({ point, range });
  });
  const rechecked = pieces.map(({ point, range }) => {
    const seeds: number[] = [];
    for (let seed = range.from; seed <= range.to; seed++)
      if (isRechecked(spec, point, seed)) seeds.push(seed);
    return seeds;
  });
  return pieces.map(({ point, range }, index) => {
    const previousIndex = (index + pieces.length - 1) % pieces.length;
    const previous = pieces[previousIndex] as (typeof pieces)[number];
    return {
      sweepId: spec.id,
      id: `${spec.id.slice(0, 24)}-p${point}-s${range.from}-${range.to}`,
      point,
      range,
      rechecked: rechecked[index] ?? [],
      scenario: (spec.points[point] as SweepSpec['points'][number]).scenario,
      recheckPoint: previous.point,
      recheckSeeds: rechecked[previousIndex] ?? [],
      recheckScenario: (spec.points[previous.point] as SweepSpec['points'][number]).scenario,
    };
  });
}

/** Jobs of shard `index` of `count` (0-based, as Kubernetes' JOB_COMPLETION_INDEX): every count-th job. */
export function shardJobs(jobs: readonly SweepJob[], index: number, count: number): SweepJob[] {
  return jobs.filter((_, position) => position % count === index);
}
