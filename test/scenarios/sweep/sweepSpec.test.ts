import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRechecked, planJobs } from '../../../src/scenarios/sweep/jobs.ts';
import { sweepSpec } from '../../../src/scenarios/sweep/sweepSpec.ts';
import { accessLogOf } from '../../../src/scenarios/accessLog/attach.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'short-launch.yaml');
const request = { path: fixture, shownAs: 'short-launch.yaml', vary: [], recheckShare: 0.05 };

describe('sweep spec', () => {
  it('writes each grid value into the scenario before validating it', () => {
    const result = sweepSpec({ ...request, vary: ['workload.crowd.peak=500,2000', 'duration=5m'] });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const peaks = result.spec.points.map((point) => (point.scenario.workload.crowd as { peak: number }).peak);
    expect(peaks).toEqual([500, 2000]);
    expect(result.spec.points.map((point) => point.scenario.duration)).toEqual([300_000, 300_000]);
    expect(result.spec.seeds).toEqual({ from: 1, to: 1 });
  });

  it('reads seeds and grid from the sweep: section, the command line winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-spec-'));
    const file = join(dir, 'swept.yaml');
    writeFileSync(
      file,
      `${readFileSync(fixture, 'utf8')}\nsweep:\n  seeds: 3..9\n  vary:\n    workload.crowd.peak: [300, 600, 900]\n`,
    );
    const fromFile = sweepSpec({ ...request, path: file, shownAs: 'swept.yaml' });
    if (!fromFile.ok) throw new Error(JSON.stringify(fromFile.issues));
    expect(fromFile.spec.seeds).toEqual({ from: 3, to: 9 });
    expect(fromFile.spec.points).toHaveLength(3);
    const overridden = sweepSpec({
      ...request,
      path: file,
      seeds: '1..2',
      vary: ['workload.crowd.peak=400'],
    });
    if (!overridden.ok) throw new Error(JSON.stringify(overridden.issues));
    expect(overridden.spec.points).toHaveLength(1);
    expect(overridden.spec.seeds).toEqual({ from: 1, to: 2 });
  });

  it('reports a value the schema refuses at its path, naming the grid point', () => {
    const result = sweepSpec({ ...request, vary: ['workload.crowd.peak=-5'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ file: 'short-launch.yaml', path: 'workload.crowd.peak' });
    expect(result.issues[0]?.expected).toContain('workload.crowd.peak=-5');
  });

  it('re-checks about the share asked for, each in another job than its first run', () => {
    const result = sweepSpec({ ...request, seeds: '1..2000', recheckShare: 0.05 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const jobs = planJobs(result.spec, 10);
    const rechecked = jobs.reduce((sum, job) => sum + job.recheckSeeds.length, 0);
    expect(rechecked).toBeGreaterThan(60);
    expect(rechecked).toBeLessThan(140);
    for (const job of jobs)
      for (const seed of job.recheckSeeds) {
        expect(seed < job.range.from || seed > job.range.to).toBe(true);
        expect(isRechecked(result.spec, job.recheckPoint, seed)).toBe(true);
      }
    const none = sweepSpec({ ...request, seeds: '1..200', recheckShare: 0 });
    if (!none.ok) throw new Error('spec');
    expect(planJobs(none.spec, 10).every((job) => job.recheckSeeds.length === 0)).toBe(true);
  });

  it('reads a replayed access log for every grid point, so the workers get its lines', () => {
    const example = join(import.meta.dirname, '..', '..', '..', 'examples', 'access-log-replay.yaml');
    const result = sweepSpec({
      path: example,
      shownAs: 'access-log-replay.yaml',
      vary: ['workload.accessLog.scale=1,2'],
      seeds: '1..2',
      recheckShare: 0,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.spec.points).toHaveLength(2);
    for (const point of result.spec.points)
      expect(accessLogOf(point.scenario)?.offsetsSeconds.length).toBeGreaterThan(3_000);
  });
});
