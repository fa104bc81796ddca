import { describe, expect, it } from 'vitest';
import { issuesOf } from './support.ts';

const PI_CLUSTER = { estate: 'raspberrypi-2016-pi-cluster' };

describe('faults refused at validation when they would mean nothing', () => {
  it('refuses replication-delay on a web server and on a primary no failover demotes', () => {
    const onWeb = issuesOf('faults:\n  - { kind: replication-delay, target: web1, delay: 30s, at: 1m }');
    expect(onWeb).toHaveLength(1);
    expect(onWeb[0]).toMatchObject({ path: 'faults[0].target', expected: 'one of db1' });
    expect(onWeb[0]?.found).toMatch(/web1.*runs no MySQL replica/);

    const onPrimary = issuesOf('faults:\n  - { kind: replication-delay, target: db2, delay: 30s, at: 1m }');
    expect(onPrimary.map((issue) => issue.found)).toEqual([
      '"db2", the MySQL primary, which no failover in the plan demotes',
    ]);
    // A failover may make the former primary a replica: then the fault can mean something.
    expect(
      issuesOf(`
faults:
  - { kind: replication-delay, target: db2, delay: 30s, at: 5m }
plan:
  - { name: Fail over, action: failover, to: db1, mode: planned, at: 1m }
`),
    ).toEqual([]);
    expect(issuesOf('faults:\n  - { kind: replication-delay, target: db1, delay: 30s, at: 1m }')).toEqual([]);
  });

  it('refuses a netboot-stall on a Pi that cannot be power-cycled from its switch', () => {
    const stall = 'faults:\n  - { kind: netboot-stall, target: pi1, duration: 5m, at: 1m }';
    expect(issuesOf(stall, PI_CLUSTER)).toEqual([]);
    const noPoe = issuesOf(stall, {
      ...PI_CLUSTER,
      estateOverrides: "  switches:\n    pi-switch:\n      ports:\n        '1': { poe: false }",
    });
    expect(noPoe.map((issue) => [issue.path, issue.found])).toEqual([
      ['faults[0].target', '"pi1", a Pi whose port 1 on pi-switch has no poe: true'],
    ]);
  });

  it('refuses each new fault on a part of another kind, naming the parts it could have been', () => {
    const cases: Array<[string, string]> = [
      ['cdn-node-failure', 'CDN node'],
      ['switch-power-failure', 'switch'],
      ['nfs-server-crash', 'NFS server'],
    ];
    for (const [kind, what] of cases) {
      const issues = issuesOf(`faults:\n  - { kind: ${kind}, target: pi1, at: 1m }`, PI_CLUSTER);
      expect(issues.map((issue) => [issue.path, issue.found])).toEqual([
        ['faults[0].target', `unknown ${what} "pi1"`],
      ]);
    }
    expect(issuesOf('faults:\n  - { kind: cdn-node-failure, target: mini1, at: 1m }', PI_CLUSTER)).toEqual(
      [],
    );
  });

  it('refuses a switch-power-failure on a switch with a Pi the model would leave serving', () => {
    const cut = 'faults:\n  - { kind: switch-power-failure, target: pi-switch, at: 1m, duration: 1m }';
    expect(issuesOf(cut, PI_CLUSTER)).toEqual([]);
    const ownSupply = issuesOf(cut, {
      ...PI_CLUSTER,
      estateOverrides: "  switches:\n    pi-switch:\n      ports:\n        '3': { poe: false }",
    });
    expect(ownSupply.map((issue) => [issue.path, issue.found])).toEqual([
      ['faults[0].target', '"pi-switch", a switch with Pis not powered over Ethernet (pi3)'],
    ]);
  });

  it('refuses a random fault whose rate the run could not hold, and accepts one it can', () => {
    const tooOften = issuesOf('faults:\n  - { kind: vm-crash, target: web1, rate: 1000/s }');
    expect(tooOften.map((issue) => issue.path)).toEqual(['faults[0].rate']);
    expect(tooOften[0]?.found).toBe('a rate expecting 600000 occurrences in the run');
    expect(issuesOf('faults:\n  - { kind: vm-crash, target: web1, rate: 1/min }')).toEqual([]);
  });
});
