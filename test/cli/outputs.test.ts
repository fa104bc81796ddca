import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot, twin } from './support/twin.ts';
import { TINY_SCENARIO, tinyScenarioDirectory } from './support/tinyScenario.ts';

describe('twin run outputs', () => {
  it('refuses, before the run, a --trace or --json that is the scenario file, even through a link', async () => {
    const { dir, file } = tinyScenarioDirectory();
    const same = await twin(['run', file, '--trace', file]);
    expect(same.code).toBe(2);
    expect(same.stdout).toBe('');
    expect(same.stderr).toBe(
      `twin run: --trace: found ${file}, the scenario file itself; expected another file (it would be overwritten)\n`,
    );
    symlinkSync(file, join(dir, 'link.yaml'));
    const linked = await twin(['run', 'tiny.yaml', '--json', './link.yaml'], { cwd: dir });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('--json: found');
    expect(readFileSync(file, 'utf8')).toBe(TINY_SCENARIO);
  });

  it('refuses the same file for --json and --trace', async () => {
    const { dir } = tinyScenarioDirectory();
    const both = await twin(['run', 'tiny.yaml', '--trace', 'out.txt', '--json', './out.txt'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('twin run: --json: found');
    expect(both.stderr).toContain('the same file as --trace; expected a file of its own');
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });

  it('leaves an existing output whole when the run is refused, and replaces it when it ends', async () => {
    const { dir, file } = tinyScenarioDirectory();
    const jsonFile = join(dir, 'report.json');
    const traceFile = join(dir, 'trace.jsonl');
    writeFileSync(jsonFile, 'old report');
    const refused = await twin(['run', file, '--json', jsonFile, '--seed', 'x']);
    expect(refused.code).toBe(2);
    expect(readFileSync(jsonFile, 'utf8')).toBe('old report');
    const ran = await twin(['run', file, '--json', jsonFile, '--trace', traceFile]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { traceHash: string };
    expect(createHash('sha256').update(readFileSync(traceFile)).digest('hex')).toBe(report.traceHash);
    // No temporary file is left beside the outputs.
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'tiny.yaml', 'trace.jsonl']);
  });

  it('replaces the file a linked output points to, and keeps the link', async () => {
    const { dir, file } = tinyScenarioDirectory();
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
    const ran = await twin(['run', file, '--json', join(dir, 'link.json')]);
    expect(ran.code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toContain('"traceHash"');
  });

  it('says clearly when an output cannot be written, exits 2, and still prints the report', async () => {
    const { file } = tinyScenarioDirectory();
    const full = await twin(['run', file, '--json', '/dev/full']);
    expect(full.code).toBe(2);
    expect(full.stdout).toContain('All 1 checks passed.');
    expect(full.stderr).toBe('twin run: --json: cannot write /dev/full: no space left on the device\n');
    const trace = await twin(['run', file, '--trace', '/dev/full']);
    expect(trace.code).toBe(2);
    expect(trace.stdout).toContain('trace:');
    expect(trace.stderr).toBe('twin run: --trace: cannot write /dev/full: no space left on the device\n');
  });

  it('refuses a directory or a missing directory as an output before the run', async () => {
    const { dir, file } = tinyScenarioDirectory();
    mkdirSync(join(dir, 'sub'));
    const directory = await twin(['run', file, '--json', join(dir, 'sub')]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toBe(`twin run: --json: cannot write ${join(dir, 'sub')}: it is a directory\n`);
    const missing = await twin(['run', file, '--trace', join(dir, 'no/such/trace')]);
    expect(missing.stderr).toBe(
      `twin run: --trace: cannot write ${join(dir, 'no/such/trace')}: its directory does not exist\n`,
    );
    expect(missing.stdout).toBe('');
  });

  it('ends quietly when stdout is closed early', () => {
    const { file } = tinyScenarioDirectory();
    // `twin run x | true`: the reader has gone before twin writes a byte, so every write meets a
    // closed pipe (EPIPE); pipefail makes twin's own exit status the pipeline's.
    const result = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${join(repoRoot, 'bin/twin.js')}" run "${file}" | true`,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
