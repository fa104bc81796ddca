import { describe, expect, it } from 'vitest';
import { addWebVm, buildEstate } from './support/estate.ts';
import type { TestEstate } from './support/estate.ts';
import { Vm } from '../../src/model/vm.ts';

const WRITE_EVERY_MS = 100;

/** Writes committed straight to the cluster every 100 ms from 0 until `untilMs`; returns their times. */
function writeSteadily(estate: TestEstate, untilMs: number): number[] {
  const acknowledgedAtMs: number[] = [];
  for (let atMs = 0; atMs < untilMs; atMs += WRITE_EVERY_MS) {
    estate.kernel.scheduleCallback(atMs, () => {
      if (estate.db.commitWrite(1000)) acknowledgedAtMs.push(estate.kernel.nowMs);
    });
  }
  return acknowledgedAtMs;
}

function addSovReplica(estate: TestEstate, extraDelayMs = 0): Vm {
  const vm = new Vm(estate.context, estate.network, estate.sov, {
    id: 'db2-vm',
    cores: 8,
    ramBytes: 16 * 2 ** 30,
    bootMs: 0,
  });
  vm.start();
  estate.db.addReplica({ id: 'db2', location: () => vm.location(), extraReplicationDelayMs: extraDelayMs });
  return vm;
}

describe('MySQL failover (000_077f2af078f4f79b.txt: "only a very brief interruption to service (<5s)")', () => {
  it('a planned failover to a caught-up replica interrupts writes for under 5 s and loses no acknowledged write', () => {
    const estate = buildEstate();
    addWebVm(estate, { id: 'web1' });
    addSovReplica(estate);
    estate.engine.addOpenLoad({ ratePerSecond: 20, mix: { comment: 1, page: 4 } });
    estate.kernel.scheduleCallback(120_000, () => estate.db.plannedFailover('db2'));
    estate.kernel.run({ untilMs: 180_000 });
    const outages = estate.db.writeOutages();
    // Two outages: the seed lock when the replica was added, and the failover.
    const failover = outages[outages.length - 1];
    expect(failover).toBeDefined();
    const interruptionMs = (failover?.toMs ?? Infinity) - (failover?.fromMs ?? 0);
    console.log(
      `planned failover: writes interrupted ${interruptionMs} ms; seed lock ${(outages[0]?.toMs ?? 0) - (outages[0]?.fromMs ?? 0)} ms`,
    );
    expect(interruptionMs).toBeGreaterThan(0);
    expect(interruptionMs).toBeLessThan(5_000);
    const report = estate.engine.report();
    expect(report.writes.acknowledgedWrites).toBeGreaterThan(500);
    expect(report.writes.lostWrites).toBe(0);
    expect(report.writes.splitBrain).toBe(false);
    expect(report.failuresByReason['dbReadOnly'] ?? 0).toBeGreaterThan(0);
    expect(estate.db.primary).toBe('db2');
  });

  it('the same failover with the replica 10 s behind loses exactly the writes it had not received', () => {
    const estate = buildEstate();
    addSovReplica(estate, 10_000);
    const times = writeSteadily(estate, 120_000);
    estate.kernel.scheduleCallback(60_000, () => estate.db.plannedFailover('db2'));
    estate.kernel.run({ untilMs: 120_000 });
    const promotedAtMs = 60_000 + estate.db.params.promoteMs;
    const oneWayMs = estate.network.rttMs(estate.dbVm.location(), estate.sov.location()) / 2;
    const receivedByMs = (atMs: number): number => atMs + oneWayMs + estate.db.params.applyMs + 10_000;
    // Writes up to the failover (the one at 60 s was queued before it) that would only have reached the replica after its promotion.
    const expectedLost = times.filter((atMs) => atMs <= 60_000 && receivedByMs(atMs) > promotedAtMs).length;
    const writes = estate.db.writes();
    console.log(`behind: lost ${writes.lostWrites}, expected ${expectedLost}`);
    expect(expectedLost).toBeGreaterThan(50);
    expect(writes.lostWrites).toBe(expectedLost);
  });
});

