import { describe, expect, it } from 'vitest';
import { PI_3 } from '../../../src/model/cpuClasses.ts';
import { checkEngineInvariants } from '../../../src/model/requests/invariants.ts';
import { IN_SERVICE, QUEUED, SlotTable } from '../../../src/model/requests/slotTable.ts';
import { WorkerPool } from '../../../src/model/requests/workerPool.ts';
import { addFixedServer, addWebVm, buildEstate, FixedHost } from '../support/estate.ts';

/** Two requests on a 2-worker server: one in service, one queued; one outcome of three issued. */
function consistentState() {
  const slots = new SlotTable(8);
  const pool = new WorkerPool(
    'web1',
    () => 2,
    10,
    0,
    () => undefined,
  );
  const served = slots.allocate(1, 0, -1, 0);
  slots.server[served] = 0;
  slots.uncached[served] = 1;
  slots.phase[served] = IN_SERVICE;
  pool.reserve();
  pool.occupy(0);
  const waiting = slots.allocate(1, 0, -1, 0);
  slots.server[waiting] = 0;
  slots.uncached[waiting] = 1;
  slots.phase[waiting] = QUEUED;
  pool.queue.push(waiting);
  return { slots, pool, pools: [{ pool, workers: 2 }], issued: 3, outcomes: 1 };
}

describe('the engine’s costly invariants', () => {
  it('hold for a consistent state, and each broken one is named', () => {
    const state = consistentState();
    checkEngineInvariants(state);
    expect(() => checkEngineInvariants({ ...state, outcomes: 2 })).toThrow(
      /2 outcomes but 3 issued − 2 in flight/,
    );
    expect(() => checkEngineInvariants({ ...state, pools: [{ pool: state.pool, workers: 0 }] })).toThrow(
      /outside 0..0 workers/,
    );
    state.pool.busy++;
    expect(() => checkEngineInvariants(state)).toThrow(/2 busy but 1 requests are in service/);
    state.pool.busy--;
    state.pool.queue.push(5);
    expect(() => checkEngineInvariants(state)).toThrow(/2 queued but 1 requests are QUEUED/);
  });

  it('count a cached hit at its server’s Apache station, not at its PHP one', () => {
    const state = consistentState();
    const apache = new WorkerPool(
      'web1.apache',
      () => 1,
      10,
      0,
      () => undefined,
    );
    const hit = state.slots.allocate(1, 0, -1, 0);
    state.slots.server[hit] = 0;
    state.slots.phase[hit] = IN_SERVICE; // uncached stays 0: a cached hit
    const pools = [
      { pool: state.pool, workers: 2 },
      { pool: apache, workers: 1 },
    ];
    expect(() => checkEngineInvariants({ ...state, pools, issued: 4 })).toThrow(
      /web1\.apache: 0 busy but 1 requests are in service/,
    );
    apache.reserve();
    apache.occupy(0);
    checkEngineInvariants({ ...state, pools, issued: 4 });
  });

  it('hold through load, timeouts, a host going down and back, and refusals, checked as the run goes', () => {
    const estate = buildEstate({
      engine: { checkInvariants: true, userTimeoutMs: 3_000, requestsInFlightMax: 400 },
    });
    const pi = new FixedHost('pi', PI_3, undefined);
    addFixedServer(estate, pi, estate.dbVm.location());
    addWebVm(estate, { id: 'web1', cores: 2 });
    // Far more than two small servers serve: queues fill, users time out, slots run out.
    estate.engine.setCrowd({
      users: 600,
      thinkTimeMs: 500,
      mix: { uncachedPage: 5, comment: 1, staticAsset: 2 },
    });
    estate.engine.addOpenLoad({ ratePerSecond: 50, mix: { page: 1, admin: 1 } });
    estate.kernel.run({ untilMs: 20_000 });
    pi.setAccepting(false);
    estate.kernel.run({ untilMs: 40_000 });
    pi.setAccepting(true);
    estate.kernel.run({ untilMs: 60_000 });
    const report = estate.engine.report();
    expect(report.services.www.timedOut).toBeGreaterThan(0);
    expect(report.failuresByReason['hostDown']).toBeGreaterThan(0);
    expect(report.failuresByReason['inFlightMax']).toBeGreaterThan(0);
    estate.engine.checkInvariants();
  });
});
