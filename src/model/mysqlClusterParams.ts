import type { NetworkLocation } from './network.ts';

/** Parameters of MySQL's servers and cluster, each with its source. */

export interface MysqlServerParams {
  id: string;
  /** Where the server runs (usually its VM's location, which changes when the VM moves). */
  location: () => NetworkLocation;
  /** Extra delay before this replica has a write: a slow SQL thread, a throttled link (tests, faults). */
  extraReplicationDelayMs?: number;
}

export interface MysqlClusterParams {
  /** A caught-up replica made primary: replication stopped and reset, read_only turned off. */
  promoteMs: number;
  /** The web servers pointed at the new primary (their DB host changed and pushed to them). */
  repointMs: number;
  /** A crashed primary noticed by the failover's monitor, before anything else happens. */
  crashDetectionMs: number;
  /** The global read lock taken on the primary to snapshot it for a new replica. */
  seedLockMs: number;
  /** Data copied to seed a replica. */
  dataBytes: number;
  /** Bandwidth for seeding within one site. */
  seedBitsPerSecondWithinSite: number;
  /** A replica's time to apply one write. */
  applyMs: number;
  cores: number;
  /** Most writes in flight to one replica; more is a limit hit (replication cannot keep up). */
  replicationBacklogMax: number;
  /** Most write outages recorded. */
  outagesMax: number;
}

export const MYSQL_CLUSTER_DEFAULTS: MysqlClusterParams = {
  promoteMs: 1_000, // assumption: STOP SLAVE, RESET SLAVE ALL and SET GLOBAL read_only = 0 run by a script
  // Assumption: WordPress's DB_HOST changed in wp-config.php and pushed to the web servers; PHP opens
  // a connection per request, so the next request after the push reaches the new primary.
  repointMs: 2_000,
  // Assumption: a monitor in the style of MHA (ping_interval 3 s by default) declares the primary
  // dead after three missed pings. The seeds' failover was planned (000_077f2af078f4f79b.txt).
  crashDetectionMs: 9_000,
  seedLockMs: 1_000, // assumption for 000_077f2af078f4f79b.txt's "only the briefest of interruptions"
  dataBytes: 5e9, // assumption: the WordPress database and its binlogs
  seedBitsPerSecondWithinSite: 1e9, // assumption: gigabit within a site
  // Assumption: a row change applies in well under a millisecond; one SQL thread applies the relay
  // log in order (MySQL 5.6's default, slave_parallel_workers = 0), so a backlog drains at 1/applyMs.
  applyMs: 0.2,
  cores: 8, // assumption: a DB VM; 003_fadcec8afe75cc12.txt: the DB was "almost completely idle"
  replicationBacklogMax: 1_000_000,
  outagesMax: 10_000,
};

/** A write outage: no writable primary from fromMs to toMs (NaN while it lasts). */
export interface WriteOutage {
  fromMs: number;
  toMs: number;
}