describe('MySQL crash failover and replication lag', () => {
  it('a crash failover with a lagging replica counts its lost writes, and a restarted old primary is split brain', () => {
    const estate = buildEstate();
    addSovReplica(estate, 4_000);
    const times = writeSteadily(estate, 120_000);
    estate.kernel.scheduleCallback(60_000, () => {
      estate.db.crash('db1');
      estate.db.promote('db2');
    });
    estate.kernel.scheduleCallback(90_000, () => estate.db.restart('db1', 'primary'));
    estate.kernel.run({ untilMs: 120_000 });
    const promotedAtMs = 60_000 + estate.db.params.promoteMs;
    const oneWayMs = estate.network.rttMs(estate.dbVm.location(), estate.sov.location()) / 2;
    const expectedLost = times.filter(
      (atMs) => atMs <= 60_000 && atMs + oneWayMs + estate.db.params.applyMs + 4_000 > promotedAtMs,
    ).length;
    const writes = estate.db.writes();
    console.log(`crash: lost ${writes.lostWrites} of ${writes.acknowledgedWrites} acknowledged`);
    expect(writes.lostWrites).toBe(expectedLost);
    expect(writes.lostWrites).toBeGreaterThan(0);
    expect(writes.splitBrain).toBe(true);
    expect(estate.db.serverState('db1')).toBe('primary.writable');
  });

  it('a demoted primary rejoins as a replica and catches up; adding a replica briefly locks writes', () => {
    const estate = buildEstate();
    addSovReplica(estate);
    writeSteadily(estate, 200_000);
    estate.kernel.scheduleCallback(60_000, () => estate.db.plannedFailover('db2'));
    estate.kernel.scheduleCallback(70_000, () => estate.db.reconfigureAsReplica('db1'));
    estate.kernel.scheduleCallback(100_000, () => estate.db.crash('db1'));
    estate.kernel.scheduleCallback(110_000, () => estate.db.restart('db1', 'replica'));
    estate.kernel.run({ untilMs: 200_000 });
    expect(estate.db.serverState('db1')).toBe('replicating');
    expect(estate.db.writesBehind('db1')).toBe(0);
    expect(estate.db.writes().lostWrites).toBe(0);
    const seedLock = estate.db.writeOutages()[0];
    expect((seedLock?.toMs ?? 0) - (seedLock?.fromMs ?? 0)).toBe(estate.db.params.seedLockMs);
  });

  it('replication lag follows write rate and link: steady below the link, growing without bound past it', () => {
    // 1 MB row changes cross the 1 Gbps HEX–SOV link in 8 ms each (test/model/support/estate.ts).
    const lagAfter = (writesPerSecond: number, seconds: number): number => {
      const estate = buildEstate();
      addSovReplica(estate);
      const startMs = 60_000; // after the replica is seeded
      const everyMs = 1000 / writesPerSecond;
      let lagMs = Number.NaN;
      // The lag is read just after each commit: how long until the replica has that write.
      for (let atMs = startMs; atMs < startMs + seconds * 1000; atMs += everyMs)
        estate.kernel.scheduleCallbackAt(atMs, () => {
          estate.db.commitWrite(1e6);
          lagMs = estate.db.replicationLagMs('db2');
        });
      estate.kernel.run({ untilMs: startMs + seconds * 1000 });
      return lagMs;
    };
    // Below the link: latency, 8 ms on the wire and the apply, whatever the rate.
    for (const writesPerSecond of [10, 50]) {
      expect(lagAfter(writesPerSecond, 10)).toBeGreaterThan(8);
      expect(lagAfter(writesPerSecond, 10)).toBeLessThan(12);
    }
    // 200 writes/s of 8 ms each ask 1.6 s of link per second: the lag grows by 0.6 s a second.
    const afterFive = lagAfter(200, 5);
    const afterTen = lagAfter(200, 10);
    expect(afterFive).toBeGreaterThan(2_500);
    expect(afterTen).toBeGreaterThan(afterFive + 2_500);
  });

  it('a replica that was down is behind by the writes it missed, and catches up at its apply rate', () => {
    const estate = buildEstate();
    addSovReplica(estate);
    writeSteadily(estate, 600_000);
    // Down for 2 minutes (1,200 writes at one per 100 ms), then back as a replica.
    estate.kernel.scheduleCallback(120_000, () => estate.db.crash('db2'));
    estate.kernel.scheduleCallback(240_000, () => estate.db.restart('db2', 'replica'));
    const behindAt = (afterMs: number): number => {
      let behind = -1;
      estate.kernel.scheduleCallbackAt(240_000 + afterMs, () => (behind = estate.db.writesBehind('db2')));
      estate.kernel.run({ untilMs: 240_000 + afterMs });
      return behind;
    };
    const atRestart = behindAt(0);
    expect(atRestart).toBeGreaterThanOrEqual(1_200);
    // MYSQL_CLUSTER_DEFAULTS.applyMs = 0.2: about 500 of them are applied in the first 100 ms.
    const after100Ms = behindAt(100);
    expect(after100Ms).toBeGreaterThan(0);
    expect(after100Ms).toBeLessThan(atRestart - 400);
    // Caught up: at most the one new write still on its way across the site link.
    expect(behindAt(1_000)).toBeLessThanOrEqual(1);
    expect(estate.db.replicationLagMs('db2')).toBeLessThan(10);
  });

  it("reads each server's role from its state tags, and refuses what its machine would ignore", () => {
    const estate = buildEstate();
    addSovReplica(estate);
    estate.kernel.run({ untilMs: 1 });
    const primaryId = estate.db.primary;
    // Seeding the new replica takes a read lock on the primary: readable, not writable.
    expect([...estate.db.serverTags(primaryId)].sort()).toEqual(['primary', 'readable', 'serving']);
    expect(estate.db.isWritable()).toBe(false);
    expect(estate.db.serverTags('db2').has('receivesWrites')).toBe(true);
    expect(() => estate.db.reconfigureAsReplica('db2')).toThrow(/cannot make db2 a replica, it is seeding/);
    estate.kernel.run({ untilMs: 3_600_000 });
    expect(estate.db.serverTags('db2').has('replica')).toBe(true);
    expect(estate.db.serverTags(primaryId).has('writable')).toBe(true);
    estate.db.crash(primaryId);
    expect(estate.db.serverTags(primaryId).has('down')).toBe(true);
    expect(estate.db.isReadable()).toBe(false);
    expect(() => estate.db.promote(primaryId)).toThrow(/cannot promote .*, it is stopped/);
    estate.db.promote('db2');
    estate.kernel.run({ untilMs: 3_700_000 });
    expect(estate.db.primary).toBe('db2');
    expect(estate.db.isWritable()).toBe(true);
  });
});
