import type { Scenario } from './schema/index.ts';

/**
 * A scenario in one canonical order: every mapping's keys sorted (so the estate's parts are in
 * order of id, whatever order the file wrote them in), lists left in their order (a plan's steps,
 * faults and checks mean something in order). Parts are built, wired and iterated in the order
 * of their keys, so without this the same estate written in another key order would draw its
 * random numbers in another order and give another trace.
 */
export function canonicalScenario(scenario: Scenario): Scenario {
  return canonicalValue(scenario) as Scenario;
}

/** Keys compared by UTF-16 code units, as Array.prototype.sort does: the same on every engine. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byCodeUnits)) {
    sorted[key] = canonicalValue((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
