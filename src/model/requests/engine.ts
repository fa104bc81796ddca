import { LimitExceededError, assertArgument } from '../../sim/limits.ts';
import type { RandomStream } from '../../sim/random.ts';
import { RingQueue } from '../../sim/ringQueue.ts';
import type { ModelContext } from '../part.ts';
import type { Network } from '../network.ts';
import { LatencyHistogram } from './histogram.ts';
import type { DatabasePort, FrontEndPort, WebServerPort } from './ports.ts';
import { REQUEST_KINDS, SERVICE_NAMES } from './types.ts';
import type { EngineReport, RequestKind, RequestMix, ServiceName, ServiceReport } from './types.ts';

/** Costs and limits of the request path; every number says where it came from. */
export interface RequestEngineParams {
  /** Most requests in the system at once (slots in the typed arrays); more are refused and reported. */
  requestsInFlightMax: number;
  /** Most closed-loop users (a crowd); more throw. */
  usersMax: number;
  /** A user gives up after this long and counts the request as timed out. */
  userTimeoutMs: number;
  /** Round trip between a user and a CDN node. */
  clientRttMs: number;
  /** DB queries an uncached WordPress page makes. */
  queriesPerUncachedPage: number;
  /** DB server time per query (the DB is "nearly idle"; queries are light). */
  dbQueryMs: number;
  /** Bytes of a query's result, carried on the web server's NIC. */
  dbBytesPerQuery: number;
  /** CPU time to serve a cached page (a static file from Apache). */
  cachedPageCpuMs: number;
  /** Bytes of an HTML page. */
  pageBytes: number;
  /** Bytes of a static asset the CDN serves. */
  staticAssetBytes: number;
  /** Bytes of an upload. */
  uploadBytes: number;
  /** Bytes of a write's row change, for replication. */
  writeBytes: number;
  /** Pages on the site (Supercache keys). */
  pagesCount: number;
  /** Spread of service time: each page takes cpu × uniform(1 − j, 1 + j). */
  serviceJitter: number;
  /** How many times an uncached page's CPU time a slow function takes. */
  slowPageFactor: number;
  /** Share of a second's outcomes failed or timed out for the second to count as down. */
  downtimeFailShareMin: number;
  /** Seconds of per-second outcome buckets kept; later outcomes are reported as a limit hit. */
  reportSecondsMax: number;
}

export const REQUEST_ENGINE_DEFAULTS: RequestEngineParams = {
  requestsInFlightMax: 200_000,
  usersMax: 1_000_000,
  userTimeoutMs: 30_000, // assumption: browsers and users give up after about 30 s
  clientRttMs: 30, // assumption: a UK visitor to London over broadband
  queriesPerUncachedPage: 40, // assumption: WordPress pages make dozens of queries; the seeds give none
  dbQueryMs: 0.05, // assumption: 003_fadcec8afe75cc12.txt's DB is "almost completely idle"; cached-in-RAM queries
  dbBytesPerQuery: 2_000, // assumption: small result sets
  cachedPageCpuMs: 1, // assumption: Apache sending a static file
  pageBytes: 50_000, // assumption: a WordPress HTML page, compressed
  staticAssetBytes: 30_000, // assumption: an image or script
  uploadBytes: 3e6, // 004_b8bc5fb3cdb64335.txt: "receiving a 3MB file"
  writeBytes: 1_000, // assumption: a comment's or post's row change in the binlog
  pagesCount: 2_000, // assumption, matching WEB_SERVER_DEFAULTS.pagesCount
  serviceJitter: 0.2, // assumption: pages vary ±20 % around the seeds' per-page times
  slowPageFactor: 10, // assumption: 004_b8bc5fb3cdb64335.txt gives no figure, only that such pages "timed out" on Pis
  downtimeFailShareMin: 0.5, // our definition: a second is down when half its outcomes failed
  reportSecondsMax: 86_400 * 7,
};

export interface OpenLoadParams {
  ratePerSecond: number;
  mix: RequestMix;
}

export interface CrowdParams {
  users: number;
  /** Mean think time between a user's response and their next request (exponential). */
  thinkTimeMs: number;
  mix: RequestMix;
}

/** Per-second outcome counts of a service, for throughput and downtime plots. */
export interface SecondBuckets {
  ok: Uint32Array;
  failed: Uint32Array;
  timedOut: Uint32Array;
}

// Request phases in a slot.
const FREE = 0;
const TO_BACKEND = 1;
const QUEUED = 2;
const IN_SERVICE = 3;

// Kind codes: REQUEST_KINDS indices, plus internal work (staticify renders) counted in no service.
const KIND_KEY_PAGE = REQUEST_KINDS.indexOf('keyPage');
const KIND_PAGE = REQUEST_KINDS.indexOf('page');
const KIND_SLOW_PAGE = REQUEST_KINDS.indexOf('slowPage');
const KIND_COMMENT = REQUEST_KINDS.indexOf('comment');
const KIND_ADMIN = REQUEST_KINDS.indexOf('admin');
const KIND_UPLOAD = REQUEST_KINDS.indexOf('upload');
const KIND_STATIC = REQUEST_KINDS.indexOf('staticAsset');
const KIND_INTERNAL = REQUEST_KINDS.length;

