import { OUTCOME_LOG_LIMITS } from './outcomeLog.ts';
import type { PageTimeDistribution } from './pageTime.ts';

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
  /** How an uncached page's CPU time is drawn around its mean (see pageTime.ts). */
  pageTimeDistribution: PageTimeDistribution;
  /** How many times an uncached page's CPU time a slow function takes. */
  slowPageFactor: number;
  /** Share of a second's outcomes failed or timed out for the second to count as down. */
  downtimeFailShareMin: number;
  /**
   * Seconds of outcomes logged (per-minute aggregates, and per-second detail where it is needed:
   * see OutcomeLog); later outcomes are counted in the totals and reported as a limit hit.
   */
  reportSecondsMax: number;
  /**
   * Runs the costly invariant checks (a pass over every slot) after each host change, at each
   * report and every INVARIANT_CHECK_EVENTS engine events. Off by default; tests turn it on, and
   * the CLI can expose it as `--check-invariants`. The cheap assertions are always on.
   */
  checkInvariants: boolean;
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
  pageTimeDistribution: 'uniform', // assumption: the ±20 % jitter above; 'exponential' matches M/M/c theory
  slowPageFactor: 10, // assumption: 004_b8bc5fb3cdb64335.txt gives no figure, only that such pages "timed out" on Pis
  downtimeFailShareMin: 0.5, // our definition: a second is down when half its outcomes failed
  reportSecondsMax: OUTCOME_LOG_LIMITS.secondsMax, // bound: the schema's longest run (366 days) plus a day
  checkInvariants: false, // off: the costly checks pass over every slot
};
