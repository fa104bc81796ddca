import type { ScenarioIssue } from '../../errors.ts';
import { isPlainMapping } from '../../merge.ts';
import type { EstateLibrary } from '../../parse.ts';
import { describePoint, expandGrid, parseVary } from '../../sweep/grid.ts';
import type { GridDimension, GridPoint } from '../../sweep/grid.ts';
import { formatPercentage, percentage } from '../../units.ts';
import type { Override } from './overrides.ts';
import { applyOverrides } from './overrides.ts';
import type { RawScenario } from './rawScenario.ts';
import { validateRaw } from './rawScenario.ts';
import type { ResolvedVariant } from './resolveVariants.ts';

/**
 * `twin capacity --vary PATH=V1,V2`: one capacity search per grid point, each point a variant of
 * the scenario built as a what-if is (overrides on the file as written, validated as `twin run`
 * validates it), with the grid parsed and expanded by the sweep's own parser. Only the command
 * line's --vary counts here; a file's `sweep.vary` belongs to `twin sweep`.
 *
 * A request mix must add up to 100 %, so a point that sets some of a mix's shares (say
 * `workload.mix.uncached=30%`) scales the shares it leaves alone in proportion, to fill the rest:
 * cached 80 % and uncached 20 % become cached 70 % and uncached 30 %. The table says so.
 */

/** A path that names one share of a request mix: `workload.mix.uncached`, `workload.arrivals.mix.static`. */
const MIX_SHARE_PATH = /^(.*\.mix)\.([A-Za-z]+)$/;

function rawAt(raw: RawScenario, dotted: string): unknown {
  let node: unknown = raw;
  for (const key of dotted.split('.')) node = isPlainMapping(node) ? node[key] : undefined;
  return node;
}

function shareOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = percentage.parse(value);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The overrides that keep each mix a point touches at 100 %: the untouched shares scaled by
 * (1 − set) / untouched. None when the set shares are not percentages, already exceed 100 %, or
 * leave no other share to scale: the validation then says what is wrong, at its path.
 */
function balancingOverrides(raw: RawScenario, point: GridPoint): Override[] {
  const setByMix = new Map<string, Map<string, unknown>>();
  for (const [path, value] of point) {
    const match = MIX_SHARE_PATH.exec(path);
    if (match === null) continue;
    const [, mixPath, kind] = match as unknown as [string, string, string];
    const set = setByMix.get(mixPath) ?? new Map<string, unknown>();
    setByMix.set(mixPath, set.set(kind, value));
  }
  const overrides: Override[] = [];
  for (const [mixPath, set] of setByMix) {
    const mix = rawAt(raw, mixPath);
    if (!isPlainMapping(mix)) continue;
    const setShares = [...set.values()].map(shareOf);
    if (setShares.some((share) => share === undefined)) continue;
    const setTotal = setShares.reduce<number>((sum, share) => sum + (share ?? 0), 0);
    const others = Object.entries(mix)
      .filter(([kind]) => !set.has(kind))
      .map(([kind, value]) => [kind, shareOf(value)] as const);
    const othersTotal = others.reduce((sum, [, share]) => sum + (share ?? 0), 0);
    if (setTotal > 1 || othersTotal <= 0 || others.some(([, share]) => share === undefined)) continue;
    for (const [kind, share] of others)
      overrides.push({
        path: `${mixPath}.${kind}`,
        value: formatPercentage(((share ?? 0) * (1 - setTotal)) / othersTotal),
      });
  }
  return overrides;
}

/** "cached 76.5%": a balancing share to three significant figures, for the table's note. */
function shownShare({ path, value }: Override): string {
  const share = shareOf(value) ?? 0;
  return `${path.split('.').pop() ?? path} ${Number((share * 100).toPrecision(3))}%`;
}

export type VaryResult = { ok: true; variants: ResolvedVariant[] } | { ok: false; issues: ScenarioIssue[] };

/** Every point of the --vary grid as a variant, in grid order; the first bad value stops it. */
export function varyVariants(
  raw: RawScenario,
  vary: readonly string[],
  shownAs: string,
  estates: EstateLibrary,
): VaryResult {
  const fail = (found: string, expected: string): VaryResult => ({
    ok: false,
    issues: [{ file: '--vary', path: '', found, expected }],
  });
  const dimensions: GridDimension[] = [];
  for (const text of vary) {
    const parsed = parseVary(text);
    if (!parsed.ok) return fail(`"${text}"`, parsed.expected);
    dimensions.push(parsed.dimension);
  }
  let grid: GridPoint[];
  try {
    grid = expandGrid(dimensions);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 'a smaller grid');
  }
  const variants: ResolvedVariant[] = [];
  for (const point of grid) {
    const name = describePoint(point);
    const balancing = balancingOverrides(raw, point);
    const overrides = [...point.map(([path, value]) => ({ path, value })), ...balancing];
    const applied = applyOverrides(raw, overrides);
    const file = `${shownAs} (--vary ${name})`;
    if (!applied.ok)
      return {
        ok: false,
        issues: [
          {
            file,
            path: applied.path,
            found: 'a path through a plain value',
            expected: 'a path into the scenario file',
          },
        ],
      };
    const built = validateRaw(applied.raw, file, estates);
    if (!built.ok) return { ok: false, issues: built.issues };
    const description =
      balancing.length === 0
        ? name
        : `${name} (the rest of the mix scaled to fill it: ${balancing.map(shownShare).join(', ')})`;
    variants.push({ variant: { name, description, overrides }, scenario: built.scenario });
  }
  return { ok: true, variants };
}
