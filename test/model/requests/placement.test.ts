import { describe, expect, it } from 'vitest';
import { PI_3, phpSlowdown } from '../../../src/model/cpuClasses.ts';
import { Nic } from '../../../src/model/link.ts';
import { DEFAULT_SEGMENT_TO_CORE_RTT_MS, PI_TEST_LAN_TO_DB_RTT_MS } from '../../../src/model/network.ts';
import type { NetworkLocation } from '../../../src/model/network.ts';
import { addFixedServer, addWebVm, buildEstate, FixedHost } from '../support/estate.ts';
import type { TestEstate } from '../support/estate.ts';

/** Mean page time of one user asking back to back for `seconds`, from the count served. */
function meanPageMs(estate: TestEstate, seconds: number): number {
  estate.engine.setCrowd({ users: 1, thinkTimeMs: 0, mix: { loggedInPage: 1 } });
  estate.kernel.run({ untilMs: seconds * 1000 });
  const served = estate.engine.report().services.www.ok;
  // Each request also carries the client and CDN round trips; they cancel in differences and ratios hardly move.
  return (seconds * 1000) / served;
}

function estateWithSegment(toCoreRttMs: number, queriesPerUncachedPage: number): TestEstate {
  const estate = buildEstate({ engine: { serviceJitter: 0, queriesPerUncachedPage } });
  estate.network.addSegment({ id: 'elsewhere', siteId: 'HEX', toCoreRttMs });
  return estate;
}

describe('DB placement (003_fadcec8afe75cc12.txt: "The VMs have the advantage of being on the same physical server as the VM that hosts the database")', () => {
  for (const queries of [10, 40]) {
    it(`1 ms more round trip to the DB with ${queries} queries per page slows an uncached page by about ${queries} ms`, () => {
      const near = buildEstate({ engine: { serviceJitter: 0, queriesPerUncachedPage: queries } });
      addWebVm(near, { id: 'web1' });
      // The web server on another segment of HEX, 1 ms of round trip further from the DB.
      const far = estateWithSegment(1.1 - DEFAULT_SEGMENT_TO_CORE_RTT_MS, queries);
      const location: NetworkLocation = { siteId: 'HEX', segmentId: 'elsewhere' };
      expect(far.network.rttMs(location, far.dbVm.location())).toBeCloseTo(1.1, 9);
      addFixedServer(
        far,
        new FixedHost(
          'vm-like',
          { name: 'vm', cores: 24, uncachedPageCpuMs: 400, phpVersion: '5.6' },
          undefined,
        ),
        location,
      );
      const slowdownMs = meanPageMs(far, 600) - meanPageMs(near, 600);
      console.log(`${queries} queries: +${slowdownMs.toFixed(2)} ms per page for +1 ms RTT`);
      expect(slowdownMs).toBeGreaterThan(queries - 3);
      expect(slowdownMs).toBeLessThan(queries + 3);
    });
  }

  it('a Pi 3 on PHP 5.6 far from the DB takes 4–6× the VM page time ("just one fifth the speed of the production VMs")', () => {
    const vmEstate = buildEstate({ engine: { serviceJitter: 0 } });
    addWebVm(vmEstate, { id: 'web1' });
    const vmPageMs = meanPageMs(vmEstate, 300);
    const piEstate = estateWithSegment(PI_TEST_LAN_TO_DB_RTT_MS - DEFAULT_SEGMENT_TO_CORE_RTT_MS, 40);
    const pi = new FixedHost('pi3', PI_3, new Nic('pi3.nic', 100e6), phpSlowdown(PI_3, '5.6'));
    addFixedServer(piEstate, pi, { siteId: 'HEX', segmentId: 'elsewhere' });
    const piPageMs = meanPageMs(piEstate, 300);
    const ratio = piPageMs / vmPageMs;
    console.log(
      `VM ${vmPageMs.toFixed(0)} ms, far Pi 3 on PHP 5.6 ${piPageMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(4);
    expect(ratio).toBeLessThan(6);
  });
});
