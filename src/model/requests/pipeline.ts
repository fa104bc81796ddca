import { assertArgument } from '../../sim/limits.ts';
import type { RandomStream } from '../../sim/random.ts';
import type { ModelContext } from '../part.ts';
import type { Network } from '../network.ts';
import { Crowd } from './crowd.ts';
import { DEADLINE_RESOLUTION_MS, DeadlineFifo } from './deadlineFifo.ts';
import { INVARIANT_CHECK_EVENTS, checkEngineInvariants } from './invariants.ts';
import {
  isAdminKind,
  isWriteKind,
  KIND_COMMENT,
  KIND_INTERNAL,
  KIND_KEY_PAGE,
  KIND_PAGE,
  KIND_SLOW_PAGE,
  KIND_STATIC,
  KIND_UPLOAD,
} from './kinds.ts';
import { NODE_NIC_BACKLOG, RequestLinks, SITE_LINK_DOWN } from './links.ts';
import { LATE_OUTCOME_SLACK_MS, OUTCOME_LOG_LIMITS, OutcomeLog } from './outcomeLog.ts';
import { pageTimeFactor } from './pageTime.ts';
import type { RequestEngineParams } from './params.ts';
import type { DataTierClient, DataTierFailure, DataTierPort, FrontEndPort, WebServerPort } from './ports.ts';
import { AWAITING_DATA, IN_SERVICE, QUEUED, RESPONDING, SlotTable, TO_BACKEND } from './slotTable.ts';
import { cachedHitWorkers, createServerRuntime, dropServerWork } from './serverRuntime.ts';
import type { ServerRuntime } from './serverRuntime.ts';
import { SERVICE_NAMES } from './types.ts';
import { UserOutcomes } from './userOutcomes.ts';
import type { WorkerPool } from './workerPool.ts';

/**
 * The pipeline that takes user requests through the stations on their path, CDN node → web
 * server → data tier and back. The stations are their own pieces: the slot table (the requests in
 * flight), the crowd (who asks), the links (RTTs and NICs), each web server's worker pool, the
 * data tier behind its port, the deadline FIFO (users giving up) and the outcome log (what users
 * saw). It reads the parts' states on each request and listens for their changes (a host stopping
 * drops its in-flight requests; a draining host finishes them).
 *
 * A request: the user reaches a CDN node (half the client RTT); static assets are served there.
 * Pages go to a backend the node picks (a refused connection is retried on another). A page
 * Supercache (or staticify) holds is served by one of Apache's own workers in a small CPU time,
 * with no PHP; any other waits for a PHP worker (bounded queue), takes CPU × slowdown plus the
 * data tier's time for its queries (and the NIC for their results). Then the response crosses the
 * host's NIC, the node's NIC and the client link. The user gives up after userTimeoutMs; the work may still finish on the server.
 */
export class RequestPipeline implements DataTierClient {
  readonly params: RequestEngineParams;
  private readonly kernel: ModelContext['kernel'];
  readonly fronts: FrontEndPort[] = [];
  readonly servers: ServerRuntime[] = [];
  readonly serverIndexById = new Map<string, number>();
  dataTier: DataTierPort | undefined;
  private frontCursor = 0;
  readonly slots: SlotTable;
  readonly crowd: Crowd;
  private readonly links: RequestLinks;
  readonly log: OutcomeLog;
  private readonly deadlines: DeadlineFifo;
  private readonly outcomes: UserOutcomes;
  readonly limitsHit: string[] = [];
  private readonly random: { backend: RandomStream; service: RandomStream };
  private readonly handlerArrive: number;
  private readonly handlerDone: number;
  /** User requests issued (refused ones included), for the outcome invariant. */
  private issued = 0;
  private eventsSinceCheck = 0;
  /** True while the data tier is being asked: an answer given inside the call is synchronous. */
  private askingDataTier = false;

  constructor(
    private readonly context: ModelContext,
    network: Network,
    params: RequestEngineParams,
  ) {
    this.params = params;
    const { userTimeoutMs } = this.params;
    assertArgument(userTimeoutMs > 0, `RequestEngine: userTimeoutMs must be positive`);
    this.kernel = context.kernel;
    this.slots = new SlotTable(this.params.requestsInFlightMax);
    const streams = this.kernel.random;
    this.random = {
      backend: streams.stream('requests.backend'),
      service: streams.stream('requests.service'),
    };
    this.handlerArrive = this.kernel.registerHandler((payload) => this.onArrive(payload));
    this.handlerDone = this.kernel.registerHandler((payload) => this.onDone(payload));
    this.deadlines = new DeadlineFifo(
      this.kernel,
      userTimeoutMs,
      (payload) => this.outcomes.timeout(payload),
      'requests.timeouts',
    );
    this.crowd = new Crowd(
      this.kernel,
      this.params.usersMax,
      this.params.pagesCount,
      (kind, pageIndex, user) => this.issue(kind, pageIndex, user),
    );
    this.links = new RequestLinks(network, this.params);
    this.log = new OutcomeLog(
      SERVICE_NAMES.length,
      this.params.downtimeFailShareMin,
      userTimeoutMs + LATE_OUTCOME_SLACK_MS + DEADLINE_RESOLUTION_MS,
      (message) => this.noteLimit(message),
      { ...OUTCOME_LOG_LIMITS, secondsMax: this.params.reportSecondsMax },
    );
    this.outcomes = new UserOutcomes(this.kernel, this.slots, this.log, this.crowd, userTimeoutMs);
  }

