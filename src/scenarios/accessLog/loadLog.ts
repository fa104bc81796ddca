import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ScenarioIssue } from '../errors.ts';
import type { ScenarioResult } from '../parse.ts';
import { attachAccessLog } from './attach.ts';
import { classifier } from './classify.ts';
import { readAccessLog } from './readLog.ts';

/** The largest log read: about two million combined-format lines of ~250 bytes (ACCESS_LOG_LINES_MAX). */
export const ACCESS_LOG_BYTES_MAX = 512 * 2 ** 20;
const PATH = 'workload.accessLog.file';

/**
 * Reads the access log a parsed scenario names (relative to the scenario file) and attaches it,
 * or turns the result into issues naming the log file: one that cannot be read, is not a log, or
 * has too many malformed lines (with the first of them). Malformed lines under the share become a
 * warning with their count.
 */
export function withAccessLog(result: ScenarioResult, scenarioPath: string): ScenarioResult {
  if (!result.ok) return result;
  const spec = result.scenario.workload.accessLog;
  if (spec === undefined) return result;
  const file = join(dirname(scenarioPath), spec.file);
  const fail = (found: string, expected: string, line?: number): ScenarioResult => ({
    ok: false,
    issues: [{ file, ...(line === undefined ? {} : { line }), path: PATH, found, expected }],
  });
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return fail('something that is not a regular file', 'an access log file');
    if (stats.size > ACCESS_LOG_BYTES_MAX)
      return fail(`a file of ${stats.size} bytes`, `an access log of at most ${ACCESS_LOG_BYTES_MAX} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return fail(
      code === 'ENOENT' ? 'no such file' : `a file that cannot be read (${String(code)})`,
      'an access log file',
    );
  }
  const read = readAccessLog(text, classifier(spec.classes ?? []));
  if (!read.ok) return fail(read.found, read.expected, read.line);
  attachAccessLog(spec, read.log);
  if (read.log.malformed === 0) return result;
  const first = read.log.firstMalformed;
  const warning: ScenarioIssue = {
    file,
    ...(first === undefined ? {} : { line: first.line }),
    path: PATH,
    found: `${read.log.malformed} malformed lines of ${read.log.lines}, skipped${first === undefined ? '' : ` (the first at line ${first.line})`}`,
    expected: 'every line in the Apache/nginx combined format',
  };
  return { ...result, warnings: [...(result.warnings ?? []), warning] };
}
