import { describe, expect, it } from 'vitest';
import { tinyScenarioDirectory } from '../support/tinyScenario.ts';
import { twin } from '../support/twin.ts';

/** A crowd near the 2015 web VMs' limit, for a minute: a few fast runs bracket it. */
const NEAR_LIMIT = `name: near-limit
seed: 7
duration: 1m
estate:
  extends: raspberrypi-2015
workload:
  crowd: { shape: constant, users: 6000 }
  thinkTime: 30s
  mix: { cached: 80%, uncached: 20% }
  requestTimeout: 30s
`;

describe('twin capacity', () => {
  it('refuses bad options with exit 2, naming the option, what it found and what it expected', async () => {
    const seeds = await twin(['capacity', 'pi-zero-launch', '--seeds', '0']);
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toContain('--seeds: found "0", expected a whole number from 1 to 20');
    const duration = await twin(['capacity', 'pi-zero-launch', '--duration', 'soon']);
    expect(duration.code).toBe(2);
    expect(duration.stderr).toContain('--duration: found "soon"');
    const none = await twin(['capacity']);
    expect(none.code).toBe(2);
  });

  it('finds a web-bound crowd near the theory’s limit and names the web servers the bottleneck', async () => {
    const { file } = tinyScenarioDirectory(NEAR_LIMIT);
    const { code, stdout } = await twin(['capacity', file, '--seeds', '1', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      search: { passScale: number; failScale?: number };
      parts: { part: string }[];
      analytic: { bounds: { throughputMaxPerSecond: number; kneeUsers: number } };
    };
    // Theory: 20 % of requests take 0.4 s on 2 × 24 cores, so X ≤ 600 req/s and N* ≈ 18,000 users = ×3.
    expect(report.analytic.bounds.throughputMaxPerSecond).toBeGreaterThan(550);
    expect(report.search.passScale).toBeGreaterThanOrEqual(1);
    expect(report.search.failScale).toBeDefined();
    expect(report.search.failScale!).toBeLessThanOrEqual(4);
    // A web VM is as busy as the web server on it (one PHP worker per core), so either may lead.
    expect(report.parts[0]?.part).toMatch(/^web[12](\/apache)?$/);
  }, 120_000);
});