const SERVICE_WWW = 0;
const SERVICE_ADMIN = 1;
const SERVICE_NONE = 2;

/** Requests whose timeout is still to come, finished or not (a launch's 30 s: tens of thousands). */
const TIMEOUTS_PENDING_MAX = 4_000_000;
/** How far apart timeouts are handled in batches (see onTimeoutsDue). */
const TIMEOUT_RESOLUTION_MS = 100;

/** Slots per sequence number in an event payload: payload = sequence × SLOT_SPACE + slot. */
const SLOT_SPACE = 2 ** 21;
const SEQUENCE_WRAP = 2 ** 31;

interface ServerRuntime {
  port: WebServerPort;
  index: number;
  busy: number;
  queue: RingQueue;
  busyIntegralMs: number;
  lastChangeMs: number;
  windowStartMs: number;
  /** Public requests this server answered (for the share of traffic each backend takes). */
  served: number;
}

/**
 * Utilisation is averaged over a minute before its peak is kept, as the monitoring graphs the
 * seeds quote do (003_fadcec8afe75cc12.txt: VMs "humming along at 10-25% capacity"); a one-second
 * peak of a Poisson load says more about chance than about capacity.
 */
export const UTILISATION_WINDOW_MS = 60_000;

interface ServiceStats {
  ok: number;
  failed: number;
  timedOut: number;
  /** Failed or timed-out requests that were writes (a subset of failed + timedOut). */
  failedWrites: number;
  histogram: LatencyHistogram;
  buckets: SecondBuckets;
}

interface OpenLoad {
  ratePerSecond: number;
  cumulative: Float64Array;
  scheduled: boolean;
}

/**
 * The request engine: takes user requests through CDN node → web server → DB and back, as numeric
 * slots in typed arrays and kernel events with numeric payloads (no object per request). It reads
 * the parts' states on each request and listens for their changes (a host stopping drops its
 * in-flight requests; a draining host finishes them).
 *
 * A request: the user reaches a CDN node (half the client RTT); static assets are served there.
 * Pages go to a backend the node picks (a refused connection is retried on another), wait for a
 * PHP worker (bounded queue), take CPU × slowdown plus DB round trips (and the NIC for DB bytes),
 * then the response crosses the host's NIC, the node's NIC and the client link. The user gives up
 * after userTimeoutMs; the work may still finish on the server.
 */
export class RequestEngine {
  readonly params: RequestEngineParams;
  private readonly kernel: ModelContext['kernel'];
  private readonly fronts: FrontEndPort[] = [];
  private readonly servers: ServerRuntime[] = [];
  private readonly serverIndexById = new Map<string, number>();
  private database: DatabasePort | undefined;
  private frontCursor = 0;

  // Slots.
  private readonly slotKind: Uint8Array;
  private readonly slotPhase: Uint8Array;
  private readonly slotAbandoned: Uint8Array;
  private readonly slotUncached: Uint8Array;
  private readonly slotAddressOk: Uint8Array;
  private readonly slotAttempts: Uint8Array;
  private readonly slotPage: Int32Array;
  private readonly slotServer: Int32Array;
  private readonly slotFront: Int32Array;
  private readonly slotUser: Int32Array;
  private readonly slotSequence: Uint32Array;
  private readonly slotArrivalMs: Float64Array;
  private readonly freeSlots: Int32Array;
  private freeCount: number;

  // Users.
  private readonly userRunning: Uint8Array;
  private crowdTarget = 0;
  private crowdThinkMs = 0;
  private crowdCumulative: Float64Array = new Float64Array(REQUEST_KINDS.length);
  private readonly openLoads: OpenLoad[] = [];

  // Results.
  private readonly stats: ServiceStats[];
  private readonly failures = new Map<string, number>();
  private readonly limitsHit: string[] = [];
  private lastBucketSecond = 0;

  private readonly random: {
    arrivals: RandomStream;
    mix: RandomStream;
    page: RandomStream;
    backend: RandomStream;
    service: RandomStream;
    think: RandomStream;
  };
  private readonly handlerArrive: number;
  private readonly handlerDone: number;
  private readonly handlerTimeout: number;
  /**
   * Every request's timeout is the same length, so deadlines fall due in the order requests
   * arrived: one FIFO of (deadline, request) and a single kernel event for its head stand in for
   * an event per request, which keeps the event queue to the work actually in progress.
   */
  private readonly timeoutDeadlinesMs: RingQueue;
  private readonly timeoutPayloads: RingQueue;
  private timeoutArmed = false;
  private readonly handlerUser: number;
  private readonly handlerOpen: number;

