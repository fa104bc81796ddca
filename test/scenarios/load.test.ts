import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, formatIssue } from '../../src/scenarios/errors.ts';
import { builtinEstateLibrary, loadScenarioFile, readScenarioFile } from '../../src/scenarios/load.ts';
import { parseScenarioText } from '../../src/scenarios/parse.ts';

/** A small valid scenario; tests replace a line or append to it. */
const VALID = `name: test
seed: 1
duration: 2h
estate:
  extends: raspberrypi-2017
workload:
  crowd: { shape: constant, users: 100 }
  thinkTime: 30s
  mix: { cached: 80%, static: 20% }
  requestTimeout: 30s
plan:
  - { name: replica, action: add-replica, vm: db2 }
  - { name: catch up, action: wait-for-catch-up, replica: db2 }
  - { name: failover, action: failover, to: db2, mode: planned }
checks:
  - { check: user-downtime, name: no downtime, max: 0s }
`;

function problems(text: string, file = 'test.yaml'): string[] {
  const result = parseScenarioText(text, file, builtinEstateLibrary);
  return result.ok ? [] : result.issues.map(formatIssue);
}

function replaced(search: string, replacement: string): string {
  if (!VALID.includes(search)) throw new Error(`test setup: "${search}" is not in VALID`);
  return VALID.replace(search, replacement);
}

describe('parseScenarioText', () => {
  it('accepts the valid scenario and parses its units', () => {
    const result = parseScenarioText(VALID, 'test.yaml', builtinEstateLibrary);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.duration).toBe(7_200_000);
    expect(result.scenario.workload.mix.cached).toBeCloseTo(0.8);
    expect(result.scenario.estate.vms['web1']?.ram).toBe(32e9);
  });

  it('reports malformed YAML with its line', () => {
    expect(problems('name: [oops\nseed: 1\n')).toEqual([
      expect.stringMatching(/^test\.yaml:\d+:\d+ found malformed YAML .*expected valid YAML or JSON$/),
    ]);
  });

  it('reports an unknown key at the key, naming the keys it could have been', () => {
    expect(problems(replaced('  thinkTime: 30s', '  thinkTime: 30s\n  thinkingTime: 30s'))).toEqual([
      'test.yaml:9:3 workload.thinkingTime: found unknown key "thinkingTime", expected one of the keys crowd, arrivals, accessLog, thinkTime, mix, requestTimeout, pageTimes, uploadSize, slowPageFactor',
    ]);
  });

  it('reports a reference to a part that does not exist, listing those that do', () => {
    expect(problems(replaced('action: add-replica, vm: db2', 'action: add-replica, vm: db3'))[0]).toBe(
      'test.yaml:12:47 plan[0].vm: found unknown VM "db3", expected one of web1, web2, db1, db2',
    );
  });

  it('reports a bare number where a unit is required', () => {
    expect(problems(replaced('duration: 2h', 'duration: 7200'))).toEqual([
      'test.yaml:3:11 duration: found 7200, expected a duration with units, such as 250ms, 90s, 5m, 1h30m or 3.5d',
    ]);
  });

  it('reports a negative duration as such', () => {
    expect(problems(replaced('thinkTime: 30s', 'thinkTime: -30s'))).toEqual([
      expect.stringMatching(
        /^test\.yaml:8:14 workload\.thinkTime: found "-30s", expected a duration that is not negative/,
      ),
    ]);
  });

  it("reports VMs beyond a host's cores, at the host", () => {
    const text = replaced(
      '  extends: raspberrypi-2017',
      '  extends: raspberrypi-2017\n  vms:\n    web1: { cores: 40 }',
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /raspberrypi-2015\.yaml:\d+:\d+ estate\.hosts\.old-hex\.cores: found VMs needing 72 cores \(web1, web2, db1\), expected at most the host's 64 cores$/,
      ),
    ]);
  });

  it('reports a step that leaves a host short of cores, at the step', () => {
    const text = replaced(
      '  - { name: failover',
      '  - { name: move, action: move-vm, vm: web1, to: new-sov }\n  - { name: grow, action: scale-vm, vm: web1, cores: 60 }\n  - { name: failover',
    );
    expect(problems(text)).toEqual([
      'test.yaml:15:5 plan[3]: found new-sov needing 68 cores for web1, db2, expected at most its 64 cores',
    ]);
  });

  it('reports a mix that does not add up to 100%', () => {
    expect(problems(replaced('static: 20%', 'static: 15%'))).toEqual([
      'test.yaml:9:8 workload.mix: found shares adding up to 95% (cached 80% + static 15%), expected shares adding up to 100%',
    ]);
  });

  it('reports steps out of order', () => {
    const text = replaced('vm: db2 }', 'vm: db2, at: 1h }').replace(
      'replica: db2 }',
      'replica: db2, at: 30m }',
    );
    expect(problems(text)).toEqual([
      'test.yaml:13:68 plan[1].at: found 30m, before step "replica" at 1h, expected a time at or after 1h (steps run in the order written)',
    ]);
  });

  it('reports a failover to a VM that is not a replica yet', () => {
    const text = replaced(
      '  - { name: replica, action: add-replica, vm: db2 }\n  - { name: catch up, action: wait-for-catch-up, replica: db2 }\n',
      '',
    );
    expect(problems(text)).toEqual([
      expect.stringContaining('plan[0].to: found "db2", not a replica at this step'),
    ]);
  });

  it('reports an id used by two parts', () => {
    const text = replaced(
      '  extends: raspberrypi-2017',
      '  extends: raspberrypi-2017\n  hosts:\n    web1: { site: HEX, cores: 8, ram: 8GB }',
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /estate\.vms\.web1: found "web1", already the id of a VM host, expected an id no other part uses$/,
      ),
    ]);
  });

  it('reports a key given twice', () => {
    expect(problems(replaced('seed: 1', 'seed: 1\nseed: 2'))).toEqual([
      'test.yaml:3:1 found a key given twice, expected each key once per mapping',
    ]);
  });

  it('reports an unknown plan action and an unknown check together', () => {
    const text = replaced('action: failover, to: db2, mode: planned', 'action: fail-over, to: db2').replace(
      'check: user-downtime',
      'check: downtime',
    );
    const found = problems(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      /^test\.yaml:14:\d+ plan\[2\]\.action: found "fail-over", expected an action: one of "add-replica"/,
    );
    expect(found[1]).toMatch(
      /^test\.yaml:16:\d+ checks\[0\]\.check: found "downtime", expected a check: one of "user-downtime"/,
    );
  });

  it('reports an unknown built-in estate', () => {
    expect(problems(replaced('extends: raspberrypi-2017', 'extends: raspberrypi-2018'))).toEqual([
      expect.stringMatching(
        /^test\.yaml:5:12 estate\.extends: found unknown estate "raspberrypi-2018", expected one of the built-in estates: raspberrypi-2015, /,
      ),
    ]);
  });

  it('reports a missing required field as found nothing', () => {
    expect(problems(replaced('seed: 1\n', ''))).toEqual([
      'test.yaml:1:1 seed: found nothing, expected a whole number, at least 0',
    ]);
  });

  it('reports a document that is not a mapping', () => {
    expect(problems('- just\n- a list\n')).toEqual([
      expect.stringMatching(/^test\.yaml:1:1 found a list of 2, expected a scenario/),
    ]);
  });

  it('reports a check with no bound and a min above its max', () => {
    const text = replaced(
      '  - { check: user-downtime, name: no downtime, max: 0s }',
      '  - { check: user-downtime, name: a }\n  - { check: admin-downtime, name: b, min: 5m, max: 1m }',
    );
    expect(problems(text)).toEqual([
      'test.yaml:16:5 checks[0]: found neither min nor max, expected a bound: min (at least), max (at most), or both',
      expect.stringMatching(
        /^test\.yaml:17:\d+ checks\[1\]\.min: found a min above the max, expected min ≤ max$/,
      ),
    ]);
  });
});

