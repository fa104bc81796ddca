import type { CapacityPoint } from './measurePoint.ts';

/**
 * Which part saturates first as the crowd grows, and how much room each part has at the
 * scenario's own crowd. Utilisation is the report's peak per part; a part the model does not
 * measure yet (peak 0 throughout) is left out rather than called idle.
 */
export interface PartHeadroom {
  readonly part: string;
  /** Peak utilisation at scale 1. */
  readonly utilisationAtScale1: number;
  /** 1 − peak utilisation at scale 1. */
  readonly headroom: number;
  /** The scale at which the part would reach 100 %, extrapolated linearly from scale 1. */
  readonly fullAtScale: number;
  /** The first scale run at which the part reached SATURATED, if any. */
  readonly saturatedAtScale?: number;
}

/** A part at or above this peak utilisation counts as saturated. Assumed: 95 %. */
export const SATURATED = 0.95;

function fullAtScale(points: readonly CapacityPoint[], part: string): number {
  const base = points.find((point) => point.scale === 1)?.utilisation[part] ?? 0;
  return base > 0 ? 1 / base : Number.POSITIVE_INFINITY;
}

/** Every measured part, the one that saturates first (by run, then by extrapolation) first. */
export function rankBottlenecks(points: readonly CapacityPoint[]): PartHeadroom[] {
  const parts = new Set(points.flatMap((point) => Object.keys(point.utilisation)));
  const ranked: PartHeadroom[] = [];
  for (const part of parts) {
    if (points.every((point) => (point.utilisation[part] ?? 0) === 0)) continue;
    const utilisationAtScale1 = points.find((point) => point.scale === 1)?.utilisation[part] ?? 0;
    const saturated = points.find((point) => (point.utilisation[part] ?? 0) >= SATURATED);
    ranked.push({
      part,
      utilisationAtScale1,
      headroom: 1 - utilisationAtScale1,
      fullAtScale: fullAtScale(points, part),
      ...(saturated === undefined ? {} : { saturatedAtScale: saturated.scale }),
    });
  }
  const key = (entry: PartHeadroom) => entry.saturatedAtScale ?? entry.fullAtScale;
  return ranked.sort((a, b) => key(a) - key(b) || a.part.localeCompare(b.part));
}
