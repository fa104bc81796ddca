import { parse as parseYamlValue } from 'yaml';
import { isPlainMapping } from '../../merge.ts';
import { ID_PATTERN } from '../../schema/common.ts';
import type { RawScenario } from './rawScenario.ts';

/** One change a variant makes: a value written at a dotted path; null removes the key. */
export interface Override {
  readonly path: string;
  readonly value: unknown;
}

/** A named change to the scenario, searched like the scenario itself. */
export interface Variant {
  readonly name: string;
  /** What it changes, in a phrase for the table. */
  readonly description: string;
  readonly overrides: readonly Override[];
}

const PATH_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const NAME_PATTERN = new RegExp(ID_PATTERN);

export const USER_VARIANT_EXPECTED =
  'NAME:PATH=VALUE,PATH=VALUE such as more-cores:estate.vms.web1.cores=48 (dotted paths into the scenario file), or a built-in variant';

export type VariantParse = { ok: true; variant: Variant } | { ok: false; expected: string };

/** Parses `name:path=value,path=value`; each value is read as YAML reads a scalar. */
export function parseUserVariant(text: string): VariantParse {
  const fail: VariantParse = { ok: false, expected: USER_VARIANT_EXPECTED };
  const colon = text.indexOf(':');
  if (colon <= 0) return fail;
  const name = text.slice(0, colon).trim();
  if (!NAME_PATTERN.test(name)) return fail;
  const overrides: Override[] = [];
  for (const item of text.slice(colon + 1).split(',')) {
    const equals = item.indexOf('=');
    const path = item.slice(0, Math.max(0, equals)).trim();
    const valueText = item.slice(equals + 1).trim();
    if (equals <= 0 || !PATH_PATTERN.test(path) || valueText === '') return fail;
    overrides.push({ path, value: parseYamlValue(valueText) as unknown });
  }
  return { ok: true, variant: { name, description: text.slice(colon + 1).trim(), overrides } };
}

type Segment = string | number;

/** Keys that would reach an object's prototype rather than the scenario. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function segments(path: string): Segment[] {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * The raw scenario with the overrides written in, creating mappings on the way; a path through a
 * plain value is refused, naming it. The input is left as it was.
 */
export function applyOverrides(
  raw: RawScenario,
  overrides: readonly Override[],
): { ok: true; raw: RawScenario } | { ok: false; path: string } {
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const { path, value } of overrides) {
    const keys = segments(path);
    if (keys.some((key) => FORBIDDEN_KEYS.has(String(key)))) return { ok: false, path };
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      const container = node as Record<Segment, unknown>;
      if (container[key] === undefined) container[key] = {};
      node = container[key];
      if (!isPlainMapping(node) && !Array.isArray(node)) return { ok: false, path };
    }
    const last = keys[keys.length - 1] as Segment;
    const container = node as Record<Segment, unknown>;
    if (value === null && !Array.isArray(container)) delete container[last];
    else container[last] = value;
  }
  return { ok: true, raw: copy };
}
