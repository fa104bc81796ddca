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

  it('is refused where requests, moves or seeding would cross the link, which the model does not hold', () => {
    const afterTheMove = issuesOf('faults:\n  - { kind: link-down, target: hex-sov, at: 1m, duration: 1m }', {
      estate: 'raspberrypi-2017-after',
    });
    expect(afterTheMove.map((issue) => issue.path)).toEqual(['faults[0].target']);
    expect(afterTheMove[0]?.found).toMatch(
      /^"hex-sov", a link that carries more than replication: CDN node mini1 routes to web1/,
    );

    const move = issuesOf(
      `faults:\n  - { kind: link-down, target: hex-sov, at: 1m, duration: 1m }
plan:\n  - { name: Move web2, action: move-vm, vm: web2, to: new-sov, at: 2m }`,
      REPLICA_IN_SOV,
    );
    expect(move[0]?.found).toContain('step "Move web2" moves web2 to new-sov');

    expect(
      issuesOf('faults:\n  - { kind: link-down, target: hex-lon, at: 1m, duration: 1m }', REPLICA_IN_SOV)[0],
    ).toMatchObject({
      path: 'faults[0].target',
      found: 'unknown site link "hex-lon"',
    });
    expect(
      issuesOf(
        `faults:\n  - { kind: link-down, target: hex-sov, at: 1m, duration: 1m }\n${CATCH_UP}`,
        REPLICA_IN_SOV,
      ),
    ).toEqual([]);
  });
});
