import { describe, expect, it } from 'vitest';
import { vmMachine } from '../../src/model/vm.ts';
import { vmHostMachine } from '../../src/model/vmHost.ts';
import { webServerMachine } from '../../src/model/webServer.ts';
import { cdnNodeMachine } from '../../src/model/cdnNode.ts';
import { mysqlServerMachine } from '../../src/model/mysqlServer.ts';
import { MachineCoverage } from '../support/machineCoverage.ts';
import { addWebVm, buildEstate } from './support/estate.ts';
import type { TestEstate } from './support/estate.ts';

type Step = (estate: TestEstate) => void;

/**
 * Runs operator actions 400 s apart (longer than any move or boot) on a fresh estate and returns
 * a coverage of the parts it built.
 */
function runScript(build: (estate: TestEstate) => Step[]): MachineCoverage {
  const estate = buildEstate();
  const coverage = new MachineCoverage();
  coverage.track(estate.context);
  estate.engine.addOpenLoad({ ratePerSecond: 5, mix: { loggedInPage: 1, comment: 1 } });
  const steps = build(estate);
  let atMs = 1;
  for (const step of steps) {
    estate.kernel.scheduleCallback(atMs, () => step(estate));
    atMs += 400_000;
  }
  estate.kernel.run({ untilMs: atMs + 1_000_000 });
  return coverage;
}

const NONE_MISSING = { states: [], transitions: [] };

describe('every machine state and transition is reached', () => {
  it('VM and VM host', () => {
    const coverage = runScript((e) => {
      const { vm } = addWebVm(e, { id: 'v', bootMs: 10_000 });
      const after =
        (delayMs: number, step: Step): Step =>
        (x) =>
          x.kernel.scheduleCallback(delayMs, () => step(x));
      return [
        after(5_000, () => vm.shutdown('hard')), // booting -> stopped
        () => vm.start(),
        () => vm.shutdown('graceful'), // running -> shuttingDown -> stopped
        () => vm.start(),
        () => {
          vm.shutdown('graceful');
          vm.shutdown('hard'); // shuttingDown -> stopped
        },
        () => vm.start(),
        () => vm.scale({ coresFactor: 1, ramFactor: 1 }), // running -> scaling -> running
        () => {
          vm.scale({ coresFactor: 1, ramFactor: 1 });
          vm.shutdown('hard'); // scaling -> stopped
        },
        () => vm.move(e.sov), // stopped -> moving -> stopped
        () => vm.start(),
        () => vm.migrateLive(e.hex), // preCopy -> stopAndCopy -> running
        () => {
          vm.migrateLive(e.sov);
          vm.shutdown('hard'); // preCopy -> stopped
        },
        () => vm.start(),
        (x) => {
          const result = vm.migrateLive(e.sov);
          if (result.converged) x.kernel.scheduleCallback(result.preCopyMs + 1, () => vm.shutdown('hard')); // stopAndCopy -> stopped
        },
        () => vm.start(),
        () => vm.migrateLive(e.sov, { dirtyBytesPerSecond: 1e12 }), // preCopy -> running (gives up)
        () => undefined, // it tries for six rounds' worth of copying (~7 min) before giving up
        () => {
          vm.migrateLive(e.sov);
          e.sov.powerOff(); // the destination goes: migrating -> running, still on hex
        },
        () => e.sov.powerOn(),
        () => vm.shutdown('graceful'),
        () => {
          vm.move(e.sov);
          e.sov.powerOff(); // the destination goes: moving -> stopped, still on hex
        },
        () => e.sov.powerOn(),
        () => vm.start(),
        () => e.hex.reboot(), // host up -> rebooting -> up; VM running -> stopped -> booting
        () => e.hex.powerOff(), // host up -> off
        () => e.hex.powerOn(), // off -> rebooting
        (x) => {
          x.hex.reboot();
          x.hex.powerOff(); // rebooting -> off
        },
      ];
    });
    expect(coverage.missing(vmMachine, 'vm')).toEqual(NONE_MISSING);
    expect(coverage.missing(vmHostMachine, 'vmHost')).toEqual(NONE_MISSING);
  });

  it('MySQL server', () => {
    const coverage = runScript(() => {
      const replicaAt = { siteId: 'SOV', segmentId: 'sov-host' };
      const add =
        (id: string): Step =>
        (x) =>
          x.db.addReplica({ id, location: () => replicaAt });
      return [
        add('r1'), // primary.writable -> locked -> writable; r1 seeding -> replicating
        (x) => x.db.plannedFailover('r1'), // db1 primary -> demoted; r1 replicating -> promoting -> primary
        (x) => x.db.reconfigureAsReplica('db1'), // demoted -> replicating
        (x) => x.db.crash('db1'), // replicating -> stopped
        (x) => x.db.restart('db1', 'replica'), // stopped -> replicating
        (x) => {
          x.db.promote('db1');
          x.db.crash('db1'); // promoting -> stopped
        },
        (x) => x.db.restart('db1', 'primary'), // stopped -> primary (split brain)
        (x) => x.db.crash('db1'), // primary.writable -> stopped
        add('r2'),
        (x) => {
          add('r3')(x);
          x.db.crash('r3'); // seeding -> stopped
        },
        (x) => {
          x.db.plannedFailover('r2');
          x.db.crash('r1'); // demoted -> stopped
        },
        add('r4'),
        (x) => {
          add('r5')(x);
          x.db.crash('r2'); // primary.locked -> stopped
        },
        (x) => x.db.restart('r2', 'primary'),
        (x) => {
          add('r6')(x);
          x.db.plannedFailover('r4'); // primary.locked -> demoted
        },
      ];
    });
    expect(coverage.missing(mysqlServerMachine, 'mysql')).toEqual(NONE_MISSING);
  });

  it('web server and CDN node', () => {
    const coverage = runScript((e) => {
      const { vm, server } = addWebVm(e, { id: 'w', bootMs: 1_000 });
      // Polls once a second (at most 400 times) for the primary's file sync, then stops the VM.
      const stopWhileSyncing = (x: TestEstate, checksLeft: number): void => {
        if (server.state === 'up.syncing') return vm.shutdown('hard'); // up.syncing -> down
        if (checksLeft > 0) x.kernel.scheduleCallback(1_000, () => stopWhileSyncing(x, checksLeft - 1));
      };
      return [
        () => undefined, // the primary syncs files every 5 min: up.idle -> up.syncing -> up.idle
        (x) => stopWhileSyncing(x, 400),
        () => vm.start(), // down -> up.idle
        () => vm.shutdown('hard'), // up.idle -> down
        () => e.cdn.fail(),
        () => e.cdn.recover(),
      ];
    });
    expect(coverage.missing(webServerMachine, 'webServer')).toEqual(NONE_MISSING);
    expect(coverage.missing(cdnNodeMachine, 'cdnNode')).toEqual(NONE_MISSING);
  });
});