  /** Runs the costly invariant checks now (see invariants.ts); throws on the first broken one. */
  checkInvariants(): void {
    checkEngineInvariants({
      slots: this.slots,
      pools: this.servers.flatMap((server) => [
        { pool: server.pool, workers: server.port.host.workerSlots },
        { pool: server.cachedPool, workers: cachedHitWorkers(server.port) },
      ]),
      issued: this.issued,
      outcomes: this.outcomes.total(SERVICE_NAMES.length),
    });
  }

  /** Work a server does for itself (staticify rendering key pages); counted in no service. */
  submitInternalRender(serverId: string, pageIndex: number): void {
    const index = this.serverIndexById.get(serverId);
    assertArgument(index !== undefined, `RequestEngine: unknown web server "${serverId}"`);
    const slot = this.allocate(KIND_INTERNAL, pageIndex, -1);
    if (slot < 0) return;
    this.slots.server[slot] = index;
    this.slots.addressOk[slot] = 1;
    this.enqueue(slot, this.servers[index] as ServerRuntime);
  }

  // --- the CDN node

  issue(kind: number, page: number, user: number): void {
    if (kind !== KIND_INTERNAL) this.issued++;
    const slot = this.allocate(kind, page, user);
    if (slot < 0) {
      if (user >= 0) this.crowd.userContinues(user, this.kernel.nowMs);
      return;
    }
    this.deadlines.arm(this.slots.payload(slot));
    const front = this.pickFront();
    if (front < 0) return this.outcomes.fail(slot, 'noFrontEnd');
    this.slots.front[slot] = front;
    if (kind === KIND_STATIC) return this.serveStatic(slot, front);
    this.route(slot, undefined, this.params.clientRttMs / 2);
  }

  private serveStatic(slot: number, front: number): void {
    const node = this.fronts[front] as FrontEndPort;
    const deliveredMs = this.links.assetDeliveredMs(this.kernel.nowMs, node.nic);
    if (deliveredMs < 0) return this.outcomes.fail(slot, 'cdnNicBacklog');
    this.outcomes.finishOk(slot, deliveredMs);
  }

  private route(slot: number, excludeServerId: string | undefined, delayMs: number): void {
    const slots = this.slots;
    const node = this.fronts[slots.front[slot] as number] as FrontEndPort;
    const kind = slots.kind[slot] as number;
    const backend = node.chooseBackend(isAdminKind(kind), excludeServerId, this.random.backend.next());
    if (backend === undefined) return this.outcomes.fail(slot, 'noBackend');
    const server = this.servers[this.serverIndex(backend.server)] as ServerRuntime;
    slots.server[slot] = server.index;
    slots.addressOk[slot] = backend.address === backend.server.address() ? 1 : 0;
    const nowMs = this.kernel.nowMs;
    const isUpload = kind === KIND_UPLOAD;
    const arriveMs = this.links.toServerMs(nowMs + delayMs, node.location(), server.port, isUpload);
    if (arriveMs < 0)
      return this.outcomes.fail(slot, arriveMs === SITE_LINK_DOWN ? 'siteLinkDown' : 'nicBacklog');
    slots.phase[slot] = TO_BACKEND;
    this.kernel.schedule(arriveMs - nowMs, this.handlerArrive, slots.payload(slot));
  }

  private onArrive(payload: number): void {
    this.afterEvent();
    const slots = this.slots;
    const slot = slots.slotOf(payload);
    if (slot < 0) return;
    if (slots.abandoned[slot] === 1) return slots.release(slot);
    const server = this.servers[slots.server[slot] as number] as ServerRuntime;
    if (slots.addressOk[slot] === 0 || !server.port.host.isAccepting()) {
      // Refused (or nothing at that address): the node retries on another backend.
      const node = this.fronts[slots.front[slot] as number] as FrontEndPort;
      const attempts = (slots.attempts[slot] as number) + 1;
      slots.attempts[slot] = attempts;
      if (attempts > node.retriesMax)
        return this.outcomes.fail(slot, slots.addressOk[slot] === 0 ? 'staleAddress' : 'refused');
      const backMs = this.links.backToNodeMs(server.port.location(), node.location());
      return this.route(slot, server.port.id, backMs);
    }
    this.enqueue(slot, server);
  }

