import type { PathIssue, PathSegment } from '../errors.ts';
import { formatDuration } from '../units.ts';

/** Collects the problems one cross-check finds; checks keep going after a problem to find the rest. */
export class IssueList {
  readonly issues: PathIssue[] = [];

  add(path: readonly PathSegment[], found: string, expected: string): void {
    this.issues.push({ path, found, expected });
  }

  /**
   * Checks a reference names a part in `known`; says which it could have been. Returns whether it
   * does, so a caller can skip checks that need the part.
   */
  reference(path: readonly PathSegment[], id: string, what: string, known: Iterable<string>): boolean {
    const candidates = [...known];
    if (candidates.includes(id)) return true;
    this.add(path, `unknown ${what} "${id}"`, oneOfIds(candidates, `a ${what}`));
    return false;
  }
}

const LISTED_IDS_MAX = 12;

/** `one of web1, web2, db1`, shortened when there are many; `a VM, but none is defined` when none. */
export function oneOfIds(ids: readonly string[], what: string): string {
  if (ids.length === 0) return `${what}, but none is defined`;
  const shown = ids.slice(0, LISTED_IDS_MAX).join(', ');
  return ids.length > LISTED_IDS_MAX
    ? `one of ${shown} (and ${ids.length - LISTED_IDS_MAX} more)`
    : `one of ${shown}`;
}

export function keysOf(record: Readonly<Record<string, unknown>> | undefined): string[] {
  return record === undefined ? [] : Object.keys(record);
}

export function durationText(ms: number): string {
  return formatDuration(ms);
}