describe('extends', () => {
  function scenarioWith(estateOverrides: string) {
    const result = parseScenarioText(
      replaced('  extends: raspberrypi-2017', `  extends: raspberrypi-2017\n${estateOverrides}`),
      'test.yaml',
      builtinEstateLibrary,
    );
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    return result.scenario;
  }

  it('inherits the built-in estate, through its own extends', () => {
    const { estate } = scenarioWith('');
    // All three hosts, in the canonical order of their ids (see canonicalise.ts).
    expect(Object.keys(estate.hosts)).toEqual(['new-hex', 'new-sov', 'old-hex']);
    expect(estate.vms['db2']?.initially).toBe('off');
  });

  it('merges an override into one part and keeps the rest', () => {
    const { estate } = scenarioWith('  vms:\n    web2: { cores: 12 }');
    expect(estate.vms['web2']).toMatchObject({ cores: 12, host: 'old-hex', role: 'web-secondary' });
    expect(estate.vms['web1']?.cores).toBe(24);
  });

  it('removes a part set to null and replaces lists', () => {
    const { estate } = scenarioWith(
      '  cdn:\n    backends:\n      web2: null\n  siteLinks:\n    hex-sov: { between: [SOV, HEX] }',
    );
    expect(Object.keys(estate.cdn.backends)).toEqual(['web1']);
    expect(estate.siteLinks?.['hex-sov']).toMatchObject({ between: ['SOV', 'HEX'], latency: 1 });
  });
});

describe('loadScenarioFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'estate-twin-load-'));
  const file = (name: string, contents: string | Uint8Array): string => {
    const path = join(directory, name);
    writeFileSync(path, contents);
    return path;
  };

  it.each([
    ['a directory', () => directory, 'found a directory'],
    ['a missing file', () => join(directory, 'missing.yaml'), 'found no such file'],
    [
      'binary junk',
      () => file('junk.yaml', new Uint8Array([0x89, 0x50, 0x00, 0xff, 0x01])),
      'found binary data',
    ],
    [
      'invalid UTF-8',
      () => file('latin1.yaml', new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9])),
      'not UTF-8',
    ],
    ['an empty file', () => file('empty.yaml', ''), 'found an empty file'],
    ['only comments', () => file('comments.yaml', '# nothing here\n'), 'found an empty file'],
  ])('turns %s into a ScenarioError naming the file', (_what, path, message) => {
    const target = path();
    let thrown: unknown;
    try {
      loadScenarioFile(target);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    const issues = (thrown as ScenarioError).issues;
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0]!)).toContain(target);
    expect(formatIssue(issues[0]!)).toContain(message);
  });

  it('reads JSON too', () => {
    const result = parseScenarioText(VALID, 'x.yaml', builtinEstateLibrary);
    if (!result.ok) throw new Error('setup');
    const json = file(
      'scenario.json',
      JSON.stringify({
        name: 'j',
        seed: 1,
        duration: '1h',
        estate: { extends: 'raspberrypi-2017' },
        workload: {
          crowd: { shape: 'constant', users: 1 },
          thinkTime: '30s',
          mix: { cached: '100%' },
          requestTimeout: '30s',
        },
      }),
    );
    expect(readScenarioFile(json)).toMatchObject({ ok: true, scenario: { name: 'j', duration: 3_600_000 } });
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(problems(bomb)).toEqual([expect.stringContaining('YAML that cannot be expanded')]);
  });
});
