import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { PathSegment, ScenarioIssue } from './errors.ts';

/**
 * A parsed YAML (or JSON, which YAML 1.2 reads too) document that remembers where each value was
 * written, so an error found after parsing can still point at its line and column.
 */
export interface SourceDocument {
  readonly file: string;
  /** The document as plain data. */
  readonly data: unknown;
  /**
   * Position of the value at `path`, or of the key itself when `atKey` is set. `exact: false`
   * falls back to the nearest enclosing value that exists (for a missing key: its mapping).
   */
  locate(path: readonly PathSegment[], options?: { exact?: boolean; atKey?: boolean }): Position | undefined;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Aliases can expand a small file into a huge one ("billion laughs"); scenarios need few. */
const YAML_ALIAS_COUNT_MAX = 100;

export type ParsedSource = { ok: true; document: SourceDocument } | { ok: false; issues: ScenarioIssue[] };

export function parseYamlSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        const duplicate = error.code === 'DUPLICATE_KEY';
        return {
          file,
          line: position.line,
          column: position.col,
          path: '',
          found: duplicate ? 'a key given twice' : `malformed YAML (${firstLine(error.message)})`,
          expected: duplicate ? 'each key once per mapping' : 'valid YAML or JSON',
        };
      }),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: YAML_ALIAS_COUNT_MAX });
  } catch (error) {
    // toJS throws on alias bombs and unresolved aliases: bad input, so it becomes an issue.
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return {
      ok: false,
      issues: [
        {
          file,
          path: '',
          found: `YAML that cannot be expanded (${message})`,
          expected: 'valid YAML or JSON',
        },
      ],
    };
  }

  const positionOf = (node: YamlNode | null | undefined): Position | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return {
    ok: true,
    document: {
      file,
      data,
      locate(path, options = {}) {
        let node: unknown = document.contents;
        let found = positionOf(document.contents as YamlNode | null);
        for (const [index, segment] of path.entries()) {
          const isLast = index === path.length - 1;
          let next: unknown;
          let keyNode: unknown;
          if (isMap(node)) {
            const pair = node.items.find((item) => keyText(item.key) === String(segment));
            next = pair?.value;
            keyNode = pair?.key;
            if (pair !== undefined && isLast && options.atKey === true)
              return positionOf(keyNode as YamlNode);
          } else if (isSeq(node) && typeof segment === 'number') {
            next = node.items[segment];
          }
          if (next === undefined || next === null) {
            if (options.exact === true) return undefined;
            // A key written with no value (`host:`) still has a position: its key.
            return positionOf(keyNode as YamlNode | undefined) ?? found;
          }
          node = next;
          found = positionOf(node as YamlNode) ?? found;
        }
        return found;
      },
    },
  };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
