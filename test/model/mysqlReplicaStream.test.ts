import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplicaStream } from '../../src/model/mysqlReplicaStream.ts';
import { Vm } from '../../src/model/vm.ts';
import type { MysqlCluster } from '../../src/model/mysqlCluster.ts';
import { checkProperty } from '../support/property.ts';
import { buildEstate } from './support/estate.ts';
import type { TestEstate } from './support/estate.ts';

describe('ReplicaStream: applied ≤ shipped ≤ committed', () => {
  it('refuses a write shipped beyond what the primary committed (a deliberately broken call)', () => {
    const stream = new ReplicaStream('db2', 100);
    stream.receive(10, 1);
    stream.receive(20, 2);
    // The caller forgot to advance the history before shipping the third write.
    expect(() => stream.receive(30, 2)).toThrow(/db2 has applied 0, shipped 3, committed 2/);
  });

  it('refuses a history shortened below what a server was shipped', () => {
    const stream = new ReplicaStream('db3', 100);
    for (let write = 1; write <= 5; write++) stream.receive(write * 10, write);
    stream.drain(25);
    expect(stream.appliedSeq).toBe(2);
    expect(() => stream.assertOrder(5)).not.toThrow();
    expect(() => stream.assertOrder(4)).toThrow(/applied 2, shipped 5, committed 4/);
  });
});

const SERVERS = ['db1', 'db2', 'db3'] as const;
const RUN_MS = 1_800_000;

/** One thing done to the cluster at some time: a replication-delay fault, a crash, a failover… */
type Operation =
  | { kind: 'delay'; server: number; extraMs: number }
  | {
      kind: 'crash' | 'promote' | 'planned' | 'restartReplica' | 'restartPrimary' | 'reconfigure';
      server: number;
    };

const operation: fc.Arbitrary<{ atMs: number; op: Operation }> = fc.record({
  atMs: fc.integer({ min: 1, max: RUN_MS - 1 }),
  op: fc.oneof(
    fc.record({
      kind: fc.constant('delay' as const),
      server: fc.integer({ min: 0, max: 2 }),
      extraMs: fc.integer({ min: 0, max: 60_000 }),
    }),
    fc.record({
      kind: fc.constantFrom(
        'crash' as const,
        'promote' as const,
        'planned' as const,
        'restartReplica' as const,
        'restartPrimary' as const,
        'reconfigure' as const,
      ),
      server: fc.integer({ min: 0, max: 2 }),
    }),
  ),
});

/** Applies an operation when the server's state allows it (a refused one is simply skipped). */
function apply(db: MysqlCluster, op: Operation): void {
  const id = SERVERS[op.server] as string;
  const state = db.serverState(id);
  if (op.kind === 'delay') db.setReplicationDelay(id, op.extraMs);
  else if (op.kind === 'crash' && state !== 'stopped') db.crash(id);
  else if (op.kind === 'promote' && state === 'replicating') db.promote(id);
  else if (op.kind === 'planned' && state === 'replicating') db.plannedFailover(id);
  else if (op.kind === 'restartReplica' && state === 'stopped') db.restart(id, 'replica');
  else if (op.kind === 'restartPrimary' && state === 'stopped') db.restart(id, 'primary');
  else if (op.kind === 'reconfigure' && state === 'demoted') db.reconfigureAsReplica(id);
}

/** A primary in HEX and two caught-up replicas (one per site), written to every 50 ms. */
function replicatedEstate(): TestEstate {
  const estate = buildEstate();
  for (const [id, host] of [
    ['db2', estate.sov],
    ['db3', estate.hex],
  ] as const) {
    const vm = new Vm(estate.context, estate.network, host, {
      id: `${id}-vm`,
      cores: 8,
      ramBytes: 16 * 2 ** 30,
      bootMs: 0,
    });
    vm.start();
    estate.db.attachReplica({ id, location: () => vm.location() });
  }
  for (let atMs = 0; atMs < RUN_MS; atMs += 50)
    estate.kernel.scheduleCallback(atMs, () => estate.db.commitWrite(1_000));
  return estate;
}

describe('MySQL keeps applied ≤ shipped ≤ committed on every server', () => {
  it('when a failover shortens the history below what a stopped replica was shipped', () => {
    // db2 lags 60 s behind; db3 stops with writes on their way; the primary crashes and db2, the
    // lagging one, is promoted: the history becomes shorter than what db3 had been shipped.
    const estate = replicatedEstate();
    estate.db.setReplicationDelay('db2', 60_000);
    estate.db.setReplicationDelay('db3', 30_000);
    estate.kernel.scheduleCallback(300_000, () => estate.db.crash('db3'));
    estate.kernel.scheduleCallback(301_000, () => estate.db.crash('db1'));
    estate.kernel.scheduleCallback(302_000, () => estate.db.promote('db2'));
    estate.kernel.scheduleCallback(400_000, () => {
      estate.db.setReplicationDelay('db3', 0);
      estate.db.restart('db3', 'replica');
    });
    estate.kernel.run({ untilMs: 600_000 });
    estate.db.assertReplicationOrder();
    expect(estate.db.primary).toBe('db2');
    expect(estate.db.writes().lostWrites).toBeGreaterThan(0);
    // Rejoined, it fetched what it lacked and follows the new primary (at most the write of this
    // very instant still on its way).
    expect(estate.db.writesBehind('db3')).toBeLessThanOrEqual(1);
  });

  it('through half an hour of replication-delay faults, crashes, failovers and restarts', () => {
    let failovers = 0;
    checkProperty(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 40 }), (operations) => {
        const estate = replicatedEstate();
        for (const { atMs, op } of operations)
          estate.kernel.scheduleCallback(atMs, () => {
            apply(estate.db, op);
            estate.db.assertReplicationOrder();
          });
        estate.kernel.run({ untilMs: RUN_MS });
        estate.db.assertReplicationOrder();
        failovers += estate.kernel.trace.lines().filter((line) => line.includes('"event":"promoted"')).length;
        const writes = estate.db.writes();
        expect(writes.lostWrites).toBeLessThanOrEqual(writes.acknowledgedWrites);
      }),
      40,
    );
    // The schedules did reach the failover sequence, not only the delays.
    expect(failovers).toBeGreaterThan(10);
  });
});
