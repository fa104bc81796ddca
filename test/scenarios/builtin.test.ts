import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinEstates, builtinScenarios } from '../../src/scenarios/builtin/index.ts';
import { formatIssue } from '../../src/scenarios/errors.ts';
import { readScenarioFile } from '../../src/scenarios/load.ts';

const scenariosDirectory = join(import.meta.dirname, '../../src/scenarios/builtin/scenarios');
const estatesDirectory = join(import.meta.dirname, '../../src/scenarios/builtin/estates');
const seedFiles = [
  '000_077f2af078f4f79b.txt',
  '001_c0c3c660f1f73f92.txt',
  '002_ec1b4f84e52af146.txt',
  '003_fadcec8afe75cc12.txt',
  '004_b8bc5fb3cdb64335.txt',
];

describe('built-in scenarios', () => {
  it.each(builtinScenarios.map((entry) => [entry.name, entry] as const))('%s validates', (_name, entry) => {
    const result = readScenarioFile(entry.path);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });

  it.each(builtinScenarios.map((entry) => [entry.name, entry] as const))(
    '%s agrees with the registry and names a seed',
    (_name, entry) => {
      const data = parse(readFileSync(entry.path, 'utf8')) as Record<string, unknown>;
      expect(basename(entry.path, '.yaml')).toBe(entry.name);
      expect({ name: data['name'], description: data['description'], source: data['source'] }).toEqual({
        name: entry.name,
        description: entry.description,
        source: entry.source,
      });
      expect(seedFiles).toContain(entry.source);
    },
  );

  it('registers every scenario file and every estate file', () => {
    const scenarioFiles = readdirSync(scenariosDirectory)
      .filter((file) => file.endsWith('.yaml'))
      .sort();
    expect(builtinScenarios.map((entry) => `${entry.name}.yaml`).sort()).toEqual(scenarioFiles);
    const estateFiles = readdirSync(estatesDirectory)
      .filter((file) => file.endsWith('.yaml'))
      .sort();
    expect(builtinEstates.map((entry) => `${entry.name}.yaml`).sort()).toEqual(estateFiles);
  });

  it('has a broken variant that expects to fail for each mistake the issue names', () => {
    const broken = builtinScenarios.filter((entry) => entry.name.startsWith('broken-'));
    expect(broken).toHaveLength(3);
    for (const entry of broken) {
      const result = readScenarioFile(entry.path);
      expect(result.ok && (result.scenario.expectFailures ?? []).length > 0).toBe(true);
    }
  });

  it('marks every number that is not assumed with the seed it comes from', () => {
    // A commented line holding a number cites a seed (by file or by its 00N prefix) or says "assumed".
    for (const directory of [scenariosDirectory, estatesDirectory]) {
      for (const file of readdirSync(directory)) {
        const lines = readFileSync(join(directory, file), 'utf8').split('\n');
        for (const line of lines) {
          const comment = line.indexOf(' # ');
          if (comment < 0 || !/\d/.test(line.slice(0, comment))) continue;
          const note = line.slice(comment);
          expect(`${file}: ${note}`).toMatch(/\b00\d(_[0-9a-f]{16}\.txt)?\b|assumed/);
        }
      }
    }
  });
});

describe('the user example', () => {
  it("validates, extends the seeds' estate, has three steps and two checks", () => {
    const result = readScenarioFile(join(import.meta.dirname, '../../examples/my-first-rehearsal.yaml'));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
    if (!result.ok) return;
    expect(result.scenario.plan).toHaveLength(3);
    expect(result.scenario.checks).toHaveLength(2);
    const raw = parse(
      readFileSync(join(import.meta.dirname, '../../examples/my-first-rehearsal.yaml'), 'utf8'),
    ) as { estate: { extends?: string } };
    expect(raw.estate.extends).toBe('raspberrypi-2017-after');
  });
});
