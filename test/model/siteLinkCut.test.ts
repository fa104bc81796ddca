import { describe, expect, it } from 'vitest';
import { Network } from '../../src/model/network.ts';
import { Vm } from '../../src/model/vm.ts';
import { addWebVm, buildEstate } from './support/estate.ts';

function twoSites(): Network {
  const network = new Network();
  network.addSite({ id: 'HEX', addressPrefix: 'a::' });
  network.addSite({ id: 'SOV', addressPrefix: 'b::' });
  network.linkSites({ siteA: 'HEX', siteB: 'SOV' });
  network.addSegment({ id: 'hex', siteId: 'HEX' });
  network.addSegment({ id: 'sov', siteId: 'SOV' });
  return network;
}

describe('Network: a site link that is down cuts traffic between the sites, and only then', () => {
  it('is cut across the sites while held, never within one site, and tells its listeners', () => {
    const network = twoSites();
    let told = 0;
    network.onSiteLinkDown(() => told++);
    const hex = { siteId: 'HEX', segmentId: 'hex' };
    const sov = { siteId: 'SOV', segmentId: 'sov' };
    expect(network.isCutBetween(hex, sov, 0)).toBe(false);
    network.holdSiteLink('SOV', 'HEX', 60_000);
    expect(told).toBe(1);
    expect(network.isCutBetween(hex, sov, 59_999)).toBe(true);
    expect(network.isSiteLinkDown('SOV', 'HEX', 30_000)).toBe(true);
    expect(network.isCutBetween(hex, hex, 30_000)).toBe(false);
    expect(network.isCutBetween(hex, sov, 60_000)).toBe(false);
  });
});

describe('Requests across a downed site link', () => {
  const siteLinkFailures = (outageMs: number): number => {
    // The CDN node is in HEX; the only web server is in SOV.
    const estate = buildEstate();
    addWebVm(estate, { id: 'web1', host: estate.sov });
    estate.engine.addOpenLoad({ ratePerSecond: 20, mix: { page: 1 } });
    if (outageMs > 0)
      estate.kernel.scheduleCallback(60_000, () =>
        estate.network.holdSiteLink('HEX', 'SOV', 60_000 + outageMs),
      );
    estate.kernel.run({ untilMs: 300_000 });
    return estate.engine.report().failuresByReason['siteLinkDown'] ?? 0;
  };

  it('fail while it is down, about as many as the outage is long, and not after', () => {
    const none = siteLinkFailures(0);
    const oneMinute = siteLinkFailures(60_000);
    const twoMinutes = siteLinkFailures(120_000);
    expect(none).toBe(0);
    // 20 requests a second for 60 s.
    expect(oneMinute).toBeGreaterThan(1_000);
    expect(oneMinute).toBeLessThan(1_400);
    expect(twoMinutes / oneMinute).toBeGreaterThan(1.8);
    expect(twoMinutes / oneMinute).toBeLessThan(2.2);
  });
});

describe('A copy across a site link that goes down', () => {
  it('fails a live migration under way: the VM runs on where it was', () => {
    const estate = buildEstate();
    const vm = new Vm(estate.context, estate.network, estate.hex, {
      id: 'app',
      cores: 4,
      ramBytes: 8 * 2 ** 30,
      bootMs: 0,
    });
    vm.start();
    estate.kernel.scheduleCallback(1_000, () => vm.migrateLive(estate.sov));
    estate.kernel.scheduleCallback(5_000, () => estate.network.holdSiteLink('HEX', 'SOV', 65_000));
    estate.kernel.run({ untilMs: 200_000 });
    expect(vm.host).toBe(estate.hex);
    expect(vm.state).toBe('running');
    expect(vm.lastRelocationFailure).toBe('the site link HEX–SOV went down during the copy');
  });

  it('completes the same migration when the link stays up', () => {
    const estate = buildEstate();
    const vm = new Vm(estate.context, estate.network, estate.hex, {
      id: 'app',
      cores: 4,
      ramBytes: 8 * 2 ** 30,
      bootMs: 0,
    });
    vm.start();
    estate.kernel.scheduleCallback(1_000, () => vm.migrateLive(estate.sov));
    estate.kernel.run({ untilMs: 200_000 });
    expect(vm.host).toBe(estate.sov);
  });
});

describe('Seeding a replica across a downed site link', () => {
  const seededAtMs = (outageMs: number): number => {
    const estate = buildEstate();
    const vm = new Vm(estate.context, estate.network, estate.sov, {
      id: 'db2-vm',
      cores: 8,
      ramBytes: 16 * 2 ** 30,
      bootMs: 0,
    });
    vm.start();
    if (outageMs > 0) estate.network.holdSiteLink('HEX', 'SOV', outageMs);
    estate.db.addReplica({ id: 'db2', location: () => vm.location() });
    // Bounded: a probe every second for at most ten minutes.
    for (let atMs = 0; atMs <= 600_000; atMs += 1_000) {
      estate.kernel.run({ untilMs: atMs });
      if (estate.db.serverState('db2') === 'replicating') return atMs;
    }
    return Number.NaN;
  };

  it('starts the copy when the link returns: the seed ends later by the outage left', () => {
    const clear = seededAtMs(0);
    const afterTwoMinutes = seededAtMs(120_000);
    expect(clear).toBeGreaterThan(0);
    expect(afterTwoMinutes - clear).toBeGreaterThanOrEqual(119_000);
    expect(afterTwoMinutes - clear).toBeLessThanOrEqual(121_000);
  });
});
