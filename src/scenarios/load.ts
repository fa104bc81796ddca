import { readFileSync, statSync } from 'node:fs';
import { ScenarioError } from './errors.ts';
import { withAccessLog } from './accessLog/loadLog.ts';
import type { ScenarioIssue } from './errors.ts';
import { builtinEstates } from './builtin/index.ts';
import { parseScenarioText } from './parse.ts';
import type { EstateLibrary, ScenarioResult } from './parse.ts';
import type { Scenario } from './schema/index.ts';
import { parseYamlSource } from './yamlSource.ts';

/**
 * Reading scenario files from disk. Whatever is at the path — nothing, a directory, binary junk, an
 * empty or enormous file — comes back as an issue naming the file, never as a crash.
 */

/** Far beyond any hand-written scenario; stops a mistaken path to a disk image being read whole. */
export const SCENARIO_FILE_BYTES_MAX = 4 * 2 ** 20;

const EXPECTED_FILE = 'a scenario file (YAML or JSON)';

export type TextResult = { ok: true; text: string } | { ok: false; issues: ScenarioIssue[] };

export function readTextFile(path: string, shownAs = path): TextResult {
  const fail = (found: string, expected = EXPECTED_FILE): TextResult => ({
    ok: false,
    issues: [{ file: shownAs, path: '', found, expected }],
  });
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return fail('a directory');
    if (!stats.isFile()) return fail('something that is not a regular file');
    if (stats.size > SCENARIO_FILE_BYTES_MAX) {
      return fail(
        `a file of ${stats.size} bytes`,
        `a scenario file of at most ${SCENARIO_FILE_BYTES_MAX} bytes`,
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    return fail(describeFileError(error));
  }
  if (bytes.includes(0)) return fail('binary data');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('bytes that are not UTF-8 text');
  }
  return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'a file this user may not read';
  if (code === 'ENOTDIR') return 'a path through something that is not a directory';
  return `a file that cannot be read (${typeof code === 'string' ? code : String(error)})`;
}

/** The built-in estates that `extends` can name, read from builtin/estates/. */
export const builtinEstateLibrary: EstateLibrary = {
  names: () => builtinEstates.map((estate) => estate.name),
  read(name) {
    const entry = builtinEstates.find((estate) => estate.name === name);
    if (entry === undefined) return undefined;
    const text = readTextFile(entry.path, entry.shownAs);
    return text.ok ? parseYamlSource(text.text, entry.shownAs) : text;
  },
};

/** Reads and checks a scenario file; every problem comes back in the result. */
export function readScenarioFile(
  path: string,
  estates: EstateLibrary = builtinEstateLibrary,
): ScenarioResult {
  const text = readTextFile(path);
  // A workload replaying an access log reads it here, beside the scenario file.
  return text.ok ? withAccessLog(parseScenarioText(text.text, path, estates), path) : text;
}

/** Reads and checks a scenario file; throws a ScenarioError listing every problem. */
export function loadScenarioFile(path: string, estates: EstateLibrary = builtinEstateLibrary): Scenario {
  const result = readScenarioFile(path, estates);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
}
