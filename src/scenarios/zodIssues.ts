import { z } from 'zod';
import { describeFound } from './errors.ts';
import type { PathIssue, PathSegment } from './errors.ts';

/**
 * Turns zod's issues into `found X, expected Y`. Schemas in schema/ give their own "expected"
 * phrase; this map phrases the rest (plain types, ranges) the same way, so every message reads alike.
 */
export const expectedPhrase: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_PHRASES[issue.expected] ?? `a value of type ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `a list of at least ${issue.minimum}`;
      if (issue.origin === 'string') return 'some non-empty text';
      return `a number ${issue.inclusive === false ? '>' : '≥'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `a list of at most ${issue.maximum}`;
      return `a number ${issue.inclusive === false ? '<' : '≤'} ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `text in the form ${issue.format}`;
    case 'invalid_key':
      return 'a valid key';
    default:
      return undefined;
  }
};

const TYPE_PHRASES: Partial<Record<string, string>> = {
  string: 'some text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping of keys to values',
  array: 'a list',
  record: 'a mapping of keys to values',
  tuple: 'a list',
};

/** The raw value at a path of the document as written, for "found". */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

export interface LocatablePathIssue extends PathIssue {
  /** Point at the key rather than its value (an unknown key). */
  readonly atKey?: boolean;
}

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], data: unknown): LocatablePathIssue[] {
  return issues.flatMap((issue): LocatablePathIssue[] => {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        found: `unknown key "${key}"`,
        expected: issue.message,
        atKey: true,
      }));
    }
    if (issue.code === 'invalid_key') {
      const key = path[path.length - 1];
      return [
        {
          path,
          found: `key ${JSON.stringify(key)}`,
          expected: issue.issues[0]?.message ?? issue.message,
          atKey: true,
        },
      ];
    }
    return [{ path, found: describeFound(valueAt(data, path)), expected: issue.message }];
  });
}
