import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { ScenarioIssue } from '../errors.ts';
import { builtinEstateLibrary, readTextFile } from '../load.ts';
import { withAccessLog } from '../accessLog/loadLog.ts';
import { parseScenarioText } from '../parse.ts';
import type { EstateLibrary } from '../parse.ts';
import type { Scenario } from '../schema/index.ts';
import { contentHash } from './canonical.ts';
import { describePoint, expandGrid, parseVary, pathSegments } from './grid.ts';
import type { GridDimension, GridPoint, GridValue } from './grid.ts';
import { parseSeedRange } from './seedRange.ts';
import type { SeedRange } from './seedRange.ts';

/**
 * A sweep, fully resolved: the scenario at every grid point (validated), the seeds, and the share
 * of seeds re-run to check determinism. Its id is the hash of all of it, so two processes that
 * resolve the same sweep agree on the id, and jobs and partial results carry it.
 */
export interface SweepSpec {
  readonly id: string;
  /** The scenario as the user named it, for replay lines. */
  readonly file: string;
  readonly name: string;
  readonly seeds: SeedRange;
  readonly recheckShare: number;
  readonly points: readonly { readonly grid: GridPoint; readonly scenario: Scenario }[];
}

export interface SweepRequest {
  readonly path: string;
  readonly shownAs: string;
  /** `--seeds`, when given; else the file's sweep.seeds, else its seed alone. */
  readonly seeds?: string;
  /** `--vary` options, after the file's sweep.vary. */
  readonly vary: readonly string[];
  readonly recheckShare: number;
}

export type SpecResult = { ok: true; spec: SweepSpec } | { ok: false; issues: ScenarioIssue[] };

/** Writes a value at a dotted path; false when the path runs through a plain value. */
function writeValue(document: Document, dotted: string, value: GridValue): boolean {
  try {
    document.setIn(pathSegments(dotted), value);
    return true;
  } catch {
    return false;
  }
}

export function sweepSpec(request: SweepRequest, estates: EstateLibrary = builtinEstateLibrary): SpecResult {
  const { path, shownAs } = request;
  const named = (issue: ScenarioIssue): ScenarioIssue =>
    issue.file === path ? { ...issue, file: shownAs } : issue;
  const fail = (where: string, found: string, expected: string): SpecResult => ({
    ok: false,
    issues: [{ file: shownAs, path: where, found, expected }],
  });
  const text = readTextFile(path, shownAs);
  if (!text.ok) return { ok: false, issues: text.issues };
  // A replayed access log is read here, once per point, and travels with the scenario to the workers.
  const base = withAccessLog(parseScenarioText(text.text, path, estates), path);
  if (!base.ok) return { ok: false, issues: base.issues.map(named) };

  const seedsText = request.seeds ?? base.scenario.sweep?.seeds ?? String(base.scenario.seed);
  const seeds = parseSeedRange(seedsText);
  if (!seeds.ok)
    return fail(request.seeds === undefined ? 'sweep.seeds' : '--seeds', `"${seedsText}"`, seeds.expected);

  const dimensions: GridDimension[] = Object.entries(base.scenario.sweep?.vary ?? {}).map(
    ([key, values]) => ({
      path: key,
      values,
    }),
  );
  for (const vary of request.vary) {
    const parsed = parseVary(vary);
    if (!parsed.ok) return fail('--vary', `"${vary}"`, parsed.expected);
    dimensions.push(parsed.dimension);
  }
  let grid: GridPoint[];
  try {
    grid = expandGrid(dimensions);
  } catch (error) {
    return fail('--vary', error instanceof Error ? error.message : String(error), 'a smaller grid');
  }

  const points: { grid: GridPoint; scenario: Scenario }[] = [];
  const issues: ScenarioIssue[] = [];
  const document = parseDocument(text.text);
  for (const point of grid) {
    if (point.length === 0) {
      points.push({ grid: point, scenario: base.scenario });
      continue;
    }
    // Each point is the file with its values written in, validated like any file, so a value the
    // schema refuses is reported as found/expected at its path.
    const varied = document.clone();
    const unwritable = point.find(([dotted, value]) => !writeValue(varied, dotted, value));
    if (unwritable !== undefined) {
      issues.push({
        file: shownAs,
        path: unwritable[0],
        found: 'a path through a value that is not a mapping or a list',
        expected: 'a dotted path into the scenario file, such as workload.crowd.peak',
      });
      continue;
    }
    const result = withAccessLog(parseScenarioText(varied.toString(), path, estates), path);
    if (result.ok) points.push({ grid: point, scenario: result.scenario });
    else
      issues.push(
        ...result.issues.map((issue) => ({
          ...named(issue),
          expected: `${issue.expected} (at ${describePoint(point)})`,
        })),
      );
  }
  if (issues.length > 0) return { ok: false, issues };
  const id = contentHash({ points, seeds: seeds.range, recheckShare: request.recheckShare });
  return {
    ok: true,
    spec: {
      id,
      file: shownAs,
      name: base.scenario.name,
      seeds: seeds.range,
      recheckShare: request.recheckShare,
      points,
    },
  };
}
