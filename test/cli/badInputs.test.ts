import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';
import { badInputCases } from './corpus/cases.ts';

/** A JavaScript stack frame as V8 prints it; a message to a user never has one. */
const STACK_FRAME = /\n\s+at \S/;

describe('the corpus of bad inputs', () => {
  it('has at least 60 cases, each with a distinct name', () => {
    expect(badInputCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(badInputCases.map((entry) => entry.name)).size).toBe(badInputCases.length);
  });

  it.each(badInputCases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-corpus-'));
    for (const [file, content] of Object.entries(entry.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    const { code, stdout, stderr } = await twin([...entry.args], { cwd: dir });
    const said = entry.args.length === 0 ? stdout : stderr;
    expect({ code, said }).toMatchObject({ code: entry.exit });
    expect(said).not.toBe('');
    if (entry.file !== undefined) expect(said).toContain(entry.file);
    if (entry.path !== undefined) expect(said).toContain(`${entry.path}`);
    for (const fragment of entry.fragments) expect(said).toContain(fragment);
    expect(said).not.toMatch(STACK_FRAME);
    expect(said).not.toContain('internal error (a bug in twin');
  });
});
