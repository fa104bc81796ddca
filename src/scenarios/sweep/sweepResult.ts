import { contentHash } from './canonical.ts';
import type { GridPoint } from './grid.ts';
import type { PointSummary } from './pointSummary.ts';
import type { SeedRange } from './seedRange.ts';
import { checkDeterminism, missingFromPart, PartMismatchError } from './sweepPart.ts';
import type { SweepPart } from './sweepPart.ts';
import type { SweepSpec } from './sweepSpec.ts';

/** What a partial result needs to become a report without the scenario file: the sweep's shape. */
export interface SweepMeta {
  sweepId: string;
  file: string;
  name: string;
  seeds: SeedRange;
  recheckShare: number;
  grid: GridPoint[];
}

/** The merged result of a whole sweep. Its content hash covers everything in it but itself. */
export interface SweepResult extends SweepMeta {
  format: 'estate-twin-sweep/1';
  points: { grid: GridPoint; summary: PointSummary }[];
  /** Seeds run twice, in different jobs, whose trace hashes agreed. */
  seedsRunTwice: number;
  contentHash: string;
}

export function sweepMeta(spec: SweepSpec): SweepMeta {
  return {
    sweepId: spec.id,
    file: spec.file,
    name: spec.name,
    seeds: spec.seeds,
    recheckShare: spec.recheckShare,
    grid: spec.points.map((point) => point.grid),
  };
}

/**
 * Turns the merge of every part into the result. Throws when seeds are missing or a re-checked
 * seed's traces differ: a sweep that is incomplete or not deterministic has no result.
 */
export function finishSweep(meta: SweepMeta, merged: SweepPart): SweepResult {
  if (merged.sweepId !== meta.sweepId) throw new PartMismatchError('the parts belong to another sweep');
  const missing = missingFromPart(merged, meta.grid.length, meta.seeds.from, meta.seeds.to);
  if (missing.length > 0)
    throw new PartMismatchError(`the sweep is incomplete; missing: ${missing.slice(0, 10).join('; ')}`);
  const seedsRunTwice = checkDeterminism(merged);
  const body = {
    format: 'estate-twin-sweep/1' as const,
    ...meta,
    points: meta.grid.map((grid, index) => ({
      grid,
      summary: merged.points[String(index)] as PointSummary,
    })),
    seedsRunTwice,
  };
  // The file is named as each process was told (a path differs between machines); the hash
  // covers what was run, not how it was named.
  const { file: _file, ...hashed } = body;
  return { ...body, contentHash: contentHash(hashed) };
}