  constructor(
    readonly context: ModelContext,
    readonly network: Network,
    params: Partial<RequestEngineParams> = {},
  ) {
    this.params = { ...REQUEST_ENGINE_DEFAULTS, ...params };
    const { requestsInFlightMax, usersMax, reportSecondsMax } = this.params;
    assertArgument(
      Number.isInteger(requestsInFlightMax) && requestsInFlightMax > 0 && requestsInFlightMax < SLOT_SPACE,
      `RequestEngine: requestsInFlightMax must be a whole number in 1..${SLOT_SPACE - 1}, got ${requestsInFlightMax}`,
    );
    assertArgument(
      Number.isInteger(usersMax) && usersMax > 0,
      `RequestEngine: usersMax must be a positive whole number`,
    );
    assertArgument(this.params.userTimeoutMs > 0, `RequestEngine: userTimeoutMs must be positive`);
    this.kernel = context.kernel;
    const n = requestsInFlightMax;
    this.slotKind = new Uint8Array(n);
    this.slotPhase = new Uint8Array(n);
    this.slotAbandoned = new Uint8Array(n);
    this.slotUncached = new Uint8Array(n);
    this.slotAddressOk = new Uint8Array(n);
    this.slotAttempts = new Uint8Array(n);
    this.slotPage = new Int32Array(n);
    this.slotServer = new Int32Array(n);
    this.slotFront = new Int32Array(n);
    this.slotUser = new Int32Array(n);
    this.slotSequence = new Uint32Array(n);
    this.slotArrivalMs = new Float64Array(n);
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeCount = n;
    this.userRunning = new Uint8Array(usersMax);
    this.stats = SERVICE_NAMES.map(() => ({
      ok: 0,
      failed: 0,
      timedOut: 0,
      failedWrites: 0,
      histogram: new LatencyHistogram(),
      buckets: {
        ok: new Uint32Array(reportSecondsMax),
        failed: new Uint32Array(reportSecondsMax),
        timedOut: new Uint32Array(reportSecondsMax),
      },
    }));
    const streams = this.kernel.random;
    this.random = {
      arrivals: streams.stream('requests.arrivals'),
      mix: streams.stream('requests.mix'),
      page: streams.stream('requests.page'),
      backend: streams.stream('requests.backend'),
      service: streams.stream('requests.service'),
      think: streams.stream('requests.think'),
    };
    this.handlerArrive = this.kernel.registerHandler((payload) => this.onArrive(payload));
    this.handlerDone = this.kernel.registerHandler((payload) => this.onDone(payload));
    this.handlerTimeout = this.kernel.registerHandler(() => this.onTimeoutsDue());
    // Requests issued within one timeout, finished or not; bounded, and a run past it says so.
    this.timeoutDeadlinesMs = new RingQueue(TIMEOUTS_PENDING_MAX, 'requests.timeouts');
    this.timeoutPayloads = new RingQueue(TIMEOUTS_PENDING_MAX, 'requests.timeouts');
    this.handlerUser = this.kernel.registerHandler((user) => this.onUserReady(user));
    this.handlerOpen = this.kernel.registerHandler((handle) => this.onOpenArrival(handle));
  }

  /** Adds a CDN node; users are spread over the nodes that are up. */
  addFrontEnd(node: FrontEndPort): void {
    this.fronts.push(node);
  }

  /** Adds a web server so its host's changes reach the engine (backends are added when first used). */
  addWebServer(server: WebServerPort): void {
    this.serverIndex(server);
  }

  setDatabase(database: DatabasePort): void {
    this.database = database;
  }

  /** One request arriving now from a one-off user; pageIndex defaults to a draw. */
  submit(kind: RequestKind, pageIndex?: number): void {
    this.issue(REQUEST_KINDS.indexOf(kind), pageIndex ?? this.drawPage(), -1);
  }

  /** Work a server does for itself (staticify rendering key pages); counted in no service. */
  submitInternalRender(serverId: string, pageIndex: number): void {
    const index = this.serverIndexById.get(serverId);
    assertArgument(index !== undefined, `RequestEngine: unknown web server "${serverId}"`);
    const slot = this.allocate(KIND_INTERNAL, pageIndex, -1);
    if (slot < 0) return;
    this.slotServer[slot] = index;
    this.slotAddressOk[slot] = 1;
    this.enqueue(slot, this.servers[index] as ServerRuntime);
  }

  /** Poisson arrivals at a rate; returns a handle for setOpenLoadRate. */
  addOpenLoad(params: OpenLoadParams): number {
    const handle = this.openLoads.length;
    this.openLoads.push({ ratePerSecond: 0, cumulative: cumulativeMix(params.mix), scheduled: false });
    this.setOpenLoadRate(handle, params.ratePerSecond);
    return handle;
  }

