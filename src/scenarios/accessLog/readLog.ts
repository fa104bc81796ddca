import type { PageKind } from '../schema/workload.ts';
import type { Classifier } from './classify.ts';
import { parseAccessLogLine } from './parseLine.ts';

/**
 * The most malformed lines a log may hold, as a share of its non-blank lines, before it is refused:
 * our choice. A few torn or foreign lines are usual (a log rotated mid-write, an IPv6 host logged
 * oddly) and are counted and skipped; past 5 % the file is probably not a combined-format log.
 */
export const MALFORMED_SHARE_MAX = 0.05;
/** The most lines a replayed log may have: each becomes a request, held in memory before the run. */
export const ACCESS_LOG_LINES_MAX = 2_000_000;

/** A log read for replay: its requests in time order, and what could not be read. */
export interface AccessLog {
  /** The first request's second, since the Unix epoch (time 0 of the replay). */
  startEpochSecond: number;
  /** Each request's second after the first, in time order. */
  offsetsSeconds: number[];
  /** Each request's class, in the same order. */
  kinds: PageKind[];
  /** Non-blank lines read, malformed ones included. */
  lines: number;
  malformed: number;
  /** The first malformed line's number (1-based) and text, cut to 200 characters. */
  firstMalformed?: { line: number; text: string };
}

export type AccessLogResult =
  { ok: true; log: AccessLog } | { ok: false; found: string; expected: string; line?: number };

/** Reads a log's text: each line parsed and classified; malformed ones counted, up to the share. */
export function readAccessLog(text: string, classify: Classifier): AccessLogResult {
  const rawLines = text.split('\n');
  const entries: Array<{ second: number; kind: PageKind }> = [];
  let lines = 0;
  let malformed = 0;
  let firstMalformed: AccessLog['firstMalformed'];
  for (let index = 0; index < rawLines.length; index++) {
    const line = (rawLines[index] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    lines++;
    if (lines > ACCESS_LOG_LINES_MAX)
      return {
        ok: false,
        found: `more than ${ACCESS_LOG_LINES_MAX} lines`,
        expected: `at most ${ACCESS_LOG_LINES_MAX}`,
      };
    const entry = parseAccessLogLine(line);
    if (entry === undefined) {
      malformed++;
      firstMalformed ??= { line: index + 1, text: line.slice(0, 200) };
      continue;
    }
    entries.push({ second: entry.epochSecond, kind: classify(entry) });
  }
  if (entries.length === 0)
    return {
      ok: false,
      found: lines === 0 ? 'an empty log' : 'no line in the combined format',
      expected: 'an access log in the Apache/nginx combined format',
    };
  if (malformed > lines * MALFORMED_SHARE_MAX) {
    const first = firstMalformed as NonNullable<AccessLog['firstMalformed']>;
    return {
      ok: false,
      line: first.line,
      found: `${malformed} malformed lines of ${lines}, the first at line ${first.line}: ${first.text}`,
      expected: `at most ${MALFORMED_SHARE_MAX * 100}% malformed lines, each other line in the Apache/nginx combined format`,
    };
  }
  // Logs are written as requests finish, so neighbours can be out of order by a second or two.
  entries.sort((a, b) => a.second - b.second);
  const startEpochSecond = (entries[0] as { second: number }).second;
  return {
    ok: true,
    log: {
      startEpochSecond,
      offsetsSeconds: entries.map((entry) => entry.second - startEpochSecond),
      kinds: entries.map((entry) => entry.kind),
      lines,
      malformed,
      ...(firstMalformed === undefined ? {} : { firstMalformed }),
    },
  };
}
