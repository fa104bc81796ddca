import type { Nic } from '../link.ts';
import type { Network, NetworkLocation } from '../network.ts';
import type { FrontEndPort, WebServerPort } from './ports.ts';

/** A transfer could not be queued: the web server's NIC backlog is over its bound. */
export const SERVER_NIC_BACKLOG = -1;
/** A transfer could not be queued: the CDN node's NIC backlog is over its bound. */
export const NODE_NIC_BACKLOG = -2;
/** A request could not leave: the link to the web server's site is down. */
export const SITE_LINK_DOWN = -3;

/** What the links need of the request engine's parameters. */
export interface LinkParams {
  clientRttMs: number;
  pageBytes: number;
  staticAssetBytes: number;
  uploadBytes: number;
}

/**
 * The links a request crosses: the user's broadband to a CDN node (half the client RTT each way),
 * the network between a node and a web server (half their RTT each way), and the NICs at each
 * end, whose FIFO transmit and receive queues carry pages, uploads and assets. Each method returns
 * the time the bytes are through, or a negative code when a NIC's backlog is over its bound (the
 * request then fails for it).
 */
export class RequestLinks {
  constructor(
    private readonly network: Network,
    private readonly params: LinkParams,
  ) {}

  /** When a request leaving a node at startMs reaches a web server (with an upload's body). */
  toServerMs(startMs: number, from: NetworkLocation, server: WebServerPort, isUpload: boolean): number {
    if (this.network.isCutBetween(from, server.location(), startMs)) return SITE_LINK_DOWN;
    const arriveMs = startMs + this.network.rttMs(from, server.location()) / 2;
    const serverNic = server.host.nic;
    if (!isUpload || serverNic === undefined) return arriveMs;
    const receivedMs = serverNic.receive.reserve(arriveMs, this.params.uploadBytes);
    return Number.isNaN(receivedMs) ? SERVER_NIC_BACKLOG : receivedMs;
  }

  /** Half the round trip from a web server back to a node (a refused request's way back). */
  backToNodeMs(from: NetworkLocation, to: NetworkLocation): number {
    return this.network.rttMs(from, to) / 2;
  }

  /** When a page sent by a web server at nowMs reaches the user, through both NICs. */
  pageDeliveredMs(nowMs: number, server: WebServerPort, node: FrontEndPort): number {
    const bytes = this.params.pageBytes;
    const serverNic = server.host.nic;
    let sentMs = nowMs;
    if (serverNic !== undefined) sentMs = serverNic.transmit.reserve(nowMs, bytes);
    if (Number.isNaN(sentMs)) return SERVER_NIC_BACKLOG;
    sentMs += this.network.rttMs(server.location(), node.location()) / 2;
    if (node.nic !== undefined) sentMs = node.nic.transmit.reserve(sentMs, bytes);
    if (Number.isNaN(sentMs)) return NODE_NIC_BACKLOG;
    return sentMs + this.params.clientRttMs / 2;
  }

  /** When a static asset a node serves itself, asked for at nowMs, reaches the user. */
  assetDeliveredMs(nowMs: number, nodeNic: Nic | undefined): number {
    let sentMs = nowMs + this.params.clientRttMs / 2;
    if (nodeNic !== undefined) sentMs = nodeNic.transmit.reserve(sentMs, this.params.staticAssetBytes);
    if (Number.isNaN(sentMs)) return NODE_NIC_BACKLOG;
    return sentMs + this.params.clientRttMs / 2;
  }

  /** When a page's query results (bytes) arriving from nowMs are through the web server's NIC. */
  resultsReceivedMs(nowMs: number, serverNic: Nic | undefined, bytes: number): number {
    if (serverNic === undefined) return nowMs;
    const receivedMs = serverNic.receive.reserve(nowMs, bytes);
    return Number.isNaN(receivedMs) ? SERVER_NIC_BACKLOG : receivedMs;
  }
}
