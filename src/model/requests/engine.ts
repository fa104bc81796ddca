import type { ModelContext } from '../part.ts';
import type { Network } from '../network.ts';
import type { CrowdParams, OpenLoadParams } from './crowd.ts';
import { DirectDataTier } from './directDataTier.ts';
import { kindCode } from './kinds.ts';
import type { OutcomeCounts } from './outcomeLog.ts';
import { REQUEST_ENGINE_DEFAULTS } from './params.ts';
import type { RequestEngineParams } from './params.ts';
import { RequestPipeline } from './pipeline.ts';
import type { ServerRuntime } from './serverRuntime.ts';
import type { DataTierPort, DatabasePort, FrontEndPort, WebServerPort } from './ports.ts';
import { SERVICE_NAMES } from './types.ts';
import type { EngineReport, RequestKind, ServiceName, ServiceReport } from './types.ts';

export { REQUEST_ENGINE_DEFAULTS } from './params.ts';
export type { RequestEngineParams } from './params.ts';
export type { CrowdParams, OpenLoadParams } from './crowd.ts';
export type { OutcomeCounts } from './outcomeLog.ts';
export { UTILISATION_WINDOW_MS } from './utilisationWindow.ts';

/**
 * The request engine as the model and the runner see it: it wires the parts in (CDN nodes, web
 * servers, the data tier), sets the load, and reads what users saw. The work is done by the
 * pipeline (pipeline.ts) and its stations.
 */
export class RequestEngine {
  readonly params: RequestEngineParams;
  private readonly pipeline: RequestPipeline;

  constructor(
    readonly context: ModelContext,
    readonly network: Network,
    params: Partial<RequestEngineParams> = {},
  ) {
    this.params = { ...REQUEST_ENGINE_DEFAULTS, ...params };
    this.pipeline = new RequestPipeline(context, network, this.params);
  }

  /** Adds a CDN node; users are spread over the nodes that are up. */
  addFrontEnd(node: FrontEndPort): void {
    this.pipeline.fronts.push(node);
  }

  /** Adds a web server so its host's changes reach the engine (backends are added when first used). */
  addWebServer(server: WebServerPort): void {
    this.pipeline.serverIndex(server);
  }

  /** The MySQL topology reached directly: today's data tier. */
  setDatabase(database: DatabasePort): void {
    this.pipeline.dataTier = new DirectDataTier(database, this.network, this.params.dbQueryMs);
  }

  /** Any data tier (a cache, a queueing database) in place of the direct one. */
  setDataTier(dataTier: DataTierPort): void {
    this.pipeline.dataTier = dataTier;
  }

  /** One request arriving now from a one-off user; pageIndex defaults to a draw. */
  submit(kind: RequestKind, pageIndex?: number): void {
    this.pipeline.issue(kindCode(kind), pageIndex ?? this.pipeline.crowd.drawPage(), -1);
  }

  /** Work a server does for itself (staticify rendering key pages); counted in no service. */
  submitInternalRender(serverId: string, pageIndex: number): void {
    this.pipeline.submitInternalRender(serverId, pageIndex);
  }

  /** Poisson arrivals at a rate; returns a handle for setOpenLoadRate. */
  addOpenLoad(params: OpenLoadParams): number {
    return this.pipeline.crowd.addOpenLoad(params);
  }

  setOpenLoadRate(handle: number, ratePerSecond: number): void {
    this.pipeline.crowd.setOpenLoadRate(handle, ratePerSecond);
  }

  /** A crowd of closed-loop users; call again to grow or shrink it. */
  setCrowd(params: CrowdParams): void {
    this.pipeline.crowd.setCrowd(params);
  }

  /** Outcomes of a service booked in the whole seconds [fromSecond, toSecond) (see OutcomeLog). */
  outcomesBetween(service: ServiceName, fromSecond: number, toSecond: number): OutcomeCounts {
    return this.pipeline.log.countsBetween(SERVICE_NAMES.indexOf(service), fromSecond, toSecond);
  }

  /** Failed and timed-out requests of a service in the whole seconds [fromSecond, toSecond). */
  failedOrTimedOutBetween(service: ServiceName, fromSecond: number, toSecond: number): number {
    const counts = this.pipeline.log.countsBetween(
      SERVICE_NAMES.indexOf(service),
      fromSecond,
      toSecond,
      false,
    );
    return counts.failed + counts.timedOut;
  }

  /**
   * Whether a second counts as down by its outcomes: at least downtimeFailShareMin of the requests
   * users made in it failed or timed out. One rule, for the engine's report and the scenario's.
   */
  failedMostOfSecond(service: ServiceName, second: number): boolean {
    return this.pipeline.log.failedMostOfSecond(SERVICE_NAMES.indexOf(service), second);
  }