  setOpenLoadRate(handle: number, ratePerSecond: number): void {
    const load = this.openLoads[handle];
    assertArgument(load !== undefined, `RequestEngine: no open load ${handle}`);
    assertArgument(
      ratePerSecond >= 0 && Number.isFinite(ratePerSecond),
      `RequestEngine: rate must be finite and ≥ 0, got ${ratePerSecond}`,
    );
    load.ratePerSecond = ratePerSecond;
    if (ratePerSecond > 0 && !load.scheduled) {
      load.scheduled = true;
      this.kernel.schedule(this.random.arrivals.exponential(1000 / ratePerSecond), this.handlerOpen, handle);
    }
  }

  /** A crowd of closed-loop users; call again to grow or shrink it. */
  setCrowd(params: CrowdParams): void {
    const { users, thinkTimeMs } = params;
    assertArgument(
      Number.isInteger(users) && users >= 0,
      `RequestEngine: users must be a whole number ≥ 0, got ${users}`,
    );
    if (users > this.params.usersMax)
      throw new LimitExceededError('usersMax', this.params.usersMax, `a crowd of ${users} users`);
    assertArgument(thinkTimeMs >= 0, `RequestEngine: thinkTimeMs must be ≥ 0`);
    this.crowdTarget = users;
    this.crowdThinkMs = thinkTimeMs;
    this.crowdCumulative = cumulativeMix(params.mix);
    // Bounded by usersMax: new users start at a random point in their first think time.
    for (let user = 0; user < users; user++) {
      if (this.userRunning[user] === 1) continue;
      this.userRunning[user] = 1;
      this.kernel.schedule(this.random.think.uniform(0, thinkTimeMs), this.handlerUser, user);
    }
  }

  secondBuckets(service: ServiceName): SecondBuckets {
    return (this.stats[SERVICE_NAMES.indexOf(service)] as ServiceStats).buckets;
  }

  /** Requests in the system now (including abandoned ones still on a server). */
  get inFlight(): number {
    return this.params.requestsInFlightMax - this.freeCount;
  }

  /** Busy and queued requests at a web server. */
  serverLoad(serverId: string): { busy: number; queued: number } {
    const index = this.serverIndexById.get(serverId);
    if (index === undefined) return { busy: 0, queued: 0 };
    const server = this.servers[index] as ServerRuntime;
    return { busy: server.busy, queued: server.queue.length };
  }

  /** Outcomes so far per service, without the percentiles and downtime report() works out. */
  outcomeCounts(): Record<ServiceName, { ok: number; failed: number; timedOut: number }> {
    const counts = {} as Record<ServiceName, { ok: number; failed: number; timedOut: number }>;
    SERVICE_NAMES.forEach((name, index) => {
      const stats = this.stats[index] as ServiceStats;
      counts[name] = { ok: stats.ok, failed: stats.failed, timedOut: stats.timedOut };
    });
    return counts;
  }

  /** Public requests a web server has answered so far. */
  servedRequests(serverId: string): number {
    const index = this.serverIndexById.get(serverId);
    return index === undefined ? 0 : (this.servers[index] as ServerRuntime).served;
  }

  /** Public requests all web servers have answered so far. */
  servedRequestsTotal(): number {
    let total = 0;
    for (const server of this.servers) total += server.served;
    return total;
  }

  report(): EngineReport {
    const services = {} as Record<ServiceName, ServiceReport>;
    SERVICE_NAMES.forEach((name, index) => {
      services[name] = this.serviceReport(this.stats[index] as ServiceStats);
    });
    const failuresByReason: Record<string, number> = {};
    for (const key of [...this.failures.keys()].sort()) failuresByReason[key] = this.failures.get(key) ?? 0;
    return {
      services,
      writes: this.database?.writes() ?? { acknowledgedWrites: 0, lostWrites: 0, splitBrain: false },
      inFlight: this.inFlight,
      failuresByReason,
      limitsHit: [...this.limitsHit],
    };
  }

  // --- arrivals

  private onOpenArrival(handle: number): void {
    const load = this.openLoads[handle] as OpenLoad;
    if (load.ratePerSecond <= 0) {
      load.scheduled = false;
      return;
    }
    this.issue(this.drawKind(load.cumulative), this.drawPage(), -1);
    this.kernel.schedule(
      this.random.arrivals.exponential(1000 / load.ratePerSecond),
      this.handlerOpen,
      handle,
    );
  }

  private onUserReady(user: number): void {
    if (user >= this.crowdTarget) {
      this.userRunning[user] = 0;
      return;
    }
    this.issue(this.drawKind(this.crowdCumulative), this.drawPage(), user);
  }

  private issue(kind: number, page: number, user: number): void {
    const slot = this.allocate(kind, page, user);
    if (slot < 0) {
      if (user >= 0) this.userContinues(user, this.kernel.nowMs);
      return;
    }
    this.armTimeout(slot);
    const front = this.pickFront();
    if (front < 0) return this.fail(slot, 'noFrontEnd');
    this.slotFront[slot] = front;
    if (kind === KIND_STATIC) return this.serveStatic(slot, front);
    this.route(slot, undefined, this.params.clientRttMs / 2);
  }

