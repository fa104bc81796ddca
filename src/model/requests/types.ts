/**
 * The vocabulary of the request engine, shared by the engine, the workload and the reports.
 * Requests are numbers in typed arrays, never objects; these types describe them to callers.
 */

/**
 * What a user asks for. `keyPage`: one of the pages staticify renders every 60 s (served from the
 * static cache even to logged-in users); `page`: any other public page (Supercache for anonymous
 * users); `loggedInPage`: a page for a logged-in user (bypasses Supercache); `uncachedPage`: a
 * public page nobody has cached, which WordPress must render; `slowPage`: a rarely used slow
 * function (registering a Raspberry Jam: 004_b8bc5fb3cdb64335.txt); `comment`: a posted
 * comment (a DB write; invalidates the page's cache); `admin`: the WordPress admin (primary web
 * server only; a DB write); `upload`: new media through the admin (primary only; a write and a
 * large body); `staticAsset`: an image, script or stylesheet the CDN serves itself.
 */
export const REQUEST_KINDS = [
  'keyPage',
  'page',
  'loggedInPage',
  'uncachedPage',
  'slowPage',
  'comment',
  'admin',
  'upload',
  'staticAsset',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Relative weights of request kinds in a workload; missing kinds weigh 0. */
export type RequestMix = Partial<Record<RequestKind, number>>;

/**
 * Services reported apart: the public site's pages (page views and comments), the admin back end
 * (admin and upload requests), and the static files the CDN serves itself, so that cheap,
 * plentiful asset requests cannot dilute the pages' failure share.
 */
export const SERVICE_NAMES = ['www', 'admin', 'static'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export type RequestOutcome = 'ok' | 'failed' | 'timedOut';

export interface LatencyPercentilesMs {
  p50: number;
  p95: number;
  p99: number;
}

/** One service's results over a run. */
export interface ServiceReport {
  /** Requests whose outcome is known (ok + failed + timedOut). */
  requests: number;
  ok: number;
  failed: number;
  timedOut: number;
  /** Failed or timed-out requests that were writes (comments, admin, uploads): the rest were reads. */
  failedWrites: number;
  /**
   * Simulated seconds that count as down: a one-second bucket (by the time the outcome reached the
   * edge: the failure, or the user's timeout) in which at least `downtimeFailShareMin` (default
   * half) of the service's outcomes were failed or timed out.
   */
  downtimeSeconds: number;
  /** Stricter: one-second buckets holding at least one failed or timed-out request. */
  secondsWithFailures: number;
  /**
   * Latency of every request users made, user-side (arrival at the edge to the last byte back, to
   * the failure, or to the user's timeout for a timed-out one).
   */
  latencyMs: LatencyPercentilesMs;
  /** Latency of the answered (ok) requests only. */
  latencyAnsweredMs: LatencyPercentilesMs;
}

export interface WritesReport {
  /** Writes acknowledged to a user (comments, admin, uploads, direct writes). */
  acknowledgedWrites: number;
  /** Acknowledged writes missing from the primary after a failover. */
  lostWrites: number;
  /** Whether two writable MySQL primaries ever existed at one instant. */
  splitBrain: boolean;
}

export interface EngineReport {
  services: Record<ServiceName, ServiceReport>;
  writes: WritesReport;
  /** Requests still in the system when the report was made. */
  inFlight: number;
  /** Failures by cause (e.g. `noBackend`, `queueFull`, `hostDown`, `dbUnavailable`). */
  failuresByReason: Record<string, number>;
  /** Limits that were hit and refused work (never silent). */
  limitsHit: string[];
}