  // --- the web server

  /**
   * A request reaches Apache. Supercache's rewrite rules look for the page's cached file as the
   * request arrives: a hit (or a staticify key page) goes to Apache's own workers, anything else
   * to PHP. Each station has its own bounded queue.
   */
  private enqueue(slot: number, server: ServerRuntime): void {
    const slots = this.slots;
    const kind = slots.kind[slot] as number;
    const cached =
      kind === KIND_KEY_PAGE ||
      (kind === KIND_PAGE && server.port.isPageCached(slots.page[slot] as number, this.kernel.nowMs));
    slots.uncached[slot] = cached ? 0 : 1;
    const pool = cached ? server.cachedPool : server.pool;
    if (pool.hasFreeWorker()) return this.startService(slot, server);
    if (pool.queue.length >= server.port.queueLengthMax) return this.outcomes.fail(slot, 'queueFull');
    slots.phase[slot] = QUEUED;
    pool.queue.push(slot);
  }

  /** Starts what waits at both of a server's stations, as far as their workers allow. */
  private startQueued(server: ServerRuntime): void {
    this.startQueuedAt(server, server.pool);
    this.startQueuedAt(server, server.cachedPool);
  }

  private startQueuedAt(server: ServerRuntime, pool: WorkerPool): void {
    // Bounded by the queue's length: abandoned requests are skipped (their users left).
    while (pool.queue.length > 0 && pool.hasFreeWorker()) {
      const slot = pool.queue.shift();
      if (this.slots.abandoned[slot] === 1) {
        this.slots.release(slot);
        continue;
      }
      this.startService(slot, server);
    }
  }

  /** The station's pool a request in service holds: Apache's for a cached hit, PHP's otherwise. */
  private poolOf(slot: number, server: ServerRuntime): WorkerPool {
    return this.slots.uncached[slot] === 1 ? server.pool : server.cachedPool;
  }

  /** Takes a worker: a cached page is served at once; an uncached one first asks the data tier. */
  private startService(slot: number, server: ServerRuntime): void {
    const slots = this.slots;
    const nowMs = this.kernel.nowMs;
    if (slots.uncached[slot] === 0) {
      server.cachedPool.reserve();
      return this.render(slot, server, nowMs + this.params.cachedPageCpuMs * server.port.host.cpuSlowdown());
    }
    server.pool.reserve();
    slots.phase[slot] = AWAITING_DATA;
    const token = slots.payload(slot);
    if (this.dataTier === undefined) return this.dataFailed(token, 'dbUnavailable');
    this.askingDataTier = true;
    this.dataTier.runPageQueries(token, this.params.queriesPerUncachedPage, server.port.location(), this);
    this.askingDataTier = false;
  }

  /** The data tier answered a page's queries: WordPress renders it, waiting on the queries too. */
  queriesDone(token: number, webServerMs: number): void {
    const slots = this.slots;
    const slot = slots.slotOf(token);
    if (slot < 0 || slots.phase[slot] !== AWAITING_DATA) return;
    const server = this.servers[slots.server[slot] as number] as ServerRuntime;
    const host = server.port.host;
    const { queriesPerUncachedPage, serviceJitter, pageTimeDistribution } = this.params;
    const jitter = pageTimeFactor(this.random.service, pageTimeDistribution, serviceJitter);
    const cpuFactor = slots.kind[slot] === KIND_SLOW_PAGE ? this.params.slowPageFactor : 1;
    const serviceMs = host.uncachedPageCpuMs * cpuFactor * host.cpuSlowdown() * jitter + webServerMs;
    const nowMs = this.kernel.nowMs;
    const resultBytes = queriesPerUncachedPage * this.params.dbBytesPerQuery;
    const resultsMs = this.links.resultsReceivedMs(nowMs, host.nic, resultBytes);
    if (resultsMs < 0) {
      this.giveBackWorker(server);
      return this.outcomes.fail(slot, 'nicBacklog');
    }
    this.render(slot, server, Math.max(nowMs + serviceMs, resultsMs));
  }

  private render(slot: number, server: ServerRuntime, doneMs: number): void {
    const nowMs = this.kernel.nowMs;
    this.slots.phase[slot] = IN_SERVICE;
    this.poolOf(slot, server).occupy(nowMs);
    this.kernel.schedule(doneMs - nowMs, this.handlerDone, this.slots.payload(slot));
  }

