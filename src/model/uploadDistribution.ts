import { assertArgument } from '../sim/limits.ts';
import type { FifoLink } from './link.ts';
import type { NetworkSwitch } from './networkSwitch.ts';
import type { NfsServer } from './nfsServer.ts';
import type { ModelContext } from './part.ts';
import { reservePath } from './pathTransfer.ts';
import type { RaspberryPi } from './raspberryPi.ts';

/** Why a copy was not delivered. */
export type CopySkipReason = 'peerDown' | 'unreachable' | 'linkBacklog' | 'serverDown';

export interface UploadDistributionResult {
  startedAtMs: number;
  finishedAtMs: number;
  copiesDelivered: number;
  skipped: { piId: string; reason: CopySkipReason }[];
}

export interface UploadDistributionRequest {
  network: NetworkSwitch;
  nfsServer: NfsServer;
  /** The Pi the upload came in on (WordPress admin). */
  receivingPi: RaspberryPi;
  /** Every Pi whose root needs a copy, the receiving one included. */
  pis: readonly RaspberryPi[];
  bytes: number;
  onDone?: (result: UploadDistributionResult) => void;
}

/**
 * Distributes an uploaded file to every Pi's root copy (004_b8bc5fb3cdb64335.txt: "receiving a 3MB
 * file and distributing eight copies on a 100Mbps network isn't very fast").
 *
 * Which link carries all eight copies: storage isolation means the receiving Pi reaches only its
 * own storage VLAN, so it cannot write the other Pis' roots itself. It writes its own copy over its
 * storage VLAN, then pushes the file to each other Pi over the public VLAN 131 (as the primary
 * web server syncs files to the others, 003_fadcec8afe75cc12.txt), and each of them writes it to
 * its own root over its own storage VLAN. So all eight copies leave through the receiving Pi's
 * 100 Mbps NIC: 8 × 3 MB × 8 bit / 100 Mbps ≥ 1.92 s. Each copy also crosses the peer's NIC both
 * ways, the file server's port (which all eight share) and its disk, so DB and HTTP traffic on
 * any of those links slows it, and while the copies run they slow the pages those NICs send. Copies go one after another, as a sync tool sends them, so other traffic on the
 * NICs interleaves with them.
 */
export function distributeUpload(context: ModelContext, request: UploadDistributionRequest): void {
  const { network, nfsServer, receivingPi, bytes } = request;
  assertArgument(
    bytes > 0 && Number.isFinite(bytes),
    `distributeUpload: bytes must be a positive number, got ${bytes}`,
  );
  assertArgument(
    request.pis.includes(receivingPi),
    `distributeUpload: the receiving Pi ${receivingPi.id} must be among the Pis that get a copy`,
  );
  const kernel = context.kernel;
  const order = [receivingPi, ...request.pis.filter((pi) => pi !== receivingPi)];
  const result: UploadDistributionResult = {
    startedAtMs: kernel.nowMs,
    finishedAtMs: kernel.nowMs,
    copiesDelivered: 0,
    skipped: [],
  };
  const publicVlan = network.params.publicVlan;
  const reachesOwnRoot = (pi: RaspberryPi): boolean => {
    const storageVlan = network.untaggedVlanOf(pi.id);
    return storageVlan !== undefined && network.sharedVlans(pi.id, nfsServer.id).includes(storageVlan);
  };
  const pathFor = (pi: RaspberryPi): FifoLink[] | CopySkipReason => {
    if (!nfsServer.isServing()) return 'serverDown';
    if (pi !== receivingPi && !pi.isAccepting()) return 'peerDown';
    if (!reachesOwnRoot(pi)) return 'unreachable';
    if (pi === receivingPi) return [pi.nic.transmit, nfsServer.nic.receive, nfsServer.disk];
    if (!network.sharedVlans(receivingPi.id, pi.id).includes(publicVlan)) return 'unreachable';
    return [receivingPi.nic.transmit, pi.nic.receive, pi.nic.transmit, nfsServer.nic.receive, nfsServer.disk];
  };
  // One copy at a time; the loop over copies is bounded by the number of Pis.
  const sendCopy = (index: number): void => {
    const pi = order[index];
    if (pi === undefined) {
      result.finishedAtMs = kernel.nowMs;
      kernel.trace.record({
        timeMs: kernel.nowMs,
        part: receivingPi.id,
        event: 'uploadDistributed',
        details: {
          bytes,
          copiesDelivered: result.copiesDelivered,
          skipped: result.skipped.map((skip) => `${skip.piId}:${skip.reason}`),
          durationMs: result.finishedAtMs - result.startedAtMs,
        },
      });
      request.onDone?.(result);
      return;
    }
    const path = pathFor(pi);
    const finishMs = typeof path === 'string' ? Number.NaN : reservePath(kernel.nowMs, path, bytes);
    if (Number.isNaN(finishMs)) {
      result.skipped.push({ piId: pi.id, reason: typeof path === 'string' ? path : 'linkBacklog' });
      sendCopy(index + 1);
      return;
    }
    kernel.scheduleCallbackAt(finishMs, () => {
      nfsServer.noteWrite(pi.id, bytes);
      result.copiesDelivered++;
      sendCopy(index + 1);
    });
  };
  sendCopy(0);
}
