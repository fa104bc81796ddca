import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { issuesOf, scenario } from './support.ts';

/** February 2017 before the move: everything in HEX but db2, a running replica in SOV. */
const REPLICA_IN_SOV = {
  estate: 'raspberrypi-2017',
  users: 300,
  mix: '{ cached: 70%, uncached: 10%, comments: 3%, admin: 1%, static: 16% }',
  estateOverrides: '  vms:\n    db2: { initially: running }\n  mysql:\n    replicas: [db2]',
};
const CATCH_UP = 'plan:\n  - { name: Catch up, action: wait-for-catch-up, replica: db2, at: 3m }';

function catchUpEndsAt(outage: string | undefined): number {
  const faults =
    outage === undefined
      ? ''
      : `faults:\n  - { kind: link-down, target: hex-sov, at: 2m, duration: ${outage} }\n`;
  const report = runScenario(scenario(`${faults}${CATCH_UP}`, REPLICA_IN_SOV));
  const step = report.steps[0];
  expect(step?.outcome).toBe('done');
  expect(report.run.limitMessage).toBeUndefined();
  return step?.endedAt ?? Number.NaN;
}

describe('link-down', () => {
  it('holds replication across the link while it is down; the replica catches up when it returns', () => {
    // Without an outage the replica is caught up when the step starts, at 3 min.
    expect(catchUpEndsAt(undefined)).toBe(180);
    // Down from 2 min: the step waits for the link to return (4 min, 6 min), then a second's catch-up.
    const twoMinutes = catchUpEndsAt('2m');
    const fourMinutes = catchUpEndsAt('4m');
    expect(twoMinutes).toBeGreaterThanOrEqual(240);
    expect(twoMinutes).toBeLessThanOrEqual(245);
    expect(fourMinutes - twoMinutes).toBeGreaterThanOrEqual(118);
    expect(fourMinutes - twoMinutes).toBeLessThanOrEqual(122);
  });

  it('fails cross-site requests while it is down, in proportion to the outage, and none once it is back', () => {
    // After the move: the HEX CDN node routes to web1 in SOV, and web2 in HEX queries db2 in SOV.
    const failed = (outage: string | undefined): number => {
      const faults =
        outage === undefined
          ? ''
          : `faults:\n  - { kind: link-down, target: hex-sov, at: 2m, duration: ${outage} }`;
      const report = runScenario(scenario(faults, { estate: 'raspberrypi-2017-after' }));
      expect(report.run.limitMessage).toBeUndefined();
      return (report.services['www']?.failed ?? Number.NaN) + (report.services['www']?.timedOut ?? 0);
    };
    const none = failed(undefined);
    const twoMinutes = failed('2m');
    const fourMinutes = failed('4m');
    expect(none).toBe(0);
    expect(twoMinutes).toBeGreaterThan(100);
    // Twice the outage, about twice the failures: they stop when the link returns.
    expect(fourMinutes / twoMinutes).toBeGreaterThan(1.8);
    expect(fourMinutes / twoMinutes).toBeLessThan(2.2);
  });

  it('makes a cross-site cold move wait for the link, refuses it after 15 min, and fails a copy it cuts', () => {
    const moveStep = (fault: string | undefined): { endedAt: number; outcome: string } => {
      const faults =
        fault === undefined ? '' : `faults:\n  - { kind: link-down, target: hex-sov, ${fault} }\n`;
      const report = runScenario(
        scenario(`${faults}plan:\n  - { name: Move web2, action: move-vm, vm: web2, to: new-sov, at: 2m }`, {
          ...REPLICA_IN_SOV,
          duration: '40m',
        }),
      );
      const step = report.steps[0];
      return { endedAt: step?.endedAt ?? Number.NaN, outcome: step?.outcome ?? 'missing' };
    };
    const clear = moveStep(undefined);
    expect(clear.outcome).toBe('done');
    // Down from 1 min to 3 min: web2 stops at about 2 min 10 s, and its copy waits until 3 min.
    const waited = moveStep('at: 1m, duration: 2m');
    expect(waited.outcome).toBe('done');
    expect(waited.endedAt - clear.endedAt).toBeGreaterThan(40);
    expect(waited.endedAt - clear.endedAt).toBeLessThan(60);
    // Down for 30 min: the copy waits its 15 minutes, then the step is refused.
    const tooLong = moveStep('at: 1m, duration: 30m');
    expect(tooLong.outcome).toBe(
      'refused: cannot copy web2 to new-sov: the site link HEX–SOV stayed down for 15 min',
    );
    expect(tooLong.endedAt - 120).toBeGreaterThan(900);
    expect(tooLong.endedAt - 120).toBeLessThan(960);
    // Down from 2.5 min, while the copy runs: the copy fails and web2 stays where it was.
    const cut = moveStep('at: 150s, duration: 1m');
    expect(cut).toEqual({
      endedAt: 150,
      outcome:
        'refused: copy of web2 to new-sov failed: the site link HEX–SOV went down during the copy; it stays on old-hex',
    });
  });

  it('validates with anything crossing the link, and refuses an unknown link', () => {
    expect(
      issuesOf('faults:\n  - { kind: link-down, target: hex-sov, at: 1m, duration: 1m }', {
        estate: 'raspberrypi-2017-after',
      }),
    ).toEqual([]);
    expect(
      issuesOf('faults:\n  - { kind: link-down, target: hex-lon, at: 1m, duration: 1m }', REPLICA_IN_SOV)[0],
    ).toMatchObject({
      path: 'faults[0].target',
      found: 'unknown site link "hex-lon"',
    });
  });
});