  private serveStatic(slot: number, front: number): void {
    const node = this.fronts[front] as FrontEndPort;
    const nowMs = this.kernel.nowMs;
    let sentMs = nowMs + this.params.clientRttMs / 2;
    if (node.nic !== undefined) sentMs = node.nic.transmit.reserve(sentMs, this.params.staticAssetBytes);
    if (Number.isNaN(sentMs)) return this.fail(slot, 'cdnNicBacklog');
    this.finishOk(slot, sentMs + this.params.clientRttMs / 2);
  }

  private route(slot: number, excludeServerId: string | undefined, delayMs: number): void {
    const node = this.fronts[this.slotFront[slot] as number] as FrontEndPort;
    const kind = this.slotKind[slot] as number;
    const forAdmin = kind === KIND_ADMIN || kind === KIND_UPLOAD;
    const backend = node.chooseBackend(forAdmin, excludeServerId, this.random.backend.next());
    if (backend === undefined) return this.fail(slot, 'noBackend');
    const server = this.servers[this.serverIndex(backend.server)] as ServerRuntime;
    this.slotServer[slot] = server.index;
    this.slotAddressOk[slot] = backend.address === backend.server.address() ? 1 : 0;
    const nowMs = this.kernel.nowMs;
    let arriveMs = nowMs + delayMs + this.network.rttMs(node.location(), server.port.location()) / 2;
    const nic = server.port.host.nic;
    if (kind === KIND_UPLOAD && nic !== undefined) {
      arriveMs = nic.receive.reserve(arriveMs, this.params.uploadBytes);
      if (Number.isNaN(arriveMs)) return this.fail(slot, 'nicBacklog');
    }
    this.slotPhase[slot] = TO_BACKEND;
    this.kernel.schedule(arriveMs - nowMs, this.handlerArrive, this.payload(slot));
  }

  private onArrive(payload: number): void {
    const slot = this.slotOf(payload);
    if (slot < 0) return;
    if (this.slotAbandoned[slot] === 1) return this.release(slot);
    const server = this.servers[this.slotServer[slot] as number] as ServerRuntime;
    if (this.slotAddressOk[slot] === 0 || !server.port.host.isAccepting()) {
      // Refused (or nothing at that address): the node retries on another backend.
      const node = this.fronts[this.slotFront[slot] as number] as FrontEndPort;
      const attempts = (this.slotAttempts[slot] as number) + 1;
      this.slotAttempts[slot] = attempts;
      if (attempts > node.retriesMax)
        return this.fail(slot, this.slotAddressOk[slot] === 0 ? 'staleAddress' : 'refused');
      const backRttMs = this.network.rttMs(server.port.location(), node.location()) / 2;
      return this.route(slot, server.port.id, backRttMs);
    }
    this.enqueue(slot, server);
  }

  // --- web server

  private enqueue(slot: number, server: ServerRuntime): void {
    if (server.busy < server.port.host.workerSlots) return this.startService(slot, server);
    if (server.queue.length >= server.port.queueLengthMax) return this.fail(slot, 'queueFull');
    this.slotPhase[slot] = QUEUED;
    server.queue.push(slot);
  }

  private startService(slot: number, server: ServerRuntime): void {
    const nowMs = this.kernel.nowMs;
    const kind = this.slotKind[slot] as number;
    const host = server.port.host;
    let uncached = kind !== KIND_KEY_PAGE;
    if (kind === KIND_PAGE && server.port.isPageCached(this.slotPage[slot] as number, nowMs))
      uncached = false;
    let serviceMs: number;
    let doneMs: number;
    if (!uncached) {
      serviceMs = this.params.cachedPageCpuMs * host.cpuSlowdown();
      doneMs = nowMs + serviceMs;
    } else {
      const database = this.database;
      const dbLocation = database?.queryLocation();
      if (database === undefined || dbLocation === undefined) return this.fail(slot, 'dbUnavailable');
      const { queriesPerUncachedPage, dbQueryMs, serviceJitter } = this.params;
      const jitter = this.random.service.uniform(1 - serviceJitter, 1 + serviceJitter);
      const dbRoundTripMs = this.network.rttMs(server.port.location(), dbLocation) + dbQueryMs;
      const cpuFactor = kind === KIND_SLOW_PAGE ? this.params.slowPageFactor : 1;
      serviceMs =
        host.uncachedPageCpuMs * cpuFactor * host.cpuSlowdown() * jitter +
        queriesPerUncachedPage * dbRoundTripMs;
      database.noteQueries(queriesPerUncachedPage, dbQueryMs);
      doneMs = nowMs + serviceMs;
      if (host.nic !== undefined) {
        const dbBytesDoneMs = host.nic.receive.reserve(
          nowMs,
          queriesPerUncachedPage * this.params.dbBytesPerQuery,
        );
        if (Number.isNaN(dbBytesDoneMs)) return this.fail(slot, 'nicBacklog');
        doneMs = Math.max(doneMs, dbBytesDoneMs);
      }
    }
    this.slotUncached[slot] = uncached ? 1 : 0;
    this.slotPhase[slot] = IN_SERVICE;
    this.changeBusy(server, +1);
    this.kernel.schedule(doneMs - nowMs, this.handlerDone, this.payload(slot));
  }