  /** Whether more than errorShareMax of a second's requests failed or timed out (see OutcomeLog). */
  secondOverErrorShare(service: ServiceName, second: number, errorShareMax: number): boolean {
    return this.pipeline.log.secondOverErrorShare(SERVICE_NAMES.indexOf(service), second, errorShareMax);
  }

  /** Answered requests of a service whose latency was at most latencyMs. */
  answeredWithinMs(service: ServiceName, latencyMs: number): number {
    return this.pipeline.log.answeredWithinMs(SERVICE_NAMES.indexOf(service), latencyMs);
  }

  /** The exact mean latency of a service's answered requests (user-side); 0 when none. */
  answeredMeanMs(service: ServiceName): number {
    return this.pipeline.log.answeredMeanMs(SERVICE_NAMES.indexOf(service));
  }

  /** Requests in the system now (including abandoned ones still on a server). */
  get inFlight(): number {
    return this.pipeline.slots.inUse;
  }

  /** Busy and queued requests at a web server, renders and cached hits together. */
  serverLoad(serverId: string): { busy: number; queued: number } {
    const index = this.pipeline.serverIndexById.get(serverId);
    if (index === undefined) return { busy: 0, queued: 0 };
    // Both stations: PHP's renders and Apache's cached hits.
    const { pool, cachedPool } = this.pipeline.servers[index] as ServerRuntime;
    return {
      busy: pool.busy + cachedPool.busy,
      queued: pool.queue.length + cachedPool.queue.length,
    };
  }

  /** Outcomes so far per service, without the percentiles and downtime report() works out. */
  outcomeCounts(): Record<ServiceName, OutcomeCounts> {
    const counts = {} as Record<ServiceName, OutcomeCounts>;
    SERVICE_NAMES.forEach((name, index) => (counts[name] = this.pipeline.log.totals(index)));
    return counts;
  }

  /** Busy PHP workers × ms a web server has had from the start to now (0 for one never used). */
  serverBusyWorkerMs(serverId: string): number {
    const index = this.pipeline.serverIndexById.get(serverId);
    if (index === undefined) return 0;
    return (this.pipeline.servers[index] as ServerRuntime).pool.busyWorkerMsAt(this.context.kernel.nowMs);
  }

  /** Worker-milliseconds Apache's own workers have spent on cached hits at a web server so far. */
  serverCachedBusyWorkerMs(serverId: string): number {
    const index = this.pipeline.serverIndexById.get(serverId);
    if (index === undefined) return 0;
    return (this.pipeline.servers[index] as ServerRuntime).cachedPool.busyWorkerMsAt(
      this.context.kernel.nowMs,
    );
  }

  /** Requests waiting at a web server for a worker now (PHP's queue and Apache's for cached hits). */
  serverQueueLength(serverId: string): number {
    const index = this.pipeline.serverIndexById.get(serverId);
    if (index === undefined) return 0;
    const { pool, cachedPool } = this.pipeline.servers[index] as ServerRuntime;
    return pool.queue.length + cachedPool.queue.length;
  }

  /** Public requests a web server has answered so far. */
  servedRequests(serverId: string): number {
    const index = this.pipeline.serverIndexById.get(serverId);
    return index === undefined ? 0 : (this.pipeline.servers[index] as ServerRuntime).served;
  }

  /** Public requests all web servers have answered so far. */
  servedRequestsTotal(): number {
    let total = 0;
    for (const server of this.pipeline.servers) total += server.served;
    return total;
  }

  report(): EngineReport {
    if (this.params.checkInvariants) this.checkInvariants();
    const services = {} as Record<ServiceName, ServiceReport>;
    SERVICE_NAMES.forEach((name, index) => (services[name] = this.pipeline.log.serviceReport(index)));
    return {
      services,
      writes: this.pipeline.dataTier?.writes() ?? { acknowledgedWrites: 0, lostWrites: 0, splitBrain: false },
      inFlight: this.inFlight,
      failuresByReason: this.pipeline.log.failuresByReason(),
      limitsHit: [...this.pipeline.limitsHit],
    };
  }

  /** Closes each server's open utilisation window at the end of a run (see UtilisationWindow). */
  flushUtilisation(): void {
    for (const server of this.pipeline.servers) server.pool.flushUtilisation(this.context.kernel.nowMs);
  }

  /** Runs the costly invariant checks now (see invariants.ts); throws on the first broken one. */
  checkInvariants(): void {
    this.pipeline.checkInvariants();
  }
}
