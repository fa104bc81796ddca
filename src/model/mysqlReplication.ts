import type { Kernel } from '../sim/kernel.ts';
import { LimitExceededError } from '../sim/limits.ts';
import type { Network } from './network.ts';
import type { MysqlClusterParams, MysqlServerParams } from './mysqlClusterParams.ts';
import type { ReplicaStream } from './mysqlReplicaStream.ts';

/** One end of replication: a server's parameters and what it holds of the history. */
export interface ReplicationEnd {
  readonly params: MysqlServerParams;
  readonly stream: ReplicaStream;
}

/**
 * Ships one committed write from the primary to a replica: across sites it takes its turn on the
 * site link (waiting out an outage), then the transit and any extra delay, and the replica's SQL
 * thread applies it after the writes before it. `committedSeq` is the primary's history with it.
 */
export function shipWrite(
  network: Network,
  params: MysqlClusterParams,
  ends: { primary: ReplicationEnd; replica: ReplicationEnd },
  write: { nowMs: number; bytes: number; committedSeq: number },
): void {
  const { primary, replica } = ends;
  const from = primary.params.location();
  const to = replica.params.location();
  let sentMs = write.nowMs;
  if (from.siteId !== to.siteId) {
    sentMs = network.siteLinkDirection(from.siteId, to.siteId).reserve(write.nowMs, write.bytes);
    if (Number.isNaN(sentMs)) {
      throw new LimitExceededError(
        'siteLink.backlogMsMax',
        0,
        `replication to ${replica.params.id} cannot keep up with the write rate`,
      );
    }
  }
  const stream = replica.stream;
  // Received after the transit (and any extra delay), applied one after another by the SQL thread.
  const arrivalMs =
    Math.max(
      sentMs + network.rttMs(from, to) / 2 + (replica.params.extraReplicationDelayMs ?? 0),
      stream.seedEndMs,
      stream.lastArrivalMs,
    ) + params.applyMs;
  if (stream.pending.length >= params.replicationBacklogMax) {
    throw new LimitExceededError(
      'mysql.replicationBacklogMax',
      params.replicationBacklogMax,
      `replica ${replica.params.id} is too far behind`,
    );
  }
  stream.receive(arrivalMs, write.committedSeq);
}

/**
 * A server rejoining as a replica fetches the writes it missed from the primary's binlog and
 * applies them one after another, so it is behind until it has (a failover to it before then
 * loses them). Writes that were on their way when it stopped are fetched again with the rest.
 * One that missed more than the replication backlog holds is seeded afresh instead.
 */
export function resyncFromPrimary(
  kernel: Kernel,
  network: Network,
  params: MysqlClusterParams,
  ends: { primary: ReplicationEnd; replica: ReplicationEnd },
  committedSeq: number,
): void {
  const { primary, replica } = ends;
  const stream = replica.stream;
  const nowMs = kernel.nowMs;
  stream.dropPending();
  stream.seedEndMs = 0;
  const missed = committedSeq - stream.appliedSeq;
  if (missed <= 0 || missed > params.replicationBacklogMax) {
    if (missed > 0)
      kernel.trace.record({
        timeMs: nowMs,
        part: replica.params.id,
        event: 'reseeded',
        details: { missedWrites: missed },
      });
    stream.appliedSeq = committedSeq;
    return;
  }
  const transitMs = network.rttMs(primary.params.location(), replica.params.location()) / 2;
  // Bounded by replicationBacklogMax (checked above).
  for (let write = 1; write <= missed; write++)
    stream.receive(nowMs + transitMs + write * params.applyMs, committedSeq);
}
