import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module (bin/twin.js loads it without tsx), with no types
import { packageRoot, sourceFingerprint } from '../../scripts/cliSources.mjs';

const fingerprint = sourceFingerprint as (root?: string) => string;
const root = packageRoot as string;
// Inside the package, so the compiled modules find the dependencies in node_modules/.
const outDir = path.join(root, 'node_modules', '.cache', `estate-twin-cli-test-${process.pid}`);
const work = mkdtempSync(path.join(tmpdir(), 'twin-build-'));
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const scenarioText = `name: compiled-or-not
description: The eight Pis for ten minutes, run compiled and through tsx.
source: user
seed: 7
duration: 10m
estate:
  extends: raspberrypi-2016-pi-cluster
workload:
  crowd: { shape: constant, users: 1500 }
  thinkTime: 30s
  mix: { cached: 76%, uncached: 4%, loggedIn: 2.5%, comments: 0.3%, admin: 0.2%, static: 17% }
  requestTimeout: 30s
`;

function traceHashOf(jsonFile: string): string {
  return (JSON.parse(readFileSync(jsonFile, 'utf8')) as { traceHash: string }).traceHash;
}

describe('the compiled CLI (scripts/build-cli.mjs)', () => {
  it('gives the same trace hash as the TypeScript run through tsx', () => {
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--out', outDir, '--force'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const scenarioFile = path.join(work, 'scenario.yaml');
    writeFileSync(scenarioFile, scenarioText);
    const compiledJson = path.join(work, 'compiled.json');
    const mainUrl = new URL(`file://${path.join(outDir, 'src', 'cli', 'main.js')}`).href;
    const compiled = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const cli = await import(${JSON.stringify(mainUrl)}); process.exitCode = await cli.main(process.argv.slice(1), cli.processIo());`,
        'run',
        scenarioFile,
        '--json',
        compiledJson,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const tsxJson = path.join(work, 'tsx.json');
    const throughTsx = spawnSync(process.execPath, ['bin/twin.js', 'run', scenarioFile, '--json', tsxJson], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TWIN_FROM: 'src' },
    });
    expect(compiled.status).toBe(throughTsx.status);
    expect(traceHashOf(compiledJson)).toMatch(/^[0-9a-f]{16,}$/);
    expect(traceHashOf(compiledJson)).toBe(traceHashOf(tsxJson));
    // A different seed changes the hash, so the comparison above can fail.
    const otherJson = path.join(work, 'other.json');
    spawnSync(process.execPath, ['bin/twin.js', 'run', scenarioFile, '--seed', '8', '--json', otherJson], {
      cwd: root,
      env: { ...process.env, TWIN_FROM: 'src' },
    });
    expect(traceHashOf(otherJson)).not.toBe(traceHashOf(tsxJson));
  });

  it('fingerprints the sources by content, so any change under src/ but the browser twin marks a build stale', () => {
    const tree = path.join(work, 'tree');
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      writeFileSync(path.join(tree, file), text);
    };
    write('src/cli/main.ts', 'export const a = 1;\n');
    write('src/scenarios/builtin/estates/e.yaml', 'sites: {}\n');
    write('src/ui/App.tsx', 'export {};\n');
    write('scripts/build-cli.mjs', '// build\n');
    write('tsconfig.json', '{}\n');
    const before = fingerprint(tree);
    expect(fingerprint(tree)).toBe(before);
    write('src/ui/App.tsx', 'export const changed = true;\n');
    expect(fingerprint(tree)).toBe(before);
    write('src/scenarios/builtin/estates/e.yaml', 'sites: { HEX: {} }\n');
    const afterYaml = fingerprint(tree);
    expect(afterYaml).not.toBe(before);
    write('src/cli/main.ts', 'export const a = 2;\n');
    const afterSource = fingerprint(tree);
    expect(afterSource).not.toBe(afterYaml);
    write('scripts/build-cli.mjs', '// build, changed\n');
    expect(fingerprint(tree)).not.toBe(afterSource);
  });
});