  private onDone(payload: number): void {
    this.afterEvent();
    const slots = this.slots;
    const slot = slots.slotOf(payload);
    if (slot < 0) return;
    const server = this.servers[slots.server[slot] as number] as ServerRuntime;
    const pool = this.poolOf(slot, server);
    pool.release(this.kernel.nowMs);
    this.startQueuedAt(server, pool);
    slots.phase[slot] = RESPONDING;
    if (!isWriteKind(slots.kind[slot] as number)) return this.respond(slot, server);
    // The write commits even if the user left: PHP runs to the end.
    if (this.dataTier === undefined) return this.dataFailed(payload, 'dbReadOnly');
    this.dataTier.commitWrite(payload, this.params.writeBytes, this);
  }

  /** The data tier committed a request's write. */
  writeDone(token: number): void {
    const slots = this.slots;
    const slot = slots.slotOf(token);
    if (slot < 0 || slots.phase[slot] !== RESPONDING) return;
    const server = this.servers[slots.server[slot] as number] as ServerRuntime;
    const kind = slots.kind[slot] as number;
    if (kind === KIND_COMMENT) server.port.notePageInvalidated(slots.page[slot] as number);
    if (kind === KIND_UPLOAD) server.port.noteUpload?.();
    this.respond(slot, server);
  }

  /** The data tier could not run a request's queries or commit its write. */
  dataFailed(token: number, reason: DataTierFailure): void {
    const slots = this.slots;
    const slot = slots.slotOf(token);
    if (slot < 0) return;
    const phase = slots.phase[slot];
    if (phase === AWAITING_DATA)
      this.giveBackWorker(this.servers[slots.server[slot] as number] as ServerRuntime);
    else if (phase !== RESPONDING) return;
    this.outcomes.fail(slot, reason);
  }

  /**
   * Gives back a worker claimed for a page whose data never came. An answer given inside the call
   * to the data tier comes from startService, whose caller goes on to start the queue; a later one
   * starts the queue here.
   */
  private giveBackWorker(server: ServerRuntime): void {
    server.pool.cancel();
    if (!this.askingDataTier) this.startQueued(server);
  }

  private respond(slot: number, server: ServerRuntime): void {
    const slots = this.slots;
    const kind = slots.kind[slot] as number;
    const nowMs = this.kernel.nowMs;
    if ((kind === KIND_PAGE || kind === KIND_INTERNAL) && slots.uncached[slot] === 1)
      server.port.notePageRendered(slots.page[slot] as number, nowMs);
    if (kind === KIND_INTERNAL || slots.abandoned[slot] === 1) return slots.release(slot);
    if (!isAdminKind(kind)) server.served++; // a public request (internal work returned above)
    const node = this.fronts[slots.front[slot] as number] as FrontEndPort;
    const deliveredMs = this.links.pageDeliveredMs(nowMs, server.port, node);
    if (deliveredMs < 0)
      return this.outcomes.fail(slot, deliveredMs === NODE_NIC_BACKLOG ? 'cdnNicBacklog' : 'nicBacklog');
    this.outcomes.finishOk(slot, deliveredMs);
  }

  private onHostChange(server: ServerRuntime): void {
    const host = server.port.host;
    const serving = host.isServing?.() ?? host.isAccepting();
    if (serving) this.startQueued(server);
    else {
      dropServerWork(server, this.slots, this.kernel.nowMs, (slot) => this.outcomes.fail(slot, 'hostDown'));
    }
    if (this.params.checkInvariants) this.checkInvariants();
  }

  // --- slots and lookups

  private allocate(kind: number, page: number, user: number): number {
    const slot = this.slots.allocate(kind, page, user, this.kernel.nowMs);
    if (slot >= 0) return slot;
    this.noteLimit(`requestsInFlightMax (${this.params.requestsInFlightMax}) reached: requests refused`);
    this.outcomes.refuse(kind, 'inFlightMax');
    return -1;
  }

  private noteLimit(message: string): void {
    if (!this.limitsHit.includes(message)) this.limitsHit.push(message);
  }

  /** Counts engine events, running the costly checks every INVARIANT_CHECK_EVENTS when asked. */
  private afterEvent(): void {
    if (!this.params.checkInvariants || ++this.eventsSinceCheck < INVARIANT_CHECK_EVENTS) return;
    this.eventsSinceCheck = 0;
    this.checkInvariants();
  }

  private pickFront(): number {
    const count = this.fronts.length;
    for (let tried = 0; tried < count; tried++) {
      const index = this.frontCursor++ % count;
      if ((this.fronts[index] as FrontEndPort).isUp()) return index;
    }
    return -1;
  }

  serverIndex(port: WebServerPort): number {
    const known = this.serverIndexById.get(port.id);
    if (known !== undefined) return known;
    const index = this.servers.length;
    const server = createServerRuntime(this.context, this.kernel, port, index);
    this.servers.push(server);
    this.serverIndexById.set(port.id, index);
    port.host.onChange(() => this.onHostChange(server));
    return index;
  }
}
