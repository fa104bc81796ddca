import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';

describe('twin export --perfetto', () => {
  it('writes Chrome Trace Event JSON for the seed it is given, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-export-'));
    const file = join(dir, 'run.json');
    const { code, stdout, stderr } = await twin([
      'export',
      '--perfetto',
      file,
      'old-host-reboot-before',
      '--seed',
      '5',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const trace = JSON.parse(readFileSync(file, 'utf8')) as {
      traceEvents: Array<{ ph: string; name: string }>;
      otherData: { seed: number; scenario: string };
    };
    expect(trace.otherData).toMatchObject({ seed: 5, scenario: 'old-host-reboot-before' });
    expect(trace.traceEvents.some((event) => event.ph === 'X')).toBe(true);
    expect(stdout).toContain(`wrote ${file}: ${trace.traceEvents.length} events`);
  });

  it('exits 2 without a file, with a bad seed, or with an unwritable path, and writes nothing', async () => {
    const missing = await twin(['export', 'old-host-reboot-before']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: twin export --perfetto FILE');
    const badSeed = await twin([
      'export',
      '--perfetto',
      '/tmp/x.json',
      'old-host-reboot-before',
      '--seed',
      'x',
    ]);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain('--seed: found "x", expected a whole number');
    const nowhere = await twin(['export', '--perfetto', '/no/such/dir/run.json', 'old-host-reboot-before']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('--perfetto: cannot write /no/such/dir/run.json');
    const unknown = await twin(['export', '--perfetto', '/tmp/x.json', 'no-such-scenario.yaml']);
    expect(unknown.code).toBe(2);
  });
});
