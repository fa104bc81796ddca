import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/** The Pi Zero launch's estate for its first 30 minutes (before the launch), at `users` users. */
function quietHalfHour(users: number, onTraceLine?: (line: string) => void): Report {
  const entry = findBuiltinScenario('pi-zero-launch');
  if (entry === undefined) throw new Error('no pi-zero-launch');
  const scenario = loadScenarioFile(entry.path);
  const crowd = scenario.workload.crowd as unknown as Record<string, unknown>;
  crowd['baseline'] = users;
  crowd['peak'] = users;
  return runScenario(
    { ...scenario, duration: 30 * 60_000, checks: [] },
    onTraceLine === undefined ? {} : { onTraceLine },
  );
}

const mean = (report: Report, id: string): number =>
  report.parts[id]?.utilisationMean ?? report.links?.[id]?.utilisationMean ?? 0;

describe('utilisation through the twin', () => {
  const lines: string[] = [];
  const single = quietHalfHour(1000, (line) => lines.push(line));
  const double = quietHalfHour(2000);

  it('measures every part that did work: web servers, their VMs and host, the DB, the CDN nodes', () => {
    for (const id of ['web1/apache', 'web1', 'web2', 'old-hex', 'db1', 'db1/mysql', 'mini1', 'mini4'])
      expect(mean(single, id), id).toBeGreaterThan(0);
    expect(single.parts['web1/apache']?.requestsAnswered).toBeGreaterThan(0);
  });

  it('about doubles when the crowd doubles, well below saturation', () => {
    for (const id of ['old-hex', 'db1/mysql', 'mini1']) {
      const ratio = mean(double, id) / mean(single, id);
      // Poisson noise over 30 minutes of a few hundred thousand requests: within 10 %.
      expect(ratio, id).toBeGreaterThan(1.8);
      expect(ratio, id).toBeLessThan(2.2);
    }
    // The PHP pool only renders: the uncached share grows with the crowd, but Supercache's misses
    // come as pages expire, whoever asks, so its busy time (and its VM's, which renders dominate)
    // grows by less than the crowd, not more.
    for (const id of ['web1/apache', 'web1']) {
      const ratio = mean(double, id) / mean(single, id);
      expect(ratio, id).toBeGreaterThan(1.5);
      expect(ratio, id).toBeLessThan(2.05);
    }
    const answered = (report: Report) => report.parts['web1/apache']?.requestsAnswered ?? 0;
    expect(answered(double) / answered(single)).toBeGreaterThan(1.8);
  });

  it('writes the agreed per-minute counter lines into the trace, agreeing with the report', () => {
    const counters = lines
      .map((line) => JSON.parse(line) as { timeMs: number; part: string; event: string; details: unknown })
      .filter((entry) => entry.event === 'counter' && entry.part === 'web1');
    expect(counters.length).toBeGreaterThan(1);
    for (const entry of counters) expect(entry.timeMs % 60_000).toBe(0);
    const values = counters.map((entry) => (entry.details as { name: string; value: number }).value);
    expect(Math.max(...values)).toBeCloseTo(single.parts['web1']?.utilisationPeak ?? -1, 4);
  });
});