  private onDone(payload: number): void {
    const slot = this.slotOf(payload);
    if (slot < 0) return;
    const server = this.servers[this.slotServer[slot] as number] as ServerRuntime;
    this.changeBusy(server, -1);
    this.startQueued(server);
    const kind = this.slotKind[slot] as number;
    const page = this.slotPage[slot] as number;
    const nowMs = this.kernel.nowMs;
    if (kind === KIND_COMMENT || kind === KIND_ADMIN || kind === KIND_UPLOAD) {
      // The write commits even if the user left: PHP runs to the end.
      if (this.database === undefined || !this.database.commitWrite(this.params.writeBytes))
        return this.fail(slot, 'dbReadOnly');
      if (kind === KIND_COMMENT) server.port.notePageInvalidated(page);
      if (kind === KIND_UPLOAD) server.port.noteUpload?.();
    } else if ((kind === KIND_PAGE || kind === KIND_INTERNAL) && this.slotUncached[slot] === 1) {
      server.port.notePageRendered(page, nowMs);
    }
    if (kind === KIND_INTERNAL || this.slotAbandoned[slot] === 1) return this.release(slot);
    if (serviceCode(kind) === SERVICE_WWW) server.served++;
    const node = this.fronts[this.slotFront[slot] as number] as FrontEndPort;
    let sentMs = nowMs;
    const nic = server.port.host.nic;
    if (nic !== undefined) sentMs = nic.transmit.reserve(nowMs, this.params.pageBytes);
    if (Number.isNaN(sentMs)) return this.fail(slot, 'nicBacklog');
    sentMs += this.network.rttMs(server.port.location(), node.location()) / 2;
    if (node.nic !== undefined) sentMs = node.nic.transmit.reserve(sentMs, this.params.pageBytes);
    if (Number.isNaN(sentMs)) return this.fail(slot, 'cdnNicBacklog');
    this.finishOk(slot, sentMs + this.params.clientRttMs / 2);
  }

  private startQueued(server: ServerRuntime): void {
    // Bounded by the queue's length: abandoned requests are skipped (their users left).
    while (server.queue.length > 0 && server.busy < server.port.host.workerSlots) {
      const slot = server.queue.shift();
      if (this.slotAbandoned[slot] === 1) {
        this.release(slot);
        continue;
      }
      this.startService(slot, server);
    }
  }

  private onHostChange(server: ServerRuntime): void {
    const host = server.port.host;
    const serving = host.isServing?.() ?? host.isAccepting();
    if (!serving) {
      // Down: everything queued or in service there is dropped (bounded by the slot count).
      server.queue.clear();
      const n = this.params.requestsInFlightMax;
      for (let slot = 0; slot < n; slot++) {
        const phase = this.slotPhase[slot] as number;
        if ((phase === QUEUED || phase === IN_SERVICE) && this.slotServer[slot] === server.index)
          this.fail(slot, 'hostDown');
      }
      this.changeBusy(server, -server.busy);
      return;
    }
    this.startQueued(server);
  }

  /**
   * Closes the open utilisation window of each server at the end of a run, so a run shorter than
   * a window, or the tail of a longer one, is not left out of the peak. A tail shorter than half a
   * window is left out when a full window was seen: a few seconds' average is not a peak.
   */
  flushUtilisation(): void {
    for (const server of this.servers) {
      this.changeBusy(server, 0);
      const windowMs = this.kernel.nowMs - server.windowStartMs;
      const hadFullWindow = server.windowStartMs > 0;
      if (windowMs > 0 && (!hadFullWindow || windowMs >= UTILISATION_WINDOW_MS / 2))
        this.context.parts.noteUtilisation(server.port.id, server.busyIntegralMs / windowMs);
    }
  }

  private changeBusy(server: ServerRuntime, delta: number): void {
    const nowMs = this.kernel.nowMs;
    const slots = Math.max(1, server.port.host.workerSlots);
    server.busyIntegralMs += (server.busy / slots) * (nowMs - server.lastChangeMs);
    server.lastChangeMs = nowMs;
    server.busy += delta;
    const windowMs = nowMs - server.windowStartMs;
    if (windowMs >= UTILISATION_WINDOW_MS) {
      this.context.parts.noteUtilisation(server.port.id, server.busyIntegralMs / windowMs);
      server.busyIntegralMs = 0;
      server.windowStartMs = nowMs;
    }
  }

  // --- outcomes

