import { stringify } from 'yaml';
import type { ScenarioIssue } from '../../errors.ts';
import { isPlainMapping, mergeOverrides } from '../../merge.ts';
import { parseScenarioText } from '../../parse.ts';
import type { EstateLibrary } from '../../parse.ts';
import type { Scenario } from '../../schema/index.ts';
import { parseYamlSource } from '../../yamlSource.ts';

/**
 * A scenario file as written (units as text, `50%`, `1Gbps`), with its estate's `extends` resolved
 * into one mapping, so a variant can change any part, the built-in estate's included, and be
 * written back out and validated exactly as `twin run` validates a file.
 */
export type RawScenario = Readonly<Record<string, unknown>>;

/** Deeper than any real chain of estates (the loader allows 8), so a cycle cannot loop. */
const EXTENDS_DEPTH_MAX = 8;

function resolveEstate(estate: unknown, estates: EstateLibrary, depth: number): unknown {
  if (!isPlainMapping(estate) || typeof estate['extends'] !== 'string' || depth >= EXTENDS_DEPTH_MAX)
    return estate;
  const { extends: name, ...overrides } = estate;
  const base = estates.read(name as string);
  if (base === undefined || !base.ok) return estate;
  return mergeOverrides(resolveEstate(base.document.data, estates, depth + 1), overrides);
}

/** The file's data with its estate resolved; undefined if the text is not a YAML mapping. */
export function rawScenario(text: string, file: string, estates: EstateLibrary): RawScenario | undefined {
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok || !isPlainMapping(parsed.document.data)) return undefined;
  const data = parsed.document.data;
  return { ...data, estate: resolveEstate(data['estate'], estates, 0) };
}

export type VariantScenario = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * Validates a variant through the loader `twin run` uses. The text is generated, so its line
 * numbers would mean nothing to the user: issues keep the file (named after the variant), the
 * path, what was found and what was expected.
 */
export function validateRaw(raw: RawScenario, shownAs: string, estates: EstateLibrary): VariantScenario {
  const result = parseScenarioText(stringify(raw), shownAs, estates);
  if (result.ok) return { ok: true, scenario: result.scenario };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      file: shownAs,
      path: issue.path,
      found: issue.found,
      expected: issue.expected,
    })),
  };
}
