import { describe, expect, it } from 'vitest';
import { distributeUpload } from '../../src/model/uploadDistribution.ts';
import type { UploadDistributionResult } from '../../src/model/uploadDistribution.ts';
import { sharedLinkLowerBoundMs } from '../../src/model/pathTransfer.ts';
import { buildPiCluster } from '../support/piEstate.ts';
import type { PiEstate } from '../support/piEstate.ts';

const UPLOAD_BYTES = 3e6; // "a 3MB file" (004_b8bc5fb3cdb64335.txt)
const BOOTED_MS = 60_000;

function distribute(estate: PiEstate): UploadDistributionResult {
  const { kernel, context, network, nfsServer, pis } = estate;
  const receivingPi = pis[0];
  if (receivingPi === undefined) throw new Error('no Pi');
  let done: UploadDistributionResult | undefined;
  distributeUpload(context, {
    network,
    nfsServer,
    receivingPi,
    pis,
    bytes: UPLOAD_BYTES,
    onDone: (result) => (done = result),
  });
  kernel.run({ untilMs: kernel.nowMs + 60_000 });
  if (done === undefined) throw new Error('distribution did not finish');
  return done;
}

/**
 * DB and HTTP traffic on every Pi's NIC: each Pi sends a 100 kB page every 20 ms (40 Mbps) and
 * receives a 10 kB DB result every 10 ms (8 Mbps), as kernel events, until stopAtMs.
 */
function addWebTraffic(estate: PiEstate, stopAtMs: number): void {
  const { kernel, pis } = estate;
  const handler = kernel.registerHandler((index) => {
    const pi = pis[index];
    if (pi === undefined || kernel.nowMs >= stopAtMs) return;
    pi.nic.transmit.reserve(kernel.nowMs, 100_000);
    pi.nic.receive.reserve(kernel.nowMs, 10_000);
    pi.nic.receive.reserve(kernel.nowMs + 10, 10_000);
    kernel.schedule(20, handler, index);
  });
  pis.forEach((_, index) => kernel.schedule(0, handler, index));
}

describe('NFS upload distribution (004_b8bc5fb3cdb64335.txt)', () => {
  it('distributing one 3 MB upload to 8 Pi copies over 100 Mbps takes at least 1.9 s', () => {
    const estate = buildPiCluster({ pi: { netboot: { stallProbability: 0 } } });
    estate.kernel.run({ untilMs: BOOTED_MS });
    const result = distribute(estate);
    const durationMs = result.finishedAtMs - result.startedAtMs;
    expect(result.copiesDelivered).toBe(8);
    expect(result.skipped).toEqual([]);
    expect(durationMs).toBeGreaterThanOrEqual(1_900);
    // All eight copies leave through the receiving Pi's NIC: exactly the shared-link bound.
    expect(durationMs).toBeCloseTo(sharedLinkLowerBoundMs(UPLOAD_BYTES, 8, 100e6), 6);
    for (const pi of estate.pis) expect(estate.nfsServer.rootOf(pi.id)?.writes).toBe(1);
  });

  it('takes longer while DB and HTTP traffic share the same NICs', () => {
    const quiet = buildPiCluster({ pi: { netboot: { stallProbability: 0 } } });
    quiet.kernel.run({ untilMs: BOOTED_MS });
    const quietMs = ((result) => result.finishedAtMs - result.startedAtMs)(distribute(quiet));

    const busy = buildPiCluster({ pi: { netboot: { stallProbability: 0 } } });
    busy.kernel.run({ untilMs: BOOTED_MS });
    addWebTraffic(busy, BOOTED_MS + 30_000);
    busy.kernel.run({ untilMs: BOOTED_MS + 1_000 });
    const busyResult = distribute(busy);
    const busyMs = busyResult.finishedAtMs - busyResult.startedAtMs;
    expect(busyResult.copiesDelivered).toBe(8);
    // The NIC carries 40 Mbps of pages besides the copies: about 100/60 as long.
    expect(busyMs).toBeGreaterThan(quietMs * 1.4);
    expect(busyMs).toBeLessThan(quietMs * 2.5);
  });

  it('a slower file server disk makes the copies take longer; pages the receiving Pi sends meanwhile wait', () => {
    const timeWith = (diskWriteBytesPerSecond: number): { copiesMs: number; pageWaitMs: number } => {
      const estate = buildPiCluster({
        pi: { netboot: { stallProbability: 0 } },
        nfsServer: { diskWriteBytesPerSecond },
      });
      estate.kernel.run({ untilMs: BOOTED_MS });
      const startMs = estate.kernel.nowMs;
      const receiving = estate.pis[0];
      if (receiving === undefined) throw new Error('no Pi');
      let pageWaitMs = NaN;
      // A page the receiving Pi sends half a second into the copies.
      estate.kernel.scheduleCallback(500, () => {
        pageWaitMs = receiving.nic.transmit.backlogMs(estate.kernel.nowMs);
      });
      const result = distribute(estate);
      return { copiesMs: result.finishedAtMs - startMs, pageWaitMs };
    };
    const fast = timeWith(40e6);
    const slow = timeWith(2e6);
    // 24 MB at 2 MB/s is 12 s: the disk, not the 100 Mbps NIC (1.92 s), is then the bound.
    expect(slow.copiesMs).toBeGreaterThan(11_000);
    expect(fast.copiesMs).toBeLessThan(3_000);
    expect(fast.pageWaitMs).toBeGreaterThan(0);
  });

  it('skips copies it cannot deliver, and says why', () => {
    const estate = buildPiCluster({ pi: { netboot: { stallProbability: 0 } } });
    estate.kernel.run({ untilMs: BOOTED_MS });
    estate.network.setPoe(2, false); // pi2 is down
    estate.network.configurePort(3, { untaggedVlan: 12 }); // pi3 lost the public VLAN
    const result = distribute(estate);
    expect(result.copiesDelivered).toBe(6);
    expect(result.skipped).toEqual([
      { piId: 'pi2', reason: 'peerDown' },
      { piId: 'pi3', reason: 'unreachable' },
    ]);
  });
});
