import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, twin } from './support/twin.ts';
import { builtinScenarios } from '../../src/scenarios/builtin/index.ts';
import { scenarioJsonSchemaText } from '../../src/scenarios/jsonSchema.ts';

describe('twin', () => {
  it('lists the built-in scenarios, a line each, with their seed', async () => {
    const { code, stdout } = await twin(['list']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(builtinScenarios.length);
    expect(lines[0]).toMatch(/^february-2017-migration +Replica in SOV.*\[000_077f2af078f4f79b\.txt\]$/);
  });

  it('validates a built-in by name and a file by path', async () => {
    const { code, stdout } = await twin([
      'validate',
      'february-2017-migration',
      'examples/my-first-rehearsal.yaml',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'ok src/scenarios/builtin/scenarios/february-2017-migration.yaml: february-2017-migration, 4h, 17 steps',
    );
    expect(stdout).toContain('ok examples/my-first-rehearsal.yaml: my-first-rehearsal');
  });

  it('exits 2 and prints every problem, with the path as the user wrote it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'estate-twin-cli-'));
    writeFileSync(join(directory, 'bad.yaml'), 'name: bad\nseed: -1\nduration: 90\n');
    const { code, stdout, stderr } = await twin(['validate', 'bad.yaml'], { cwd: directory });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad.yaml:2:7 seed: found -1, expected a whole number, at least 0');
    expect(stderr).toContain('bad.yaml:3:11 duration: found 90, expected a duration with units');
    expect(stderr).toContain('bad.yaml:1:1 estate: found nothing, expected a mapping of keys to values');
  });

  it('exits 2 for a missing file, a missing argument, an unknown option or command', async () => {
    expect((await twin(['validate', 'nope.yaml'])).stderr).toBe(
      'nope.yaml found no such file, expected a scenario file (YAML or JSON)\n',
    );
    for (const args of [
      ['validate', 'nope.yaml'],
      ['validate'],
      ['validate', '--frob', 'x'],
      ['frobnicate'],
      ['list', 'extra'],
      [],
    ]) {
      expect((await twin(args)).code).toBe(2);
    }
  });

  it('prints the JSON Schema', async () => {
    const { code, stdout } = await twin(['schema']);
    expect(code).toBe(0);
    expect(stdout).toBe(scenarioJsonSchemaText());
  });

  it('helps with every command', async () => {
    const { code, stdout } = await twin(['help']);
    expect(code).toBe(0);
    for (const name of ['list', 'validate', 'schema', 'help']) expect(stdout).toContain(`  ${name} `);
    expect((await twin(['help', 'validate'])).stdout).toContain('usage: twin validate <scenario>...');
    expect((await twin(['help', 'frob'])).code).toBe(2);
  });

  it('runs as bin/twin.js from another directory', () => {
    const output = execFileSync(
      process.execPath,
      [join(repoRoot, 'bin/twin.js'), 'validate', 'pi-zero-launch'],
      {
        cwd: tmpdir(),
        encoding: 'utf8',
      },
    );
    expect(output).toMatch(/^ok .*pi-zero-launch\.yaml: pi-zero-launch, 12h/);
  });
});
