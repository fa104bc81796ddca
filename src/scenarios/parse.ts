import { canonicalScenario } from './canonicalise.ts';
import { crossCheckScenario } from './crossCheck/index.ts';
import { foreseeLateSteps } from './crossCheck/plan.ts';
import { describeFound, formatPath } from './errors.ts';
import type { PathSegment, ScenarioIssue } from './errors.ts';
import { isPlainMapping, mergeOverrides } from './merge.ts';
import { scenarioSchema } from './schema/index.ts';
import type { Scenario } from './schema/index.ts';
import { parseYamlSource } from './yamlSource.ts';
import type { ParsedSource, SourceDocument } from './yamlSource.ts';
import { expectedPhrase, fromZodIssues } from './zodIssues.ts';
import type { LocatablePathIssue } from './zodIssues.ts';

/**
 * The scenario pipeline without any file system, so the browser can run it too: text → YAML →
 * `extends` resolved → schema → cross-checks. Every problem is collected and placed at its
 * line and column; nothing is defaulted or guessed.
 */

export type ScenarioResult =
  { ok: true; scenario: Scenario; warnings?: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };

export interface EstateLibrary {
  /** The names `extends` accepts, for the error when a name is unknown. */
  names(): readonly string[];
  /** A built-in estate's file, parsed; undefined for an unknown name. */
  read(name: string): ParsedSource | undefined;
}

/** A chain like a → b → a would never end; real chains are one or two long. */
const EXTENDS_DEPTH_MAX = 8;

const EXPECTED_SCENARIO =
  'a scenario: a mapping with name, seed, duration, estate, workload and optionally plan, faults, checks';

export function parseScenarioText(text: string, file: string, estates: EstateLibrary): ScenarioResult {
  if (text.trim() === '') {
    return { ok: false, issues: [{ file, path: '', found: 'an empty file', expected: EXPECTED_SCENARIO }] };
  }
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) return parsed;
  const source = parsed.document;
  if (source.data === null || source.data === undefined) {
    // Only comments, or `---`: as empty as an empty file.
    return { ok: false, issues: [{ file, path: '', found: 'an empty file', expected: EXPECTED_SCENARIO }] };
  }
  if (!isPlainMapping(source.data)) {
    const position = source.locate([]);
    return {
      ok: false,
      issues: [
        {
          file,
          ...toLineColumn(position),
          path: '',
          found: describeFound(source.data),
          expected: EXPECTED_SCENARIO,
        },
      ],
    };
  }

  const bases: SourceDocument[] = [];
  const early: ScenarioIssue[] = [];
  const estate = resolveExtends(source.data['estate'], ['estate'], source, estates, bases, early);
  if (early.length > 0) return { ok: false, issues: early };
  const data = { ...source.data, estate };

  const result = scenarioSchema.safeParse(data, { error: expectedPhrase });
  const pathIssues: LocatablePathIssue[] = result.success
    ? crossCheckScenario(result.data)
    : fromZodIssues(result.error.issues, data);
  if (pathIssues.length === 0 && result.success) {
    // What will not stop the run but will not happen as written (a step's `at` that cannot be kept).
    const warnings = foreseeLateSteps(result.data).map((issue) => place(issue, source, bases));
    const scenario = canonicalScenario(result.data);
    return { ok: true, scenario, ...(warnings.length === 0 ? {} : { warnings }) };
  }
  return { ok: false, issues: pathIssues.map((issue) => place(issue, source, bases)) };
}

/**
 * Replaces `extends: name` by the named estate with this mapping's other keys merged over it
 * (see merge.ts). Built-in estates may extend others.
 */
function resolveExtends(
  estate: unknown,
  extendsPath: readonly PathSegment[],
  from: SourceDocument,
  estates: EstateLibrary,
  bases: SourceDocument[],
  issues: ScenarioIssue[],
): unknown {
  if (!isPlainMapping(estate) || !Object.hasOwn(estate, 'extends')) return estate;
  const { extends: name, ...overrides } = estate;
  const path = [...extendsPath, 'extends'];
  const fail = (found: string, expected: string): unknown => {
    issues.push({
      file: from.file,
      ...toLineColumn(from.locate(path)),
      path: formatPath(path),
      found,
      expected,
    });
    return estate;
  };
  if (typeof name !== 'string')
    return fail(describeFound(name), `the name of a built-in estate: ${estates.names().join(', ')}`);
  if (bases.length >= EXTENDS_DEPTH_MAX)
    return fail(
      `"${name}", ${bases.length} levels deep`,
      `at most ${EXTENDS_DEPTH_MAX} levels of extends (is there a cycle?)`,
    );
  const base = estates.read(name);
  if (base === undefined)
    return fail(`unknown estate "${name}"`, `one of the built-in estates: ${estates.names().join(', ')}`);
  if (!base.ok) {
    issues.push(...base.issues);
    return estate;
  }
  bases.push(base.document);
  const resolvedBase = resolveExtends(base.document.data, [], base.document, estates, bases, issues);
  return mergeOverrides(resolvedBase, overrides);
}

/**
 * Places an issue in the file the offending value was written in: the scenario if it wrote it,
 * else the built-in estate it came from, else the nearest enclosing value in the scenario.
 */
function place(
  issue: LocatablePathIssue,
  source: SourceDocument,
  bases: readonly SourceDocument[],
): ScenarioIssue {
  const options = { exact: true, atKey: issue.atKey === true };
  const common = { path: formatPath(issue.path), found: issue.found, expected: issue.expected };
  const inScenario = source.locate(issue.path, options);
  if (inScenario !== undefined) return { file: source.file, ...toLineColumn(inScenario), ...common };
  if (issue.path[0] === 'estate') {
    for (const base of bases) {
      const inBase = base.locate(issue.path.slice(1), options);
      if (inBase !== undefined) return { file: base.file, ...toLineColumn(inBase), ...common };
    }
  }
  return { file: source.file, ...toLineColumn(source.locate(issue.path)), ...common };
}

function toLineColumn(position: { line: number; column: number } | undefined): {
  line?: number;
  column?: number;
} {
  return position === undefined ? {} : { line: position.line, column: position.column };
}
