import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';
import { sweepSpec } from '../../src/scenarios/sweep/sweepSpec.ts';
import { repoRoot, twin } from './support/twin.ts';
import { SHORT_SCENARIO } from './support/sweep.ts';

const SLOW_MS = 300_000;
const VARY = ['--vary', 'workload.crowd.peak=1500', '--vary', 'checks.0.max=0.1%'];

function traceHashOf(file: string): string {
  return (JSON.parse(readFileSync(file, 'utf8')) as { traceHash: string }).traceHash;
}

describe('twin run --vary', () => {
  it(
    "runs a sweep's failing grid point from its replay line, with the sweep's trace hash",
    async () => {
      const swept = await twin(['sweep', SHORT_SCENARIO, '--seeds', '1..2', '--workers', '1', ...VARY]);
      expect(swept.code).toBe(1);
      const line = /npx twin run (.+ --seed 2 .+)$/m.exec(swept.stdout)?.[1];
      expect(line).toBe(
        `${SHORT_SCENARIO} --seed 2 --vary workload.crowd.peak=1500 --vary checks.0.max=0.1%`,
      );
      const dir = mkdtempSync(join(tmpdir(), 'twin-run-vary-'));
      const replayed = await twin(['run', ...(line ?? '').split(' '), '--json', join(dir, 'varied.json')]);
      expect(replayed.code).toBe(1);

      // The sweep ran seed 2 at this point on the point's scenario: the same trace.
      const spec = sweepSpec({
        path: join(repoRoot, SHORT_SCENARIO),
        shownAs: SHORT_SCENARIO,
        seeds: '2',
        vary: VARY.filter((_, index) => index % 2 === 1),
        recheckShare: 0,
      });
      if (!spec.ok) throw new Error(JSON.stringify(spec.issues));
      const point = spec.spec.points[0]?.scenario;
      if (point === undefined) throw new Error('no grid point');
      expect(traceHashOf(join(dir, 'varied.json'))).toBe(runScenario(point, { seed: 2 }).traceHash);

      // Without --vary the file runs as written: another crowd, another trace.
      await twin(['run', SHORT_SCENARIO, '--seed', '2', '--json', join(dir, 'plain.json')]);
      expect(traceHashOf(join(dir, 'plain.json'))).not.toBe(traceHashOf(join(dir, 'varied.json')));
    },
    SLOW_MS,
  );

  it('refuses a list of values, a bad path and a value the schema refuses, with exit 2', async () => {
    const list = await twin(['run', SHORT_SCENARIO, '--vary', 'workload.crowd.peak=1500,2000']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('expected one value for each --vary path');
    const path = await twin(['run', SHORT_SCENARIO, '--vary', 'no path']);
    expect(path.code).toBe(2);
    expect(path.stderr).toContain('--vary');
    const value = await twin(['run', SHORT_SCENARIO, '--vary', 'workload.crowd.peak=-5']);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('workload.crowd.peak');
  });
});
