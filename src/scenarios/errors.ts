/**
 * What is wrong with a scenario file, said so a user can fix it without reading the code:
 * `file:line:col path: found X, expected Y`. Every problem found is reported, not just the first.
 */

export type PathSegment = string | number;

export interface ScenarioIssue {
  /** The file the problem is in (a built-in estate's file when the problem is in what it provides). */
  readonly file: string;
  /** 1-based; absent when the file could not be read or parsed far enough to have positions. */
  readonly line?: number;
  readonly column?: number;
  /** Where in the document, e.g. `plan[3].vm`; empty for the whole file. */
  readonly path: string;
  readonly found: string;
  readonly expected: string;
}

/** A problem before it is placed in a file: a path in the parsed document. */
export interface PathIssue {
  readonly path: readonly PathSegment[];
  readonly found: string;
  readonly expected: string;
}

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** `['plan', 3, 'vm']` → `plan[3].vm`; keys that are not plain words are quoted: `mix["odd key"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export function formatIssue(issue: ScenarioIssue): string {
  const position = issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`;
  const where = issue.path === '' ? '' : ` ${issue.path}:`;
  return `${issue.file}${position}${where} found ${issue.found}, expected ${issue.expected}`;
}

const FOUND_TEXT_MAX_CHARS = 40;

/** How a value from the file is shown after "found". */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > FOUND_TEXT_MAX_CHARS ? `${value.slice(0, FOUND_TEXT_MAX_CHARS)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** Thrown by the loader: every issue found, each already placed in its file. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${count} in the scenario:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ScenarioError';
  }
}
