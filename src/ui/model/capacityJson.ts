import { z } from 'zod';

/**
 * What the page reads of `twin capacity --json`: the scenario, its peak crowd, the SLO, each
 * scale's mean throughput and p95 with its verdict, and the parts ranked by when they saturate.
 * Only these fields are required, so the page keeps reading the file as the command adds to it.
 */
const pointSchema = z.object({
  scale: z.number().positive(),
  ok: z.boolean(),
  mean: z.object({ throughputPerSecond: z.number().nonnegative(), p95Ms: z.number().nonnegative() }),
  breaches: z.array(z.string()).optional(),
});

const capacitySchema = z.object({
  scenario: z.string(),
  peakUsers: z.number().nonnegative(),
  // Open workloads (arrivals, no crowd) are searched in requests per second; older files lack this.
  load: z.object({ kind: z.enum(['users', 'arrivals']), peakAtScale1: z.number().nonnegative() }).optional(),
  slo: z.object({ p95Ms: z.number().positive().optional(), errorShareMax: z.number().optional() }),
  search: z.object({
    passScale: z.number().nonnegative(),
    failScale: z.number().positive().optional(),
    points: z.array(pointSchema).min(1),
  }),
  parts: z.array(
    z.object({
      part: z.string(),
      fullAtScale: z.number().nullable().optional(),
      saturatedAtScale: z.number().optional(),
    }),
  ),
});

export type CapacityJson = z.infer<typeof capacitySchema>;
export type CapacityPointJson = z.infer<typeof pointSchema>;

/** The file read, or where it is not what `twin capacity --json` writes (path, found, expected). */
export function readCapacityJson(
  text: string,
): { ok: true; value: CapacityJson } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = capacitySchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  return {
    ok: false,
    message: `${path === '' ? 'the file' : path}: ${issue?.message ?? 'invalid'}; expected the output of \`twin capacity --json\``,
  };
}

/** What the search scaled, at scale 1, and its unit: the crowd's peak users, or an open workload's peak rate. */
export function capacityLoad(report: CapacityJson): { peak: number; unit: 'users' | 'requests/s' } {
  return report.load?.kind === 'arrivals'
    ? { peak: report.load.peakAtScale1, unit: 'requests/s' }
    : { peak: report.peakUsers, unit: 'users' };
}

/** The load at a scale: whole users, or a rate to a tenth of a request per second. */
export function loadAtScale(report: CapacityJson, scale: number): number {
  const { peak, unit } = capacityLoad(report);
  return unit === 'users' ? Math.round(scale * peak) : Math.round(scale * peak * 10) / 10;
}

/** The points in order of scale, each with the load (users, or requests per second) it stands for. */
export function capacityCurve(report: CapacityJson): Array<CapacityPointJson & { users: number }> {
  return [...report.search.points]
    .sort((a, b) => a.scale - b.scale)
    .map((point) => ({ ...point, users: loadAtScale(report, point.scale) }));
}

/**
 * The part that limits the crowd: the first in the command's ranking, at the scale it saturated in
 * a run, or else where it would reach 100 % extrapolated from ×1 (said so); undefined when no part
 * was measured or none would ever fill.
 */
export function bottleneckOf(
  report: CapacityJson,
): { part: string; scale: number; extrapolated: boolean } | undefined {
  const first = report.parts[0];
  if (first === undefined) return undefined;
  if (first.saturatedAtScale !== undefined)
    return { part: first.part, scale: first.saturatedAtScale, extrapolated: false };
  const full = first.fullAtScale;
  return typeof full === 'number' && Number.isFinite(full)
    ? { part: first.part, scale: full, extrapolated: true }
    : undefined;
}
