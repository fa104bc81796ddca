import type { ScenarioIssue } from '../../scenarios/errors.ts';
import { formatIssue } from '../../scenarios/errors.ts';

/** A problem placed in the editor's text, as CodeMirror's linter wants it. */
export interface EditorDiagnostic {
  from: number;
  to: number;
  severity: 'error';
  message: string;
}

/**
 * The validator's issues placed in the editor's text: at the issue's line and column, up to the
 * end of the word there; an issue with no position, or in another file (a built-in estate the
 * scenario extends), is placed at the start and names its file.
 */
export function diagnosticsOf(
  issues: readonly ScenarioIssue[],
  text: string,
  file: string,
): EditorDiagnostic[] {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  return issues.map((issue) => {
    const message = formatIssue(issue);
    if (issue.file !== file || issue.line === undefined)
      return { from: 0, to: 0, severity: 'error', message };
    const lineStart = lineStarts[Math.min(issue.line, lineStarts.length) - 1] ?? 0;
    const lineEnd = (lineStarts[issue.line] ?? text.length + 1) - 1;
    const from = Math.min(lineEnd, lineStart + Math.max(0, (issue.column ?? 1) - 1));
    const word = /^[^\s,:{}[\]]*/.exec(text.slice(from, lineEnd))?.[0] ?? '';
    return {
      from,
      to: Math.max(from + word.length, Math.min(lineEnd, from + 1)),
      severity: 'error',
      message,
    };
  });
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Words a scenario file uses, for completion: every property name and every fixed value (an
 * action, a fault kind, a check) of the JSON Schema the CLI publishes, so it follows the schema.
 */
export function schemaWords(schema: Json): { keys: string[]; values: string[] } {
  const keys = new Set<string>();
  const values = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const properties = node['properties'];
    if (
      properties !== undefined &&
      properties !== null &&
      typeof properties === 'object' &&
      !Array.isArray(properties)
    )
      for (const key of Object.keys(properties)) keys.add(key);
    if (typeof node['const'] === 'string') values.add(node['const']);
    const choices = node['enum'];
    if (Array.isArray(choices))
      for (const choice of choices) if (typeof choice === 'string') values.add(choice);
    Object.values(node).forEach(visit);
  };
  visit(schema);
  return { keys: [...keys].sort(), values: [...values].sort() };
}
