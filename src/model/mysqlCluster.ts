import type { Actor } from 'xstate';
import { LimitExceededError } from '../sim/limits.ts';
import { assertArgument } from '../sim/limits.ts';
import type { Network, NetworkLocation } from './network.ts';
import { startPart } from './part.ts';
import type { ModelContext } from './part.ts';
import type { DatabasePort } from './requests/ports.ts';
import { UtilisationWindow } from './requests/utilisationWindow.ts';
import { mysqlServerMachine, mysqlStateOf } from './mysqlServer.ts';
import type { MysqlServerState } from './mysqlServer.ts';
import { MYSQL_CLUSTER_DEFAULTS } from './mysqlClusterParams.ts';
import { ReplicaStream } from './mysqlReplicaStream.ts';
import { resyncFromPrimary, shipWrite } from './mysqlReplication.ts';
import type { MysqlClusterParams, MysqlServerParams, WriteOutage } from './mysqlClusterParams.ts';

export { MYSQL_CLUSTER_DEFAULTS } from './mysqlClusterParams.ts';
export type { MysqlClusterParams, MysqlServerParams, WriteOutage } from './mysqlClusterParams.ts';

interface ServerRecord {
  params: MysqlServerParams;
  actor: Actor<typeof mysqlServerMachine>;
  /** What it holds of the primary's history: applied, and shipped but not yet applied. */
  stream: ReplicaStream;
  state: MysqlServerState;
  /** The state's tags, kept with it: read on every write. */
  tags: ReadonlySet<string>;
}

/**
 * MySQL with one primary and asynchronous replicas. Writes the web servers commit are acknowledged
 * by the primary and shipped to each replica over the network (lag follows write rate and link);
 * a promoted replica that lacked some acknowledged writes loses them, and they are counted. Two
 * writable primaries at one instant is recorded as split brain.
 */
export class MysqlCluster implements DatabasePort {
  readonly params: MysqlClusterParams;
  private readonly servers = new Map<string, ServerRecord>();
  private primaryId: string;
  private historySeq = 0;
  private acknowledged = 0;
  private lost = 0;
  private splitBrainSeen = false;
  private readonly outages: WriteOutage[] = [];
  private writable = false;
  private promotionFrom: string | undefined;
  /** The primary's query time per window, against its cores (the window is the web servers'). */
  private readonly window = new UtilisationWindow(
    (utilisation) => this.context.parts.noteUtilisation(this.primaryId, utilisation),
    0,
  );
  private readonly delaysForLater = new Map<string, number>();
  /** Query ms each server has answered as primary, from the start (the report's per-minute figures). */
  private readonly queryMsByServer = new Map<string, number>();

  constructor(
    private readonly context: ModelContext,
    private readonly network: Network,
    primary: MysqlServerParams,
    params: Partial<MysqlClusterParams> = {},
  ) {
    this.params = { ...MYSQL_CLUSTER_DEFAULTS, ...params };
    this.primaryId = primary.id;
    this.startServer(primary, 'primary', 0);
  }

  get primary(): string {
    return this.primaryId;
  }

  serverState(id: string): MysqlServerState {
    return this.server(id).state;
  }

  /** What a server's state means (`down`, `primary`, `replica`…; see PartTag). */
  serverTags(id: string): ReadonlySet<string> {
    return this.server(id).tags;
  }

  serverIds(): string[] {
    return [...this.servers.keys()];
  }

