import type { ModelContext } from '../part.ts';
import type { Network } from '../network.ts';
import type { DatabasePort, FrontEndPort, WebServerPort } from './ports.ts';
import type { EngineReport, RequestKind, RequestMix, ServiceName } from './types.ts';

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
  /** Share of a second's outcomes failed or timed out for the second to count as down. */
  downtimeFailShareMin: number;
  /** Seconds of per-second outcome buckets kept; later outcomes are reported as a limit hit. */
  reportSecondsMax: number;
}

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

/**
 * The request engine: takes user requests through CDN node → web server → DB and back, as numeric
 * slots in typed arrays and kernel events with numeric payloads (no object per request). It reads
 * the parts' states on each request and listens for their changes (a host stopping drops its
 * in-flight requests; a draining host finishes them).
 */
export class RequestEngine {
  constructor(
    readonly context: ModelContext,
    readonly network: Network,
    params: Partial<RequestEngineParams> = {},
  ) {
    void params;
    throw new Error('RequestEngine: not implemented yet');
  }

  /** Adds a CDN node; users are spread over the nodes that are up. */
  addFrontEnd(node: FrontEndPort): void {
    void node;
  }

  /** Adds a web server so its host's changes reach the engine (CDN backends add theirs too). */
  addWebServer(server: WebServerPort): void {
    void server;
  }

  setDatabase(database: DatabasePort): void {
    void database;
  }

  /** One request arriving now from a one-off user; pageIndex defaults to a draw. */
  submit(kind: RequestKind, pageIndex?: number): void {
    void kind;
    void pageIndex;
  }

  /** Work a server does for itself (staticify rendering key pages); counted in no service. */
  submitInternalRender(serverId: string, pageIndex: number): void {
    void serverId;
    void pageIndex;
  }

  /** Poisson arrivals at a rate; returns a handle for setOpenLoadRate. */
  addOpenLoad(params: OpenLoadParams): number {
    void params;
    return 0;
  }

  setOpenLoadRate(handle: number, ratePerSecond: number): void {
    void handle;
    void ratePerSecond;
  }

  /** A crowd of closed-loop users; call again to grow or shrink it. */
  setCrowd(params: CrowdParams): void {
    void params;
  }

  secondBuckets(service: ServiceName): SecondBuckets {
    void service;
    throw new Error('not implemented');
  }

  report(): EngineReport {
    throw new Error('not implemented');
  }
}
