import { describe, expect, it } from 'vitest';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/** A short run on the seeds' 2017 estate with the workload given. */
function run(workload: string, duration = '10m') {
  const text = `
name: arrivals
seed: 9
duration: ${duration}
estate: { extends: raspberrypi-2017-after }
workload:
${workload}
  thinkTime: 60s
  requestTimeout: 30s
`;
  const parsed = parseScenarioText(text, 'arrivals.yaml', builtinEstateLibrary);
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  return runScenario(parsed.scenario);
}

const requestsOf = (report: ReturnType<typeof run>): number =>
  Object.values(report.services).reduce((sum, service) => sum + service.requests, 0);

describe('open arrivals in a scenario', () => {
  it('a constant rate brings rate × duration requests, and twice the rate twice as many', () => {
    const counts = [20, 40].map((rate) =>
      requestsOf(
        run(`  crowd: { shape: constant, users: 0 }
  arrivals: { rate: { shape: constant, rate: ${rate}/s } }
  mix: { cached: 90%, uncached: 10% }`),
      ),
    );
    // 12,000 expected in 10 minutes at 20/s; a Poisson count's spread is about 1 %.
    expect(Math.abs((counts[0] as number) / 12_000 - 1)).toBeLessThan(0.03);
    expect(Math.abs((counts[1] as number) / (counts[0] as number) - 2)).toBeLessThan(0.06);
  });

  it('a crowd and arrivals at once add up, and the arrivals keep their own mix', () => {
    const crowdOnly = run(`  crowd: { shape: constant, users: 600 }
  mix: { loggedIn: 100% }`);
    const both = run(`  crowd: { shape: constant, users: 600 }
  arrivals: { rate: { shape: constant, rate: 10/s }, mix: { admin: 100% } }
  mix: { loggedIn: 100% }`);
    // 600 users thinking 60 s issue about 10 a second; the arrivals add 6,000 admin requests.
    const added = requestsOf(both) - requestsOf(crowdOnly);
    expect(Math.abs(added / 6_000 - 1)).toBeLessThan(0.06);
    expect(crowdOnly.services.admin?.requests ?? 0).toBe(0);
    expect(Math.abs((both.services.admin?.requests ?? 0) / 6_000 - 1)).toBeLessThan(0.04);
  });

  it('a launch spike given as a rate brings its requests when the curve says', () => {
    const quiet = run(`  crowd: { shape: constant, users: 0 }
  arrivals: { rate: { shape: constant, rate: 5/s } }
  mix: { cached: 100% }`);
    const launch = run(`  crowd: { shape: constant, users: 0 }
  arrivals: { rate: { shape: launch, baseline: 5/s, peak: 105/s, at: 5m, rampUp: 0s, hold: 2m, decay: 1m } }
  mix: { cached: 100% }`);
    // Extra over 5/s: 100/s for 2 minutes, then 100/s halving every minute for 3 minutes
    // (100 × 60 / ln 2 × (1 − 1/8) ≈ 7,574): about 19,574 more.
    const extra = requestsOf(launch) - requestsOf(quiet);
    expect(Math.abs(extra / 19_574 - 1)).toBeLessThan(0.05);
  });
});
