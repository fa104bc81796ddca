import { describe, expect, it } from 'vitest';
import { DatabaseStation } from '../../../src/model/requests/databaseStation.ts';
import type { DatabaseStationParams } from '../../../src/model/requests/databaseStation.ts';
import type { RequestEngineParams } from '../../../src/model/requests/engine.ts';
import { addWebVm, buildEstate, okPerSecond } from '../support/estate.ts';

const RUN_SECONDS = 120;

/**
 * Two 24-core web VMs next to the DB behind the CDN, MySQL reached through the queueing station,
 * and `pagesPerSecond` of pages of which `uncachedShare` miss the cache (the rest are static assets
 * the CDN serves, which never reach the DB).
 */
function run(options: {
  pagesPerSecond: number;
  uncachedShare: number;
  station?: Partial<DatabaseStationParams>;
  engine?: Partial<RequestEngineParams>;
}) {
  const estate = buildEstate({ engine: { serviceJitter: 0, checkInvariants: true, ...options.engine } });
  const station = new DatabaseStation(estate.context, estate.db, estate.network, options.station);
  estate.engine.setDataTier(station);
  addWebVm(estate, { id: 'web1' });
  addWebVm(estate, { id: 'web2', role: 'secondary' });
  estate.engine.addOpenLoad({
    ratePerSecond: options.pagesPerSecond,
    mix: { uncachedPage: options.uncachedShare, staticAsset: 1 - options.uncachedShare },
  });
  estate.kernel.run({ untilMs: RUN_SECONDS * 1_000 });
  estate.engine.flushUtilisation();
  estate.db.flushUtilisation();
  const peak = (id: string): number => estate.context.parts.get(id)?.utilisationPeak ?? 0;
  return {
    db: peak('db1'),
    web: Math.max(peak('web1-www'), peak('web2-www')),
    okPerSecond: okPerSecond(estate.engine, 10, RUN_SECONDS - 30),
    report: estate.engine.report(),
    station,
  };
}

describe('MySQL as a queueing station', () => {
  it('its utilisation rises with the uncached share, in proportion', () => {
    const [low, high] = [0.1, 0.5].map((uncachedShare) => run({ pagesPerSecond: 100, uncachedShare }));
    expect(low!.db).toBeGreaterThan(0);
    // Five times the uncached pages, about five times the threads' busy time.
    expect(high!.db / low!.db).toBeGreaterThan(4);
    expect(high!.db / low!.db).toBeLessThan(6);
  });

  it('becomes the bottleneck before the web VMs when its query time grows', () => {
    const load = { pagesPerSecond: 80, uncachedShare: 1 };
    const light = run(load);
    const heavy = run({ ...load, station: { readQueryMs: 4 } });
    // Light queries: the DB is far from full and the web VMs serve what is offered.
    expect(light.db).toBeLessThan(0.2);
    expect(light.okPerSecond).toBeGreaterThan(75);
    // Twenty times the query time: the DB's threads are full, pages are lost, the web VMs are not.
    expect(heavy.db).toBeGreaterThan(0.95);
    expect(heavy.web).toBeLessThan(heavy.db);
    expect(heavy.okPerSecond).toBeLessThan(load.pagesPerSecond * 0.7);
  });

  it('becomes the bottleneck before the web VMs when pages make more queries', () => {
    const load = { pagesPerSecond: 80, uncachedShare: 1 };
    const many = run({ ...load, engine: { queriesPerUncachedPage: 800 } });
    expect(many.db).toBeGreaterThan(0.95);
    expect(many.web).toBeLessThan(many.db);
    expect(many.okPerSecond).toBeLessThan(load.pagesPerSecond * 0.7);
  });

  it('refuses connections past its limit, and only then', () => {
    const refusedAt = (connectionsMax: number) => {
      const estate = buildEstate({ engine: { serviceJitter: 0, checkInvariants: true } });
      const station = new DatabaseStation(estate.context, estate.db, estate.network, { connectionsMax });
      estate.engine.setDataTier(station);
      addWebVm(estate, { id: 'web1' });
      // Ten pages at once on a 24-worker VM: ten connections wanted at the same time.
      for (let i = 0; i < 10; i++) estate.engine.submit('uncachedPage');
      estate.kernel.run({ untilMs: 10_000 });
      const report = estate.engine.report();
      return { refused: report.failuresByReason['dbTooManyConnections'] ?? 0, ok: report.services.www.ok };
    };
    expect(refusedAt(4)).toEqual({ refused: 6, ok: 4 });
    expect(refusedAt(10)).toEqual({ refused: 0, ok: 10 });
  });

  it('queues queries behind busy threads: one thread makes simultaneous pages wait for each other', () => {
    const latency = (threads: number) => {
      const estate = buildEstate({ engine: { serviceJitter: 0 } });
      estate.engine.setDataTier(
        new DatabaseStation(estate.context, estate.db, estate.network, { threads, readQueryMs: 5 }),
      );
      addWebVm(estate, { id: 'web1' });
      for (let i = 0; i < 8; i++) estate.engine.submit('uncachedPage');
      estate.kernel.run({ untilMs: 20_000 });
      return estate.engine.report().services.www.latencyMs.p99;
    };
    // 8 pages × 40 queries × 5 ms: on 8 threads each page has one; on 1 they take turns.
    const spread = latency(8);
    const single = latency(1);
    expect(single - spread).toBeGreaterThan(8 * 40 * 5 * 0.7);
  });
});