  /** Adds a replica: a brief read lock on the primary, then seeding, then replication. */
  addReplica(server: MysqlServerParams): void {
    assertArgument(!this.servers.has(server.id), `MySQL: a server "${server.id}" already exists`);
    const primary = this.server(this.primaryId);
    assertArgument(
      primary.actor.getSnapshot().can({ type: 'LOCK', durationMs: this.params.seedLockMs }),
      `MySQL: cannot seed ${server.id}, primary ${this.primaryId} is ${primary.state}`,
    );
    primary.actor.send({ type: 'LOCK', durationMs: this.params.seedLockMs });
    const from = primary.params.location();
    const to = server.location();
    const bitsPerSecond =
      this.network.bitsPerSecondBetween(from.siteId, to.siteId) ?? this.params.seedBitsPerSecondWithinSite;
    // A seed copied across a site link that is down starts when the link returns.
    const linkWaitMs = this.network.siteLinkDownForMs(from.siteId, to.siteId, this.context.kernel.nowMs);
    const seedMs = this.params.seedLockMs + linkWaitMs + (this.params.dataBytes * 8 * 1000) / bitsPerSecond;
    const record = this.startServer(server, 'replica', seedMs);
    record.stream.appliedSeq = this.historySeq;
    record.stream.seedEndMs = this.context.kernel.nowMs + seedMs;
  }

  /**
   * Adds a replica that is already caught up, as found at the start of a run (no lock, no seeding).
   */
  attachReplica(server: MysqlServerParams): void {
    assertArgument(!this.servers.has(server.id), `MySQL: a server "${server.id}" already exists`);
    const record = this.startServer(server, 'replica', 0);
    record.stream.appliedSeq = this.historySeq;
  }

  /**
   * Planned failover (000_077f2af078f4f79b.txt: "<5s" of interruption), as the sequence it is: the
   * primary goes read-only now (writes stop), the target applies every write it was sent (its
   * backlog, at its apply rate), then is promoted and the web servers repointed. No acknowledged
   * write is lost; the interruption grows with the target's backlog.
   */
  plannedFailover(targetId: string): void {
    this.assertPromotable(targetId, 'fail over to');
    const primary = this.server(this.primaryId);
    if (primary.actor.getSnapshot().can({ type: 'DEMOTE' })) primary.actor.send({ type: 'DEMOTE' });
    // Nothing more is written: the target is caught up once its last pending write has applied.
    const catchUpMs = this.replicationLagMs(targetId);
    this.startPromotion(targetId, 'planned', { catchUpMs, writesBehind: this.writesBehind(targetId) });
  }

  /**
   * Promotes a replica after its primary crashed: the monitor first notices the crash, then the
   * target is promoted as it is then and the web servers repointed. Writes it had not received
   * by then are lost.
   */
  promote(targetId: string): void {
    this.assertPromotable(targetId, 'promote');
    this.startPromotion(targetId, 'crash', { catchUpMs: 0, writesBehind: this.writesBehind(targetId) });
  }

  private assertPromotable(targetId: string, verb: string): void {
    const target = this.server(targetId);
    assertArgument(
      target.actor.getSnapshot().can({ type: 'PROMOTE', durationMs: 0 }),
      `MySQL: cannot ${verb} ${targetId}, it is ${target.state}`,
    );
  }

  private startPromotion(
    targetId: string,
    mode: 'planned' | 'crash',
    backlog: { catchUpMs: number; writesBehind: number },
  ): void {
    const { promoteMs, repointMs, crashDetectionMs } = this.params;
    const waitMs = mode === 'planned' ? backlog.catchUpMs : crashDetectionMs;
    const durationMs = waitMs + promoteMs + repointMs;
    this.promotionFrom = this.primaryId;
    this.context.kernel.trace.record({
      timeMs: this.context.kernel.nowMs,
      part: targetId,
      event: 'failoverStarted',
      details: { mode, waitMs, durationMs, writesBehind: backlog.writesBehind },
    });
    this.server(targetId).actor.send({ type: 'PROMOTE', durationMs });
  }

  crash(id: string): void {
    this.server(id).actor.send({ type: 'CRASH' });
  }

  /** Restarts a stopped server; a former primary restarting as primary is how split brain happens. */
  restart(id: string, as: 'primary' | 'replica'): void {
    const record = this.server(id);
    const event = { type: as === 'primary' ? 'RESTART_AS_PRIMARY' : 'RESTART_AS_REPLICA' } as const;
    assertArgument(
      record.actor.getSnapshot().can(event),
      `MySQL: cannot restart ${id}, it is ${record.state}`,
    );
    if (as === 'replica') this.resync(record);
    record.actor.send(event);
  }

