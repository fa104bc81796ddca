import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';
import { reportSchema } from '../../src/scenarios/report.ts';

describe('twin run', () => {
  it('exits 0 when every check passes, and writes the JSON report and the trace it hashed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-run-'));
    const jsonFile = join(dir, 'report.json');
    const traceFile = join(dir, 'trace.jsonl');
    const { code, stdout, stderr } = await twin([
      'run',
      'old-host-reboot-after',
      '--json',
      jsonFile,
      '--trace',
      traceFile,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('All 2 checks passed.');
    const report = reportSchema.parse(JSON.parse(readFileSync(jsonFile, 'utf8')));
    const trace = readFileSync(traceFile, 'utf8');
    expect(trace.split('\n').filter(Boolean)).toHaveLength(report.run.traceLines);
    expect(createHash('sha256').update(trace).digest('hex')).toBe(report.traceHash);
    expect(stdout).toContain(report.traceHash);
  });

  it('exits 1 when a check fails and names it', async () => {
    const { code, stdout } = await twin(['run', 'broken-migration-hard-shutdown']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}No failed page views: [1-9]\d* \(limit ≤ 0\)/);
    expect(stdout).toContain('1 of 6 checks FAILED.');
  });

  it('exits 2 on bad input: an invalid scenario, a bad seed, a missing argument', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-run-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nseed: 1\nduration: -5m\n');
    const bad = await twin(['run', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:3:\d+ duration: found "-5m"/);
    const seed = await twin(['run', 'old-host-reboot-after', '--seed', 'abc']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed: found "abc", expected a whole number');
    expect((await twin(['run'])).code).toBe(2);
    const unwritable = await twin(['run', 'old-host-reboot-after', '--json', '/proc/no/such/report.json']);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe(
      'twin run: --json: cannot write /proc/no/such/report.json: its directory does not exist\n',
    );
    expect(unwritable.stdout).toBe('');
  });

  it('shows progress on a terminal and nothing when piped', async () => {
    const onTerminal = await twin(['run', 'old-host-reboot-after'], { isTerminal: true });
    expect(onTerminal.stderr).toContain('old-host-reboot-after: 100%');
    const piped = await twin(['run', 'old-host-reboot-after'], { isTerminal: false });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(onTerminal.stdout);
  });

  it("runs the request engine's costly invariant checks with --check-invariants, leaving the trace as it was", async () => {
    const plain = await twin(['run', 'old-host-reboot-after']);
    const checked = await twin(['run', 'old-host-reboot-after', '--check-invariants']);
    expect(checked.code).toBe(0);
    const hashOf = (text: string): string | undefined => /trace:\s+([0-9a-f]{64})/.exec(text)?.[1];
    expect(hashOf(checked.stdout)).toBeDefined();
    expect(hashOf(checked.stdout)).toBe(hashOf(plain.stdout));
  });
});
