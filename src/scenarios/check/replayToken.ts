import { z } from 'zod';
import type { Candidate } from './candidate.ts';
import { FAULT_KINDS } from '../faults/registry.ts';
import type { FaultKind } from '../schema/faults.ts';

/** The version of the token's layout; a token of another version is refused with its number. */
const TOKEN_VERSION = 1;
/** Longest token accepted: bounds what a pasted line can make the parser do. */
export const TOKEN_CHARS_MAX = 100_000;

/** What a replay token carries: which scenario (and its file's hash), and the whole schedule. */
export interface ReplayRecord {
  /** The scenario as it was named on the command line: a built-in name or a file path. */
  readonly scenario: string;
  /** The first hex digits of the SHA-256 of the scenario file, so a changed file is noticed. */
  readonly fileHash: string;
  readonly candidate: Candidate;
}

const kindSchema = z.string().refine((kind) => (FAULT_KINDS as readonly string[]).includes(kind));
const whole = z.number().int().nonnegative();
const tokenSchema = z.tuple([
  z.literal(TOKEN_VERSION),
  z.string(),
  z.string(),
  whole,
  z.array(z.tuple([kindSchema, z.string(), whole, whole])),
  z.array(whole),
  whole,
]);

/**
 * One line: base64url of canonical JSON — an array in a fixed order, so the same schedule always
 * gives the same token — of the scenario, its hash, the seed, the faults, the pauses and the crowd.
 */
export function encodeReplayToken(record: ReplayRecord): string {
  const { candidate } = record;
  const canonical = [
    TOKEN_VERSION,
    record.scenario,
    record.fileHash,
    candidate.seed,
    candidate.faults.map((fault) => [fault.kind, fault.target, fault.atMs, fault.durationMs]),
    candidate.stepPausesMs,
    candidate.crowdPercent,
  ];
  return Buffer.from(JSON.stringify(canonical), 'utf8').toString('base64url');
}

/** The record a token carries, or why it is not a token. */
export function decodeReplayToken(
  token: string,
): { ok: true; record: ReplayRecord } | { ok: false; expected: string } {
  const expected = `a replay token printed by \`twin check\` (version ${TOKEN_VERSION})`;
  if (token.length > TOKEN_CHARS_MAX || !/^[A-Za-z0-9_-]+$/.test(token)) return { ok: false, expected };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, expected };
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) return { ok: false, expected };
  const [, scenario, fileHash, seed, faults, stepPausesMs, crowdPercent] = parsed.data;
  return {
    ok: true,
    record: {
      scenario,
      fileHash,
      candidate: {
        seed,
        faults: faults.map(([kind, target, atMs, durationMs]) => ({
          kind: kind as FaultKind,
          target,
          atMs,
          durationMs,
        })),
        stepPausesMs,
        crowdPercent,
      },
    },
  };
}