  /** A demoted former primary becomes a replica of the new primary (its extra writes discarded). */
  reconfigureAsReplica(id: string): void {
    const record = this.server(id);
    assertArgument(
      record.actor.getSnapshot().can({ type: 'REPLICATE' }),
      `MySQL: cannot make ${id} a replica, it is ${record.state}`,
    );
    this.resync(record);
    record.actor.send({ type: 'REPLICATE' });
  }

  /** Writes of the primary's history a server lacks right now. */
  writesBehind(id: string): number {
    const record = this.server(id);
    record.stream.drain(this.context.kernel.nowMs);
    return Math.max(0, this.historySeq - record.stream.appliedSeq);
  }

  /** How long until a server holds every write committed so far (0 when caught up). */
  replicationLagMs(id: string): number {
    const record = this.server(id);
    const nowMs = this.context.kernel.nowMs;
    record.stream.drain(nowMs);
    return record.stream.pending.length === 0 ? 0 : Math.max(0, record.stream.lastArrivalMs - nowMs);
  }

  setReplicationDelay(id: string, extraMs: number): void {
    assertArgument(extraMs >= 0, `MySQL: replication delay must be ≥ 0, got ${extraMs}`);
    // A server not added yet takes the delay when it is (a fault can precede the step that seeds it).
    const record = this.servers.get(id);
    if (record === undefined) this.delaysForLater.set(id, extraMs);
    else record.params.extraReplicationDelayMs = extraMs;
  }

  /**
   * Checks applied ≤ shipped ≤ committed on every server as it stands (writes due are not applied
   * first, so the check changes nothing). The cluster checks it itself on every shipped write and
   * every promotion; this is for tests and `--check-invariants`.
   */
  assertReplicationOrder(): void {
    for (const record of this.servers.values()) record.stream.assertOrder(this.historySeq);
  }

  writeOutages(): readonly WriteOutage[] {
    return this.outages;
  }

  // DatabasePort

  queryLocation(): NetworkLocation | undefined {
    return this.isReadable() ? this.server(this.primaryId).params.location() : undefined;
  }

  isReadable(): boolean {
    return this.server(this.primaryId).tags.has('readable');
  }

  isWritable(): boolean {
    return this.server(this.primaryId).tags.has('writable');
  }

  commitWrite(bytes: number): boolean {
    if (!this.isWritable()) return false;
    this.historySeq++;
    this.acknowledged++;
    const nowMs = this.context.kernel.nowMs;
    const primary = this.server(this.primaryId);
    primary.stream.appliedSeq = this.historySeq;
    for (const record of this.servers.values()) {
      if (record === primary) continue;
      if (!record.tags.has('receivesWrites')) continue;
      shipWrite(
        this.network,
        this.params,
        { primary, replica: record },
        { nowMs, bytes, committedSeq: this.historySeq },
      );
    }
    return true;
  }

  noteQueries(count: number, queryMs: number): void {
    this.window.closeIfDue(this.context.kernel.nowMs, this.params.cores);
    this.window.add(count * queryMs);
    this.queryMsByServer.set(this.primaryId, this.queryMsOf(this.primaryId) + count * queryMs);
  }

  /** Query ms a server has answered as primary so far; its cores are params.cores. */
  queryMsOf(serverId: string): number {
    return this.queryMsByServer.get(serverId) ?? 0;
  }