  private finishOk(slot: number, deliveredMs: number): void {
    const arrivalMs = this.slotArrivalMs[slot] as number;
    const kind = this.slotKind[slot] as number;
    const user = this.slotUser[slot] as number;
    const timeoutAtMs = arrivalMs + this.params.userTimeoutMs;
    if (deliveredMs > timeoutAtMs) {
      // Bucketed when the user asked: the site failed them then, though they gave up later.
      this.record(kind, 'timedOut', arrivalMs, this.params.userTimeoutMs);
      if (user >= 0) this.userContinues(user, timeoutAtMs);
    } else {
      this.record(kind, 'ok', deliveredMs, deliveredMs - arrivalMs);
      if (user >= 0) this.userContinues(user, deliveredMs);
    }
    this.release(slot);
  }

  private fail(slot: number, reason: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
    if (this.slotAbandoned[slot] === 0) {
      const nowMs = this.kernel.nowMs;
      this.record(this.slotKind[slot] as number, 'failed', nowMs, 0);
      const user = this.slotUser[slot] as number;
      if (user >= 0) this.userContinues(user, nowMs);
    }
    this.release(slot);
  }

  private armTimeout(slot: number): void {
    this.timeoutDeadlinesMs.push(this.kernel.nowMs + this.params.userTimeoutMs);
    this.timeoutPayloads.push(this.payload(slot));
    if (this.timeoutArmed) return;
    this.timeoutArmed = true;
    this.kernel.schedule(this.params.userTimeoutMs, this.handlerTimeout);
  }

  /** Times out every request whose deadline has come (skipping finished ones), then re-arms. */
  private onTimeoutsDue(): void {
    const nowMs = this.kernel.nowMs;
    const deadlines = this.timeoutDeadlinesMs;
    // Bounded by the FIFO's length.
    while (deadlines.length > 0 && deadlines.peek() <= nowMs) {
      deadlines.shift();
      this.onTimeout(this.timeoutPayloads.shift());
    }
    // Deadlines are handled in batches at most TIMEOUT_RESOLUTION_MS apart: a user who gives up
    // after 30 s is let go up to a tenth of a second late (their outcome is booked at the exact
    // deadline by finishOk and record), for one event per batch instead of one per request.
    if (deadlines.length > 0)
      this.kernel.schedule(Math.max(deadlines.peek() - nowMs, TIMEOUT_RESOLUTION_MS), this.handlerTimeout);
    else this.timeoutArmed = false;
  }

  private onTimeout(payload: number): void {
    const slot = this.slotOf(payload);
    if (slot < 0 || this.slotAbandoned[slot] === 1) return;
    const kind = this.slotKind[slot] as number;
    if (kind === KIND_INTERNAL) return;
    this.slotAbandoned[slot] = 1;
    const nowMs = this.kernel.nowMs;
    this.record(kind, 'timedOut', this.slotArrivalMs[slot] as number, this.params.userTimeoutMs);
    const user = this.slotUser[slot] as number;
    if (user >= 0) this.userContinues(user, nowMs);
  }

  private record(kind: number, outcome: 'ok' | 'failed' | 'timedOut', atMs: number, latencyMs: number): void {
    const service = serviceCode(kind);
    if (service === SERVICE_NONE) return;
    const stats = this.stats[service] as ServiceStats;
    stats[outcome]++;
    if (outcome !== 'ok' && isWriteKind(kind)) stats.failedWrites++;
    // A timed-out request counts in the latency percentiles at the timeout: what the user waited.
    if (outcome !== 'failed') stats.histogram.record(latencyMs);
    const second = Math.floor(atMs / 1000);
    if (second >= this.params.reportSecondsMax) {
      const message = `reportSecondsMax (${this.params.reportSecondsMax}): later outcomes are counted but not bucketed`;
      if (!this.limitsHit.includes(message)) this.limitsHit.push(message);
      return;
    }
    const bucket = stats.buckets[outcome];
    bucket[second] = (bucket[second] as number) + 1;
    if (second > this.lastBucketSecond) this.lastBucketSecond = second;
  }

  /**
   * Whether a second counts as down by its outcomes: at least downtimeFailShareMin of the requests
   * users made in it failed or timed out. One rule, for the engine's report and the scenario's.
   */
  failedMostOfSecond(service: ServiceName, second: number): boolean {
    return this.failedMostOf((this.stats[SERVICE_NAMES.indexOf(service)] as ServiceStats).buckets, second);
  }

  private failedMostOf(buckets: SecondBuckets, second: number): boolean {
    const bad = (buckets.failed[second] ?? 0) + (buckets.timedOut[second] ?? 0);
    return bad > 0 && bad >= this.params.downtimeFailShareMin * (bad + (buckets.ok[second] ?? 0));
  }

