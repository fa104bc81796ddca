import type { Nic } from '../link.ts';
import type { NetworkLocation } from '../network.ts';
import type { WebServerHost } from '../webServerHost.ts';

/**
 * What the request engine needs from the parts it routes through. The parts (webServer.ts,
 * cdnNode.ts, mysqlCluster.ts) implement these; tests and part 2 may supply their own.
 */

/** A web server (Apache + PHP + WordPress) on some host: a VM here, a Raspberry Pi in part 2. */
export interface WebServerPort {
  readonly id: string;
  readonly host: WebServerHost;
  /** The primary also serves admin and uploads and syncs files to the others. */
  readonly role: 'primary' | 'secondary';
  /** Where the host sits now (it changes when a VM moves). */
  location(): NetworkLocation;
  /** The address the host answers on now (it changes when a VM moves site). */
  address(): string;
  /** Most requests waiting for a worker (Apache's listen backlog); more are refused. */
  readonly queueLengthMax: number;
  /**
   * Apache's MaxRequestWorkers: connections served at once. A render holds one of them as well as
   * its PHP worker, so cached pages and static files (no PHP) get what renders leave free.
   */
  readonly requestWorkersMax: number;
  /** Whether this server's page cache holds a fresh copy of a page (Supercache). */
  isPageCached(pageIndex: number, nowMs: number): boolean;
  /** A page was rendered here: Supercache stores it (anonymous requests only). */
  notePageRendered(pageIndex: number, nowMs: number): void;
  /** A comment on this page was posted here: Supercache drops it. */
  notePageInvalidated(pageIndex: number): void;
  /** An upload was stored here (the primary); optional for servers that never take uploads. */
  noteUpload?(): void;
}

/** One backend as a CDN node sees it: the server, the address it was told, its weight. */
export interface BackendView {
  readonly server: WebServerPort;
  /** The address the node sends to; stale after a VM changed site until the node is told. */
  readonly address: string;
  readonly weight: number;
  /** Whether admin and uploads may go here (the primary web server). */
  readonly admin: boolean;
  /** The node's health check's view (false once it fell `fall` times in a row). */
  readonly healthy: boolean;
}

/** A front end / CDN node (a Mac Mini): picks backends and serves static assets itself. */
export interface FrontEndPort {
  readonly id: string;
  isUp(): boolean;
  location(): NetworkLocation;
  readonly nic: Nic | undefined;
  /** Retries of a refused connection on another backend (0 = no retry). */
  readonly retriesMax: number;
  /**
   * Picks a backend for a request by weight among healthy ones (admin-capable ones when
   * `forAdmin`), avoiding `excludeServerId` when another is available; undefined when none.
   * `uniform01` is a draw in [0, 1) from the engine's stream.
   */
  chooseBackend(
    forAdmin: boolean,
    excludeServerId: string | undefined,
    uniform01: number,
  ): BackendView | undefined;
  /** Called when the node changed (up/down, a backend's health, weight or address). */
  onChange(listener: () => void): void;
}

/** The MySQL topology as web servers see it: one writable primary (or none) and replicas. */
export interface DatabasePort {
  /** Where the server answering the web servers' queries sits; undefined when none answers. */
  queryLocation(): NetworkLocation | undefined;
  /** Whether reads are answered right now. */
  isReadable(): boolean;
  /** Commits one write now; true when it was acknowledged (a writable primary took it). */
  commitWrite(bytes: number): boolean;
  /** Query load for utilisation: `count` queries of `queryMs` each, arriving now. */
  noteQueries(count: number, queryMs: number): void;
  /** Writes so far: acknowledged, lost in failovers, and whether split brain was seen. */
  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean };
}

/** Why the data tier could not answer a request. */
export type DataTierFailure = 'dbUnavailable' | 'dbReadOnly' | 'dbTooManyConnections' | 'siteLinkDown';

/**
 * Where the data tier tells the web-server stage that a request's work is done. `token` is the
 * number the stage gave with the request (stale once the request has gone, which the stage checks),
 * so an answer may come at once, inside the call, or later from a kernel event.
 */
export interface DataTierClient {
  /**
   * A page's queries are answered: the web server spends `webServerMs` more on them (round trips
   * it waits through, counted with its CPU time), and their results come to it from now.
   */
  queriesDone(token: number, webServerMs: number): void;
  /** A write was committed and acknowledged. */
  writeDone(token: number): void;
  /** The data tier could not do the work. */
  dataFailed(token: number, reason: DataTierFailure): void;
}

/**
 * The data tier as the web-server stage sees it: it runs a page's queries and commits writes, and
 * calls the client back when they are done. Today's MySQL reached directly (directDataTier.ts) is
 * the first implementation; a cache, or a database with its own queue, can sit behind this port
 * without a change to the pipeline.
 */
export interface DataTierPort {
  /** Runs `count` queries for a page rendered by a web server at `from`; answers the client. */
  runPageQueries(token: number, count: number, from: NetworkLocation, client: DataTierClient): void;
  /** Commits one write of `bytes` (a comment, an admin change, an upload); answers the client. */
  commitWrite(token: number, bytes: number, client: DataTierClient): void;
  /** Writes so far: acknowledged, lost in failovers, and whether split brain was seen. */
  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean };
}
