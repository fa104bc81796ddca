import type { FifoLink } from './link.ts';

/**
 * Sends one transfer across several links at once (cut-through: the switch forwards frames as
 * they arrive, so a file streams over the sender's NIC, the receiver's NIC and the server's port
 * together). It starts when every link on the path is free and ends when the slowest link has
 * carried it. Returns the finish time, or NaN when any link's backlog is over its limit (the
 * transfer is refused and takes no time on any link).
 */
export function reservePath(nowMs: number, links: readonly FifoLink[], bytes: number): number {
  let startMs = nowMs;
  for (const link of links) startMs = Math.max(startMs, nowMs + link.backlogMs(nowMs));
  for (const link of links) if (startMs - nowMs > link.backlogMsMax) return Number.NaN;
  let finishMs = startMs;
  for (const link of links) finishMs = Math.max(finishMs, link.reserve(startMs, bytes));
  return finishMs;
}

/**
 * The least time to put `copies` copies of `bytes` through one link they all share: 3 MB × 8
 * copies over 100 Mbps is 1.92 s (004_b8bc5fb3cdb64335.txt: "receiving a 3MB file and
 * distributing eight copies on a 100Mbps network isn't very fast").
 */
export function sharedLinkLowerBoundMs(bytes: number, copies: number, bitsPerSecond: number): number {
  return (bytes * copies * 8 * 1000) / bitsPerSecond;
}
