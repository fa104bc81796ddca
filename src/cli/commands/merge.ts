import { closeSync, readFileSync } from 'node:fs';
import { isPlainMapping } from '../../scenarios/merge.ts';
import { mergeAllParts, PartMismatchError } from '../../scenarios/sweep/sweepPart.ts';
import type { SweepPart } from '../../scenarios/sweep/sweepPart.ts';
import type { SweepMeta } from '../../scenarios/sweep/sweepResult.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { finishOrExplain, openOutput, PART_FORMAT, resolvePath, UsageError, writeResult } from './sweep.ts';

const MERGE_OPTIONS = { json: { type: 'string' }, csv: { type: 'string' } } as const;

const EXPECTED_PART = `a partial result written by twin sweep --shard I/N --out FILE (format ${PART_FORMAT})`;

/** Reads one part file; anything else at the path is bad input naming the file. */
function readPart(file: string, io: CliIo): { meta: SweepMeta; part: SweepPart } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolvePath(file, io), 'utf8'));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const found =
      code === 'ENOENT' ? 'no such file' : code === undefined ? 'text that is not JSON' : String(code);
    throw new UsageError(`${file}: found ${found}, expected ${EXPECTED_PART}`, { cause: error });
  }
  const wellFormed =
    isPlainMapping(data) &&
    data['format'] === PART_FORMAT &&
    isPlainMapping(data['meta']) &&
    typeof data['meta']['sweepId'] === 'string' &&
    isPlainMapping(data['part']) &&
    data['part']['sweepId'] === data['meta']['sweepId'] &&
    Array.isArray(data['part']['covered']) &&
    isPlainMapping(data['part']['points']) &&
    isPlainMapping(data['part']['traceHashes']);
  if (!wellFormed) {
    const format = isPlainMapping(data) ? JSON.stringify(data['format'] ?? null) : 'not a JSON object';
    throw new UsageError(`${file}: found format ${format}, expected ${EXPECTED_PART}`);
  }
  const checked = data as Record<string, unknown>;
  return { meta: checked['meta'] as SweepMeta, part: checked['part'] as SweepPart };
}

function merge(args: readonly string[], io: CliIo, usage: string): number {
  const parsed = parseArguments(args, MERGE_OPTIONS);
  if (!parsed.ok || parsed.positionals.length === 0)
    throw new UsageError(`${parsed.ok ? 'which part files?' : parsed.message}\nusage: ${usage}`);
  const parts = parsed.positionals.map((file) => ({ file, ...readPart(file, io) }));
  const first = parts[0] as (typeof parts)[number];
  const stranger = parts.find((part) => part.meta.sweepId !== first.meta.sweepId);
  if (stranger !== undefined)
    throw new UsageError(
      `${stranger.file}: found a part of another sweep (${stranger.meta.sweepId.slice(0, 12)}…), ` +
        `expected one of the sweep of ${first.file} (${first.meta.sweepId.slice(0, 12)}…)`,
    );
  const jsonFile = parsed.values['json'];
  const csvFile = parsed.values['csv'];
  const jsonFd = openOutput('--json', typeof jsonFile === 'string' ? jsonFile : undefined, io);
  const csvFd = openOutput('--csv', typeof csvFile === 'string' ? csvFile : undefined, io);
  try {
    let merged: SweepPart;
    try {
      merged = mergeAllParts(parts.map((part) => part.part));
    } catch (error) {
      if (!(error instanceof PartMismatchError)) throw error;
      throw new UsageError(error.message, { cause: error });
    }
    const result = finishOrExplain(first.meta, merged, io, 'merge');
    return typeof result === 'number' ? result : writeResult(result, io, jsonFd, csvFd);
  } finally {
    if (jsonFd !== undefined) closeSync(jsonFd);
    if (csvFd !== undefined) closeSync(csvFd);
  }
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Combine the partial results of `twin sweep --shard` into the whole sweep, with its content hash.',
  usage: 'twin merge <part.json>... [--json FILE] [--csv FILE]',
  run(args, io) {
    try {
      return merge(args, io, this.usage);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`twin merge: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
  },
};
