import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';

const broken = 'test/scenarios/check/fixtures/web-move-broken.yaml';
const fixed = 'test/scenarios/check/fixtures/web-move-fixed.yaml';

function replayToken(stdout: string): string {
  const match = /replay: npx twin replay (\S+)/.exec(stdout);
  if (match?.[1] === undefined) throw new Error(`no replay line in:\n${stdout}`);
  return match[1];
}

function traceHash(stdout: string): string {
  const match = /trace hash ([0-9a-f]{64})/.exec(stdout);
  if (match?.[1] === undefined) throw new Error(`no trace hash in:\n${stdout}`);
  return match[1];
}

describe('twin check', () => {
  it('catches a plan that shuts a web server down hard, shrinks it to the plan alone, and replays it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-check-'));
    const written = join(dir, 'counterexample.yaml');
    // A shrink budget no loaded machine reaches: the shrinking runs to its end.
    const checked = await twin([
      'check',
      broken,
      '--runs',
      '20',
      '--seed',
      '1',
      '--shrink-time',
      '10m',
      '--write',
      written,
    ]);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('faults: none (the plan alone breaks)');
    expect(checked.stdout).toContain('check failed: No failed page views');
    const hash = traceHash(checked.stdout);

    const replayed = await twin(['replay', replayToken(checked.stdout)]);
    expect(replayed.code).toBe(1);
    expect(traceHash(replayed.stdout)).toBe(hash);
    const run = await twin(['run', broken, '--replay', replayToken(checked.stdout)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(hash);

    // The written counterexample is a scenario that fails the same check until the plan is fixed.
    expect(readFileSync(written, 'utf8')).toContain('web-move-broken-counterexample');
    const regression = await twin(['run', written]);
    expect(regression.code).toBe(1);
    expect(regression.stdout).toMatch(/FAIL\s+No failed page views/);
  });

  it('lets the fixed plan hold with every coverage cell reached, and fails it when asked for more evidence', async () => {
    const held = await twin(['check', fixed, '--runs', '30', '--seed', '3', '--min-coverage', '1']);
    expect(held.stdout).toContain('100% of cells reached');
    expect(held.stdout).toContain('HOLDS');
    expect(held.code).toBe(0);
    // Thirty runs cannot put every fault kind in every step a hundred times: not proven.
    const short = await twin(['check', fixed, '--runs', '30', '--seed', '3', '--min-coverage', '100']);
    expect(short.code).toBe(1);
    expect(short.stdout).toContain('NOT PROVEN');
  });

  it('finds the same counterexample and replay token on one worker and on two', async () => {
    // The shrink budget is wall time: generous, so it does not end the shrinking at different points.
    const options = ['--runs', '20', '--seed', '1', '--shrink-time', '10m'];
    const one = await twin(['check', broken, ...options, '--workers', '1']);
    const two = await twin(['check', broken, ...options, '--workers', '2']);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(replayToken(two.stdout)).toBe(replayToken(one.stdout));
    // Everything printed, coverage included, is the same: the pool changes where runs ran, not what.
    expect(two.stdout).toBe(one.stdout);
  });

  it('refuses bad options, a bad token, and never overwrites an input', async () => {
    expect((await twin(['check', fixed, '--runs', 'many'])).code).toBe(2);
    expect((await twin(['check', fixed, '--workers', '0'])).code).toBe(2);
    expect((await twin(['check', fixed, '--shrink-time', '60'])).code).toBe(2);
    const overwrite = await twin(['check', fixed, '--write', fixed]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain('never overwritten');
    expect(existsSync(fixed)).toBe(true);
    const token = await twin(['replay', 'not-a-token']);
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('expected a replay token');
  });
});
