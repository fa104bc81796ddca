/**
 * Asynchronous MySQL replication in closed form: each write's row change crosses the link to the
 * replica (one-way latency plus its bytes at the link's rate, FIFO behind earlier writes) and is
 * applied. The steady lag follows the write rate and the link: it grows without bound once the
 * writes' bits per second reach the link's.
 */
export interface ReplicationLagParams {
  writesPerSecond: number;
  bytesPerWrite: number;
  linkBitsPerSecond: number;
  oneWayLatencyMs: number;
  applyMs: number;
}

/** Mean lag of a write (commit on the primary to applied on the replica); Infinity when saturated. */
export function steadyReplicationLagMs(params: ReplicationLagParams): number {
  const { writesPerSecond, bytesPerWrite, linkBitsPerSecond, oneWayLatencyMs, applyMs } = params;
  const transmitMs = (bytesPerWrite * 8 * 1000) / linkBitsPerSecond;
  const utilisation = (writesPerSecond * transmitMs) / 1000;
  if (utilisation >= 1) return Number.POSITIVE_INFINITY;
  // Poisson writes on a FIFO link of fixed service time (M/D/1): mean wait ρ·s / (2(1 − ρ)).
  const queueingMs = (utilisation * transmitMs) / (2 * (1 - utilisation));
  return oneWayLatencyMs + transmitMs + queueingMs + applyMs;
}

/** When a write committed at commitMs reaches the replica, given when the link is next free. */
export function replicaArrivalMs(
  commitMs: number,
  linkFreeAtMs: number,
  bytes: number,
  linkBitsPerSecond: number,
  oneWayLatencyMs: number,
): number {
  return Math.max(commitMs, linkFreeAtMs) + (bytes * 8 * 1000) / linkBitsPerSecond + oneWayLatencyMs;
}
