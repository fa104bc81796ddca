import type { Scenario } from '../../scenarios/schema/index.ts';
import { formatIssue } from '../../scenarios/errors.ts';
import { sweepSpec } from '../../scenarios/sweep/sweepSpec.ts';

/**
 * `twin run FILE --vary PATH=V`: the scenario with each value written into the file, exactly as a
 * sweep builds its grid point (the same parser, validation and writing), so a sweep's replay line
 * for a failing point reproduces that point's run. One value per path: a run is one point.
 */
export function applyVary(
  vary: unknown,
  path: string,
  shownAs: string,
  scenario: Scenario,
): { scenario: Scenario } | { error: string } {
  const options = Array.isArray(vary) ? vary.filter((item): item is string => typeof item === 'string') : [];
  if (options.length === 0) return { scenario };
  const resolved = sweepSpec({ path, shownAs, seeds: String(scenario.seed), vary: options, recheckShare: 0 });
  if (!resolved.ok) return { error: resolved.issues.map(formatIssue).join('\n') };
  const points = resolved.spec.points;
  if (points.length !== 1)
    return {
      error: `twin run: --vary: found ${points.length} points, expected one value for each --vary path and for each of the file's sweep.vary paths (twin sweep runs a grid)`,
    };
  return { scenario: (points[0] as (typeof points)[number]).scenario };
}