  /** Closes the open utilisation window at the end of a run (see UtilisationWindow.flush). */
  flushUtilisation(): void {
    this.window.flush(this.context.kernel.nowMs, this.params.cores);
  }

  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean } {
    return { acknowledgedWrites: this.acknowledged, lostWrites: this.lost, splitBrain: this.splitBrainSeen };
  }

  private resync(record: ServerRecord): void {
    const primary = this.server(this.primaryId);
    resyncFromPrimary(
      this.context.kernel,
      this.network,
      this.params,
      { primary, replica: record },
      this.historySeq,
    );
  }

  private startServer(params: MysqlServerParams, role: 'primary' | 'replica', seedMs: number): ServerRecord {
    const laterDelayMs = this.delaysForLater.get(params.id);
    this.delaysForLater.delete(params.id);
    const record: ServerRecord = {
      params: { ...params, ...(laterDelayMs === undefined ? {} : { extraReplicationDelayMs: laterDelayMs }) },
      actor: undefined as unknown as Actor<typeof mysqlServerMachine>,
      stream: new ReplicaStream(params.id, this.params.replicationBacklogMax),
      state: 'stopped',
      tags: new Set(),
    };
    this.servers.set(params.id, record);
    const machine = mysqlServerMachine.provide({
      actions: { finishPromotion: () => this.finishPromotion(record) },
    });
    record.actor = startPart(this.context, params.id, 'mysql', machine, { role, seedMs });
    record.state = mysqlStateOf(record.actor.getSnapshot().value);
    record.tags = record.actor.getSnapshot().tags;
    record.actor.subscribe((snapshot) => {
      const next = mysqlStateOf(snapshot.value);
      if (next === record.state) return;
      record.state = next;
      record.tags = snapshot.tags;
      this.checkTopology();
    });
    this.checkTopology();
    return record;
  }

  private finishPromotion(target: ServerRecord): void {
    const nowMs = this.context.kernel.nowMs;
    target.stream.drain(nowMs);
    const lostNow = Math.max(0, this.historySeq - target.stream.appliedSeq);
    this.lost += lostNow;
    this.context.kernel.trace.record({
      timeMs: nowMs,
      part: target.params.id,
      event: 'promoted',
      from: this.promotionFrom ?? null,
      to: target.params.id,
      details: { lostWrites: lostNow },
    });
    target.stream.dropPending();
    this.historySeq = target.stream.appliedSeq;
    this.primaryId = target.params.id;
    this.promotionFrom = undefined;
    for (const record of this.servers.values()) {
      if (record === target) continue;
      if (!record.tags.has('replica')) {
        // A stopped or demoted server keeps only the history it shares with the new primary:
        // writes it had beyond that are discarded when it rejoins, and those that were on their
        // way to it belong to the old history (it fetches what it lacks when it rejoins).
        record.stream.appliedSeq = Math.min(record.stream.appliedSeq, this.historySeq);
        record.stream.dropPending();
        continue;
      }
      // Other replicas follow the new primary from its position (they may have had more).
      record.stream.drain(nowMs);
      record.stream.appliedSeq = Math.min(record.stream.appliedSeq, this.historySeq);
      record.stream.dropPending();
    }
    // The history just became shorter: every server must still be within it.
    this.assertReplicationOrder();
  }

  private checkTopology(): void {
    const nowMs = this.context.kernel.nowMs;
    let writablePrimaries = 0;
    for (const record of this.servers.values()) if (record.tags.has('primary')) writablePrimaries++;
    if (writablePrimaries > 1 && !this.splitBrainSeen) {
      this.splitBrainSeen = true;
      this.context.kernel.trace.record({
        timeMs: nowMs,
        part: 'mysql',
        event: 'splitBrain',
        details: { primaries: writablePrimaries },
      });
    }
    const writable = this.servers.has(this.primaryId) && this.isWritable();
    if (writable === this.writable) return;
    this.writable = writable;
    if (!writable) {
      if (this.outages.length >= this.params.outagesMax) {
        throw new LimitExceededError(
          'mysql.outagesMax',
          this.params.outagesMax,
          'too many write outages to record',
        );
      }
      this.outages.push({ fromMs: nowMs, toMs: Number.NaN });
    } else {
      const last = this.outages[this.outages.length - 1];
      if (last !== undefined && Number.isNaN(last.toMs)) last.toMs = nowMs;
    }
  }

  private server(id: string): ServerRecord {
    const record = this.servers.get(id);
    assertArgument(record !== undefined, `MySQL: no server "${id}"`);
    return record;
  }
}
