import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { scenario, statesOf } from './support.ts';

const PI_CLUSTER = { estate: 'raspberrypi-2016-pi-cluster', users: 200 };
const MINIS = ['mini1', 'mini2', 'mini3', 'mini4'];

function wwwDowntimeSeconds(faults: string, options = {}): number {
  return runScenario(scenario(`faults:\n${faults}`, options)).services['www']?.downSeconds ?? Number.NaN;
}

describe('cdn-node-failure', () => {
  it('routes round a failed node: one of four down costs users nothing', () => {
    const report = runScenario(
      scenario('faults:\n  - { kind: cdn-node-failure, target: mini1, at: 2m, duration: 2m }'),
    );
    expect(statesOf(report, 'mini1')).toEqual([
      [0, 'up'],
      [120, 'down'],
      [240, 'up'],
    ]);
    expect(report.services['www']).toMatchObject({ failed: 0, timedOut: 0, downSeconds: 0 });
  });

  it('fails requests while every node is down, for as long as they are down', () => {
    const allDown = (duration: string) =>
      wwwDowntimeSeconds(
        MINIS.map(
          (node) => `  - { kind: cdn-node-failure, target: ${node}, at: 2m, duration: ${duration} }`,
        ).join('\n'),
      );
    const twoMinutes = allDown('2m');
    const fourMinutes = allDown('4m');
    expect(twoMinutes).toBeGreaterThanOrEqual(119);
    expect(twoMinutes).toBeLessThanOrEqual(122);
    expect(fourMinutes - twoMinutes).toBeGreaterThanOrEqual(118);
    expect(fourMinutes - twoMinutes).toBeLessThanOrEqual(122);
  });
});

describe('switch-power-failure', () => {
  it('cuts the PoE Pis behind the switch, which netboot again when power returns', () => {
    const report = runScenario(
      scenario(
        'faults:\n  - { kind: switch-power-failure, target: pi-switch, at: 2m, duration: 1m }',
        PI_CLUSTER,
      ),
    );
    const pi1 = statesOf(report, 'pi1');
    expect(pi1.slice(0, 4)).toEqual([
      [0, 'up.cool'],
      [120, 'off'],
      [180, 'booting.firmware'],
      [181, 'booting.dhcp'],
    ]);
    expect(pi1.at(-1)?.[1]).toBe('up.cool');
    expect(statesOf(report, 'pi-switch').map(([, state]) => state)).toEqual([
      'up.isolated',
      'down',
      'up.isolated',
    ]);
  });

  it("takes the cluster down for the cut plus the Pis' boot, growing with the cut", () => {
    const cut = (duration: string) =>
      wwwDowntimeSeconds(
        `  - { kind: switch-power-failure, target: pi-switch, at: 2m, duration: ${duration} }`,
        PI_CLUSTER,
      );
    const oneMinute = cut('1m');
    const twoMinutes = cut('2m');
    // Down for the cut and while the Pis boot (tens of seconds), never less than the cut.
    expect(oneMinute).toBeGreaterThan(60);
    expect(oneMinute).toBeLessThan(60 + 60);
    expect(twoMinutes - oneMinute).toBeGreaterThanOrEqual(55);
    expect(twoMinutes - oneMinute).toBeLessThanOrEqual(65);
  });
});

describe('nfs-server-crash', () => {
  it("stalls the NFS-root Pis' IO until the server restarts, without rebooting them", () => {
    const report = runScenario(
      scenario(
        'faults:\n  - { kind: nfs-server-crash, target: fileserver, at: 2m, duration: 1m }',
        PI_CLUSTER,
      ),
    );
    expect(statesOf(report, 'fileserver')).toEqual([
      [0, 'serving'],
      [120, 'down'],
      [180, 'serving'],
    ]);
    for (const pi of ['pi1', 'pi8']) expect(statesOf(report, pi)).toEqual([[0, 'up.cool']]);
    const crash = (duration: string) =>
      wwwDowntimeSeconds(
        `  - { kind: nfs-server-crash, target: fileserver, at: 2m, duration: ${duration} }`,
        PI_CLUSTER,
      );
    const oneMinute = crash('1m');
    expect(oneMinute).toBeGreaterThanOrEqual(60);
    expect(oneMinute).toBeLessThanOrEqual(65);
    expect(crash('3m') - oneMinute).toBeGreaterThanOrEqual(118);
    expect(crash('3m') - oneMinute).toBeLessThanOrEqual(122);
  });
});

describe('netboot-stall', () => {
  const stall = 'faults:\n  - { kind: netboot-stall, target: pi1, at: 1m, duration: 6m }';

  it('keeps the Pi stalled until the operator power-cycles it when the stall ends', () => {
    const pi1 = statesOf(runScenario(scenario(stall, PI_CLUSTER)), 'pi1');
    expect(pi1).toContainEqual([68, 'booting.stalled']);
    expect(pi1).toContainEqual([420, 'off']);
    expect(pi1.at(-1)?.[1]).toBe('up.cool');
  });

  it('does not reboot a Pi the plan already power-cycled out of the stall', () => {
    const report = runScenario(
      scenario(`${stall}\nplan:\n  - { name: Cycle pi1, action: power-cycle, pi: pi1, at: 3m }`, PI_CLUSTER),
    );
    const pi1 = statesOf(report, 'pi1');
    expect(pi1).toContainEqual([180, 'off']);
    // Up after the plan's cycle, and nothing happens to it at the stall's end (7 min).
    expect(pi1.filter(([at]) => at > 200)).toEqual([[218, 'up.cool']]);
  });

  it('is refused, and the report says so, when the Pi is off because its switch has no power', () => {
    const report = runScenario(
      scenario(
        `faults:
  - { kind: switch-power-failure, target: pi-switch, at: 1m, duration: 5m }
  - { kind: netboot-stall, target: pi1, at: 2m, duration: 1m }`,
        PI_CLUSTER,
      ),
    );
    expect(report.run.limitMessage).toBe(
      'fault netboot-stall on pi1 could not be injected: switch pi-switch has no power, so pi1 is off',
    );
    expect(report.ok).toBe(false);
    // Nothing of the refused stall is left behind: pi1 boots as the other Pis do when power returns.
    const pi1 = statesOf(report, 'pi1');
    expect(pi1).not.toContainEqual(expect.arrayContaining(['booting.stalled']));
    expect(pi1.at(-1)?.[1]).toBe('up.cool');
  });
});
