import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { issuesOf, scenario, statesOf } from './support.ts';

const PI_CLUSTER = { estate: 'raspberrypi-2016-pi-cluster', users: 200 };

function www(faults: string, options = {}) {
  const report = runScenario(scenario(`faults:\n${faults}`, options));
  return { report, www: report.services['www'] };
}

describe('backend-weight-misconfig', () => {
  it('takes one of two web servers out at weight 0 without cost, and both out for as long as it lasts', () => {
    const one = www('  - { kind: backend-weight-misconfig, target: web2, at: 2m, duration: 2m }');
    expect(one.www).toMatchObject({ failed: 0, timedOut: 0, downSeconds: 0 });
    const both = (duration: string) =>
      www(
        ['web1', 'web2']
          .map(
            (target) =>
              `  - { kind: backend-weight-misconfig, target: ${target}, at: 2m, duration: ${duration} }`,
          )
          .join('\n'),
      ).www?.downSeconds ?? Number.NaN;
    const twoMinutes = both('2m');
    const fourMinutes = both('4m');
    expect(twoMinutes).toBeGreaterThan(60);
    // Twice as long a mistake costs about two more minutes of downtime.
    expect(fourMinutes - twoMinutes).toBeGreaterThan(100);
    expect(fourMinutes - twoMinutes).toBeLessThan(140);
  });

  it('refuses a target that is not a web server', () => {
    const issues = issuesOf('faults:\n  - { kind: backend-weight-misconfig, target: db1, at: 2m }');
    expect(issues.map((issue) => issue.found).join()).toContain('unknown web server "db1"');
  });
});

describe('backend-address-misconfig', () => {
  it('costs nothing on one of two servers; on both, downtime grows with how long it lasts', () => {
    const one = www('  - { kind: backend-address-misconfig, target: web1, at: 2m, duration: 2m }');
    expect(one.www?.downSeconds).toBe(0);
    const both = (duration: string) =>
      www(
        ['web1', 'web2']
          .map(
            (target) =>
              `  - { kind: backend-address-misconfig, target: ${target}, at: 2m, duration: ${duration} }`,
          )
          .join('\n'),
      ).www?.downSeconds ?? Number.NaN;
    const short = both('1m');
    const long = both('3m');
    expect(short).toBeGreaterThan(0);
    expect(long - short).toBeGreaterThan(90);
  });
});

describe('poe-port-failure', () => {
  it('powers off one Pi, which boots again when the port returns, while the switch runs on', () => {
    const { report } = www('  - { kind: poe-port-failure, target: pi2, at: 2m, duration: 1m }', PI_CLUSTER);
    const pi2 = statesOf(report, 'pi2');
    expect(pi2.slice(0, 3)).toEqual([
      [0, 'up.cool'],
      [120, 'off'],
      [180, 'booting.firmware'],
    ]);
    expect(pi2.at(-1)?.[1]).toBe('up.cool');
    expect(statesOf(report, 'pi3').map(([, state]) => state)).toEqual(['up.cool']);
    expect(statesOf(report, 'pi-switch').map(([, state]) => state)).not.toContain('down');
  });

  it('refuses a target that is not a Pi', () => {
    const issues = issuesOf('faults:\n  - { kind: poe-port-failure, target: web1, at: 2m }', PI_CLUSTER);
    expect(issues.map((issue) => issue.found).join()).toContain('unknown Raspberry Pi "web1"');
  });
});
