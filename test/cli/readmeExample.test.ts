import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';

const README = join(import.meta.dirname, '..', '..', 'README.md');

/** The block the README shows under `$ npm start`, up to its closing fence. */
function readmeStartOutput(): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('$ npm start\n');
  if (start < 0) throw new Error('README.md shows no `$ npm start` output');
  const from = start + '$ npm start\n'.length;
  return text.slice(from, text.indexOf('\n```', from) + 1);
}

describe("the README's example", () => {
  it('is what `npm start` prints now (regenerate it with `node bin/twin.js run february-2017-migration`)', async () => {
    const { code, stdout } = await twin(['run', 'february-2017-migration']);
    expect(code).toBe(0);
    expect(readmeStartOutput()).toBe(stdout);
  });
});
