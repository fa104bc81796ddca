import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Hex digits of the file's SHA-256 a replay token keeps: enough to notice the file changed. */
const HASH_HEX_DIGITS = 16;

/** The first hex digits of the SHA-256 of a scenario file, so a replay notices a changed file. */
export function fileHash(path: string): string {
  return bytesToHex(sha256(readFileSync(path))).slice(0, HASH_HEX_DIGITS);
}
