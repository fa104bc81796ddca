import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { builtinEstates } from '../../src/scenarios/builtin/index.ts';
import { builtinEstateLibrary } from '../../src/scenarios/load.ts';
import { mergeOverrides } from '../../src/scenarios/merge.ts';
import { parseScenarioText } from '../../src/scenarios/parse.ts';
import type { Scenario } from '../../src/scenarios/schema/index.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';

/** A built-in estate as plain data with its `extends` chain resolved, as a user might copy it out. */
function resolvedEstate(name: string): Record<string, unknown> {
  const entry = builtinEstates.find((estate) => estate.name === name);
  if (entry === undefined) throw new Error(`no estate ${name}`);
  const { extends: base, ...own } = parse(readFileSync(entry.path, 'utf8')) as Record<string, unknown>;
  return typeof base === 'string'
    ? (mergeOverrides(resolvedEstate(base), own) as Record<string, unknown>)
    : own;
}

/** Every mapping's keys in reverse order; lists keep theirs. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  );
}

function scenarioText(estate: unknown): string {
  return stringify({
    name: 'reordered',
    seed: 11,
    duration: '3m',
    estate,
    workload: {
      crowd: { shape: 'constant', users: 400 },
      thinkTime: '20s',
      mix: { static: '20%', uncached: '30%', cached: '50%' },
      requestTimeout: '30s',
    },
  });
}

function load(text: string): Scenario {
  const result = parseScenarioText(text, 'reordered.yaml', builtinEstateLibrary);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.scenario;
}

describe('canonical order', () => {
  it('gives the same trace for an estate written in another key order', () => {
    const estate = resolvedEstate('raspberrypi-2016');
    const original = runScenario(load(scenarioText(estate)));
    const reordered = runScenario(load(scenarioText(reversedKeys(estate))));
    expect(reordered.traceHash).toBe(original.traceHash);
    expect(reordered.services).toEqual(original.services);
  });

  it('is needed: the run itself follows key order, so an unsorted scenario would trace differently', () => {
    const scenario = load(scenarioText(resolvedEstate('raspberrypi-2016')));
    const unsorted = reversedKeys(scenario) as Scenario;
    expect(runScenario(unsorted).traceHash).not.toBe(runScenario(scenario).traceHash);
  });
});
