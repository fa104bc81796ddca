import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';
import { contentHashOf, SHORT_SCENARIO } from './support/sweep.ts';

/** Half the seeds re-checked, so every sweep here compares some traces across jobs. */
const SWEEP = ['sweep', SHORT_SCENARIO, '--seeds', '1..12', '--recheck', '50%'];

/** Thread and process start-up dominate; a loaded 2-core CI machine can take minutes. */
const SLOW_MS = 300_000;

describe('twin sweep and twin merge', () => {
  it(
    'give one content hash with 1 or 2 workers, any job size, and shards merged in any order',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'twin-sweep-'));
      const one = await twin([
        ...SWEEP,
        '--workers',
        '1',
        '--job-seeds',
        '4',
        '--json',
        join(dir, 'r.json'),
        '--csv',
        join(dir, 'r.csv'),
      ]);
      expect(one.stderr).toBe('');
      expect(one.stdout).toMatch(/Determinism: [1-9]\d* seeds run twice in different jobs, identical traces/);
      expect(one.stdout).toMatch(/No downtime: 12 passed, 0 failed/);
      const hash = contentHashOf(one.stdout);
      const two = await twin([...SWEEP, '--workers', '2', '--job-seeds', '3']);
      expect(contentHashOf(two.stdout)).toBe(hash);
      expect(two.code).toBe(one.code);

      const parts = [0, 1, 2].map((index) => join(dir, `part-${index}.json`));
      for (const [index, part] of parts.entries()) {
        const shard = await twin([
          ...SWEEP,
          '--workers',
          '1',
          '--job-seeds',
          '2',
          '--shard',
          `${index}/3`,
          '--out',
          part,
        ]);
        expect(shard.code).toBe(0);
      }
      const merged = await twin(['merge', parts[2] as string, parts[0] as string, parts[1] as string]);
      expect(contentHashOf(merged.stdout)).toBe(hash);

      const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
        contentHash: string;
        points: { spreads: Record<string, { p50: number }> }[];
      };
      expect(json.contentHash).toBe(hash);
      expect(json.points[0]?.spreads['www.requests']?.p50).toBeGreaterThan(1000);
      expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toMatch(
        /^grid,figure,runs,min,p5,p50,p95,max,mean,meanCi95,failed\n/,
      );
    },
    SLOW_MS,
  );

  it(
    'reports each grid point, and a different grid gives a different hash',
    async () => {
      const grid = await twin([
        'sweep',
        SHORT_SCENARIO,
        '--seeds',
        '1..3',
        '--workers',
        '1',
        '--vary',
        'workload.crowd.peak=300,1500',
      ]);
      expect(grid.stdout).toContain('== workload.crowd.peak=300 ==');
      expect(grid.stdout).toContain('== workload.crowd.peak=1500 ==');
      const single = await twin([
        'sweep',
        SHORT_SCENARIO,
        '--seeds',
        '1..3',
        '--workers',
        '1',
        '--vary',
        'workload.crowd.peak=300',
      ]);
      expect(contentHashOf(single.stdout)).not.toBe(contentHashOf(grid.stdout));
    },
    SLOW_MS,
  );

  it(
    'names failing seeds with a line that replays them, and exits 1',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'twin-sweep-fail-'));
      const file = join(dir, 'strict.yaml');
      writeFileSync(
        file,
        readFileSync(join(import.meta.dirname, '../..', SHORT_SCENARIO), 'utf8').replace(
          'max: 3%',
          'max: 0.1%',
        ),
      );
      const failing = await twin(['sweep', file, '--seeds', '1..3', '--workers', '1']);
      expect(failing.code).toBe(1);
      expect(failing.stdout).toContain('FAIL  web1 under 3%: 0 passed, 3 failed');
      expect(failing.stdout).toContain(`npx twin run ${file} --seed 2`);
    },
    SLOW_MS,
  );

  it(
    'exits 2 with a clear message on bad arguments and bad part files',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'twin-sweep-bad-'));
      const notPart = join(dir, 'x.json');
      writeFileSync(notPart, '{"format":"something else"}');
      const cases: [string[], RegExp][] = [
        [['sweep', SHORT_SCENARIO, '--seeds', '9..1'], /--seeds.*found "9..1", expected a seed range/],
        [['sweep', SHORT_SCENARIO, '--workers', '0'], /--workers: found "0", expected a whole number from 1/],
        [['sweep', SHORT_SCENARIO, '--shard', '3/3', '--out', notPart], /--shard: found "3\/3"/],
        [['sweep', SHORT_SCENARIO, '--shard', '0/3'], /--shard needs --out/],
        [
          ['sweep', SHORT_SCENARIO, '--queue', 'http://localhost'],
          /--queue: found "http:\/\/localhost", expected redis:\/\/host:port/,
        ],
        [['sweep', SHORT_SCENARIO, '--recheck', 'half'], /--recheck: found "half", expected a percentage/],
        [['sweep', SHORT_SCENARIO, '--vary', 'peak'], /--vary.*found "peak", expected PATH=V1,V2/],
        [['sweep', SHORT_SCENARIO, '--vary', 'duration.x=1'], /duration\.x: found a path through a value/],
        [['sweep', 'no-such-scenario.yaml'], /no such file/],
        [['merge', notPart], /found format "something else", expected a partial result/],
        [['merge', join(dir, 'absent.json')], /found no such file/],
        [['worker', 'localhost:6379'], /found "localhost:6379", expected redis:\/\/host:port/],
      ];
      for (const [args, message] of cases) {
        const result = await twin(args);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr, args.join(' ')).toMatch(message);
      }
    },
    SLOW_MS,
  );

  it(
    'refuses to merge an incomplete set of shards',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'twin-sweep-missing-'));
      const part = join(dir, 'part-0.json');
      await twin([
        'sweep',
        SHORT_SCENARIO,
        '--seeds',
        '1..4',
        '--workers',
        '1',
        '--job-seeds',
        '2',
        '--shard',
        '0/2',
        '--out',
        part,
      ]);
      const merged = await twin(['merge', part]);
      expect(merged.code).toBe(2);
      expect(merged.stderr).toContain('the sweep is incomplete; missing: grid point 0: seeds 3..4');
    },
    SLOW_MS,
  );
});
