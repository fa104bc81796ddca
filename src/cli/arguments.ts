import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export type ParsedArguments =
  | { ok: true; positionals: string[]; values: Record<string, string | boolean | undefined> }
  | { ok: false; message: string };

/** node's parseArgs in strict mode, with its exceptions (unknown option, missing value) as results. */
export function parseArguments(
  args: readonly string[],
  options: ParseArgsConfig['options'] = {},
): ParsedArguments {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: true,
    });
    return { ok: true, positionals, values: values as Record<string, string | boolean | undefined> };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
