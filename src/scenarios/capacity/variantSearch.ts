import { rankBottlenecks } from './bottleneck.ts';
import type { CapacityPoint, SearchSettings } from './measurePoint.ts';
import type { RunSeed } from './runSummary.ts';
import { SEARCH_DEFAULTS, searchCapacity } from './search.ts';
import type { CapacityResult } from './search.ts';
import type { ResolvedVariant } from './variants/resolveVariants.ts';

/** One variant's answer: the same search as the scenario's own, on the changed scenario. */
export interface VariantResult {
  readonly name: string;
  readonly description: string;
  readonly search: CapacityResult;
  /** The part that saturates first in this variant; undefined when no part is measured. */
  readonly bottleneck?: string;
}

/**
 * Searches every variant at once: each search is a chain of points, one after another, but the
 * chains interleave on the runner, so a pool keeps its threads busy. Results come back in the
 * variants' order whatever order the runs finish in.
 */
export function searchVariants(
  variants: readonly ResolvedVariant[],
  settings: SearchSettings,
  run: RunSeed,
  onPoint?: (name: string, point: CapacityPoint) => void,
): Promise<VariantResult[]> {
  return Promise.all(
    variants.map(async ({ variant, scenario }) => {
      const search = await searchCapacity(scenario, settings, run, SEARCH_DEFAULTS, (point) =>
        onPoint?.(variant.name, point),
      );
      const bottleneck = rankBottlenecks(search.points)[0]?.part;
      return {
        name: variant.name,
        description: variant.description,
        search,
        ...(bottleneck === undefined ? {} : { bottleneck }),
      };
    }),
  );
}

/** Largest room first: the what-if table's order ("what buys the most room"). */
export function byRoomBought(results: readonly VariantResult[]): VariantResult[] {
  return [...results].sort((a, b) => b.search.passScale - a.search.passScale || a.name.localeCompare(b.name));
}
