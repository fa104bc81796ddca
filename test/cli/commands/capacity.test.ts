import { readFileSync } from 'node:fs';
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

/** NEAR_LIMIT with two CDN nodes, so its degraded modes are four searches. */
const TWO_NODES = NEAR_LIMIT.replace(
  '  extends: raspberrypi-2015\n',
  '  extends: raspberrypi-2015\n  cdn: { nodes: { mini3: null, mini4: null } }\n',
);

interface VariantJson {
  name: string;
  search: { passScale: number };
}
interface CapacityJson {
  workers: number;
  search: { passScale: number; points: unknown[] };
  whatIf: VariantJson[];
  degraded: VariantJson[];
}

describe('twin capacity --what-if, --degraded, --workers, --chart', () => {
  it('refuses a variant the validation refuses (exit 2, naming it) and an unknown one, before any run', async () => {
    const bad = await twin(['capacity', 'pi-zero-launch', '--what-if', 'tiny:estate.vms.web1.cores=0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('pi-zero-launch.yaml (what-if tiny) estate.vms.web1.cores: found 0');
    expect(bad.stderr).toContain('estate.vms.web1.cores');
    const unknown = await twin(['capacity', 'pi-zero-launch', '--what-if', 'more-servers']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('add-pi, double-cores');
    const workers = await twin(['capacity', 'pi-zero-launch', '--workers', 'many']);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain('--workers: found "many"');
  });

  it('moves capacity with the variant, and gives the same answer on 1 worker and on 2', async () => {
    const { file, dir } = tinyScenarioDirectory(NEAR_LIMIT);
    const args = ['capacity', file, '--seeds', '1', '--json', '--what-if', 'double-cores'];
    const halfWeb2 = 'half-web2:estate.vms.web2.cores=12';
    const one = await twin([...args, '--what-if', halfWeb2, '--workers', '1']);
    const two = await twin([...args, '--what-if', halfWeb2, '--workers', '2', '--chart', `${dir}/c.svg`]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const first = JSON.parse(one.stdout) as CapacityJson;
    const second = JSON.parse(two.stdout) as CapacityJson;
    expect({ ...first, workers: 0 }).toEqual({ ...second, workers: 0 });
    const base = first.search.passScale;
    const byName = new Map(first.whatIf.map((each) => [each.name, each.search.passScale]));
    // Web-bound: twice the web cores gives close to twice the room; a quarter fewer cores, less.
    expect(byName.get('double-cores')! / base).toBeGreaterThan(1.6);
    expect(byName.get('double-cores')! / base).toBeLessThan(2.4);
    expect(byName.get('half-web2')!).toBeLessThan(base);
    expect(first.whatIf.map((each) => each.name)).toEqual(['double-cores', 'half-web2']);
    const svg = readFileSync(`${dir}/c.svg`, 'utf8');
    expect(svg.match(/<circle /g)).toHaveLength(first.search.points.length * 2);
  }, 300_000);

  it('loses each web server (about half the room each) and each CDN node (none of it, web-bound)', async () => {
    const { file } = tinyScenarioDirectory(TWO_NODES);
    const json = await twin(['capacity', file, '--seeds', '1', '--degraded', '--workers', '2', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as CapacityJson;
    const byName = new Map(
      report.degraded.map((each) => [each.name, each.search.passScale / report.search.passScale]),
    );
    expect([...byName.keys()].sort()).toEqual(['mini1-down', 'mini2-down', 'web1-down', 'web2-down']);
    for (const web of ['web1-down', 'web2-down']) {
      expect(byName.get(web)).toBeGreaterThan(0.35);
      expect(byName.get(web)).toBeLessThan(0.7);
    }
    expect(byName.get('mini1-down')).toBeGreaterThan(0.85);
  }, 300_000);
});

/** NEAR_LIMIT as open arrivals: no crowd, 200 one-off requests a second. */
const OPEN_NEAR_LIMIT = NEAR_LIMIT.replace(
  '  crowd: { shape: constant, users: 6000 }\n',
  '  crowd: { shape: constant, users: 0 }\n  arrivals:\n    rate: { shape: constant, rate: 200/s }\n',
);

describe('twin capacity on open arrivals', () => {
  it('answers in requests per second, not users, in the text, the table, the bracket and the chart', async () => {
    const { file, dir } = tinyScenarioDirectory(OPEN_NEAR_LIMIT);
    const chart = `${dir}/open.svg`;
    const { code, stdout } = await twin([
      'capacity',
      file,
      '--seeds',
      '1',
      '--workers',
      '0',
      '--chart',
      chart,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('open arrivals peak 200.0 req/s at scale 1');
    const answer = /Within the SLO up to scale ([\d.]+) = ([\d,.]+) req\/s at peak/.exec(stdout);
    expect(answer).not.toBeNull();
    const [scale, rate] = [Number(answer![1]), Number(answer![2]!.replace(/,/g, ''))];
    expect(rate).toBeCloseTo(200 * scale, 1);
    // 20 % of requests take 0.4 s on 2 × 24 cores: the arrivals cannot pass 1/D_max ≈ 590 req/s,
    // and a p95 of 1 s holds until close to it (the web VMs' queues are short until ρ ≈ 0.9).
    expect(rate).toBeGreaterThan(400);
    expect(rate).toBeLessThan(600);
    expect(stdout).toMatch(/bracket: passes at ×[\d.]+, fails at ×[\d.]+ \([\d,.]+ req\/s\)/);
    expect(stdout).toMatch(/^scale\s+arrivals\/s\s+req\/s/m);
    expect(stdout).not.toMatch(/\busers\b/);
    expect(readFileSync(chart, 'utf8')).toContain('>req/s at peak</text>');
  }, 60_000);
});

describe('twin capacity --vary on the request mix', () => {
  it('searches each mix: more uncached pages, less room, each with its bottleneck', async () => {
    const { file } = tinyScenarioDirectory(NEAR_LIMIT);
    const { code, stdout } = await twin([
      'capacity',
      file,
      '--seeds',
      '1',
      '--workers',
      '0',
      '--vary',
      'workload.mix.uncached=10%,40%',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      search: { passScale: number };
      varied: { name: string; search: { passScale: number }; bottleneck?: string }[];
    };
    expect(report.varied.map((each) => each.name)).toEqual([
      'workload.mix.uncached=10%',
      'workload.mix.uncached=40%',
    ]);
    const [light, heavy] = report.varied.map((each) => each.search.passScale) as [number, number];
    // Web-bound: the room goes roughly as 1 / the uncached share (20 % at scale 1).
    expect(light).toBeGreaterThan(1.5 * report.search.passScale);
    expect(heavy).toBeLessThan(0.7 * report.search.passScale);
    for (const each of report.varied) expect(each.bottleneck).toMatch(/^web[12](\/apache)?$/);
  }, 120_000);

  it('prints the per-mix table, and refuses a share that is not a percentage with exit 2', async () => {
    const { file } = tinyScenarioDirectory(NEAR_LIMIT);
    const text = await twin([
      'capacity',
      file,
      '--seeds',
      '1',
      '--workers',
      '0',
      '--vary',
      'workload.mix.uncached=40%',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('By --vary: the same search at each point');
    expect(text.stdout).toMatch(/^workload\.mix\.uncached=40% +[\d,]+ +×/m);
    expect(text.stdout).toContain('(the rest of the mix scaled to fill it: cached 60%)');
    const bad = await twin(['capacity', file, '--vary', 'workload.mix.uncached=lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('workload.mix.uncached');
    expect(bad.stderr).toContain('"lots"');
  }, 120_000);
});