  private serviceReport(stats: ServiceStats): ServiceReport {
    let downtimeSeconds = 0;
    let secondsWithFailures = 0;
    const { failed, timedOut } = stats.buckets;
    for (let second = 0; second <= this.lastBucketSecond; second++) {
      if ((failed[second] as number) + (timedOut[second] as number) === 0) continue;
      secondsWithFailures++;
      if (this.failedMostOf(stats.buckets, second)) downtimeSeconds++;
    }
    return {
      requests: stats.ok + stats.failed + stats.timedOut,
      ok: stats.ok,
      failed: stats.failed,
      timedOut: stats.timedOut,
      failedWrites: stats.failedWrites,
      downtimeSeconds,
      secondsWithFailures,
      latencyMs: {
        p50: stats.histogram.percentileMs(0.5),
        p95: stats.histogram.percentileMs(0.95),
        p99: stats.histogram.percentileMs(0.99),
      },
    };
  }

  private userContinues(user: number, atMs: number): void {
    const delayMs = atMs - this.kernel.nowMs + this.random.think.exponential(this.crowdThinkMs);
    this.kernel.schedule(Math.max(0, delayMs), this.handlerUser, user);
  }

  // --- slots

  private allocate(kind: number, page: number, user: number): number {
    if (this.freeCount === 0) {
      const message = `requestsInFlightMax (${this.params.requestsInFlightMax}) reached: requests refused`;
      if (!this.limitsHit.includes(message)) this.limitsHit.push(message);
      this.failures.set('inFlightMax', (this.failures.get('inFlightMax') ?? 0) + 1);
      this.record(kind, 'failed', this.kernel.nowMs, 0);
      return -1;
    }
    const slot = this.freeSlots[--this.freeCount] as number;
    this.slotKind[slot] = kind;
    this.slotPage[slot] = page;
    this.slotUser[slot] = user;
    this.slotArrivalMs[slot] = this.kernel.nowMs;
    this.slotAbandoned[slot] = 0;
    this.slotAttempts[slot] = 0;
    this.slotUncached[slot] = 0;
    this.slotServer[slot] = -1;
    this.slotFront[slot] = -1;
    this.slotPhase[slot] = TO_BACKEND;
    return slot;
  }

  private release(slot: number): void {
    this.slotPhase[slot] = FREE;
    this.slotSequence[slot] = ((this.slotSequence[slot] as number) + 1) % SEQUENCE_WRAP;
    this.freeSlots[this.freeCount++] = slot;
  }

  private payload(slot: number): number {
    return (this.slotSequence[slot] as number) * SLOT_SPACE + slot;
  }

  /** The slot an event is for, or -1 when the slot has moved on (a stale event). */
  private slotOf(payload: number): number {
    const slot = payload % SLOT_SPACE;
    const sequence = (payload - slot) / SLOT_SPACE;
    if (this.slotSequence[slot] !== sequence || this.slotPhase[slot] === FREE) return -1;
    return slot;
  }

  private pickFront(): number {
    const count = this.fronts.length;
    for (let tried = 0; tried < count; tried++) {
      const index = this.frontCursor++ % count;
      if ((this.fronts[index] as FrontEndPort).isUp()) return index;
    }
    return -1;
  }

  private serverIndex(port: WebServerPort): number {
    const known = this.serverIndexById.get(port.id);
    if (known !== undefined) return known;
    const server: ServerRuntime = {
      port,
      index: this.servers.length,
      busy: 0,
      queue: new RingQueue(port.queueLengthMax, `${port.id}.queue`),
      busyIntegralMs: 0,
      lastChangeMs: this.kernel.nowMs,
      windowStartMs: this.kernel.nowMs,
      served: 0,
    };
    this.servers.push(server);
    this.serverIndexById.set(port.id, server.index);
    port.host.onChange(() => this.onHostChange(server));
    return server.index;
  }

  private drawKind(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1] as number;
    const target = this.random.mix.next() * total;
    for (let index = 0; index < cumulative.length; index++)
      if (target < (cumulative[index] as number)) return index;
    return cumulative.length - 1;
  }

  /** Popular pages dominate: page = floor(pagesCount × u³) (an assumption; the seeds give no mix). */
  private drawPage(): number {
    const u = this.random.page.next();
    return Math.floor(this.params.pagesCount * u * u * u);
  }
}

/** Comments, admin actions and uploads write to the DB; everything else only reads. */
function isWriteKind(kind: number): boolean {
  return kind === KIND_COMMENT || kind === KIND_ADMIN || kind === KIND_UPLOAD;
}

function serviceCode(kind: number): number {
  if (kind === KIND_INTERNAL) return SERVICE_NONE;
  return kind === KIND_ADMIN || kind === KIND_UPLOAD ? SERVICE_ADMIN : SERVICE_WWW;
}

function cumulativeMix(mix: RequestMix): Float64Array {
  const cumulative = new Float64Array(REQUEST_KINDS.length);
  let total = 0;
  REQUEST_KINDS.forEach((kind, index) => {
    const weight = mix[kind] ?? 0;
    assertArgument(
      weight >= 0 && Number.isFinite(weight),
      `request mix: weight of ${kind} must be finite and ≥ 0`,
    );
    total += weight;
    cumulative[index] = total;
  });
  assertArgument(total > 0, 'request mix: at least one kind needs a positive weight');
  return cumulative;
}
