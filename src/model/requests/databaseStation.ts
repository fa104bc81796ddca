import { assertArgument } from '../../sim/limits.ts';
import type { ModelContext } from '../part.ts';
import type { Network, NetworkLocation } from '../network.ts';
import type { DataTierClient, DataTierPort, DatabasePort } from './ports.ts';

/** What the MySQL server costs and holds, by kind of query. */
export interface DatabaseStationParams {
  /** Threads running queries at once: one per core of the DB VM (a query is CPU work on a cached working set). */
  threads: number;
  /** Most client connections at once (MySQL's max_connections); one more is refused. */
  connectionsMax: number;
  /** DB time of one read (a SELECT on an indexed column, rows in the buffer pool). */
  readQueryMs: number;
  /** DB time of one write statement (an INSERT or UPDATE and its index changes). */
  writeQueryMs: number;
  /** DB time of the commit that follows a write (the redo log and binlog flushed to disk). */
  commitMs: number;
}

export const DATABASE_STATION_DEFAULTS: DatabaseStationParams = {
  threads: 8, // assumption, the DB VM's cores (MYSQL_CLUSTER_DEFAULTS.cores); 003_fadcec8afe75cc12.txt gives none
  connectionsMax: 151, // MySQL 5.5–5.7 reference manual: max_connections defaults to 151
  // Assumption: point SELECTs from the buffer pool take a few hundred microseconds of server time in
  // sysbench-style benchmarks. Checked against 003_fadcec8afe75cc12.txt: with it the DB is "almost
  // completely idle" at the Pi Zero launch (test/scenarios, pi-zero-launch) and a page's 40 queries
  // cost ~8 ms of a VM's 0.4 s page ("Blog VM … 0.4" seconds per page, 003).
  readQueryMs: 0.2,
  writeQueryMs: 0.5, // assumption: a row insert touching a few secondary indexes
  commitMs: 1, // assumption: innodb_flush_log_at_trx_commit=1 flushes to a VM's virtual disk, ~1 ms
};

/**
 * MySQL as a queueing station behind the data-tier port. A page's queries go one after another on
 * its connection, each a round trip from the web server plus its service time on a thread; the
 * page's queries wait for a thread first come, first served. Writes queue the same way and are
 * acknowledged once their commit has run. A connection is held from the first query to the last
 * answer; past connectionsMax a request is refused at once, as MySQL does with "Too many
 * connections". Utilisation is the threads' busy time, reported through the database.
 *
 * Start times follow the FIFO multi-server recursion (work taken in arrival order starts on the
 * thread that frees first), decided when the page asks. A page's queries are booked as one job
 * on one thread, since they run one at a time: throughput, utilisation and saturation are those
 * of the per-query queue, and the wait comes once ahead of the queries rather than spread between
 * them. One kernel event per query (40 a page) made the Pi scenarios' runs several times slower,
 * so the page is answered inside the call, with no event of its own.
 */
export class DatabaseStation implements DataTierPort {
  readonly params: DatabaseStationParams;
  private readonly kernel: ModelContext['kernel'];
  /** When each thread is next free. */
  private readonly threadFreeMs: Float64Array;
  /** When each connection is next free (a connection is in use until then). */
  private readonly connectionFreeMs: Float64Array;
  /** Connections refused so far (a reading for tests and reports). */
  refusedConnections = 0;

  constructor(
    context: ModelContext,
    private readonly database: DatabasePort,
    private readonly network: Network,
    params: Partial<DatabaseStationParams> = {},
  ) {
    this.params = { ...DATABASE_STATION_DEFAULTS, ...params };
    const { threads, connectionsMax } = this.params;
    assertArgument(Number.isInteger(threads) && threads >= 1, `DatabaseStation: threads must be ≥ 1`);
    assertArgument(
      Number.isInteger(connectionsMax) && connectionsMax >= 1,
      `DatabaseStation: connectionsMax must be ≥ 1`,
    );
    this.kernel = context.kernel;
    this.threadFreeMs = new Float64Array(threads);
    this.connectionFreeMs = new Float64Array(connectionsMax);
  }

  /** Connections open now. */
  get connections(): number {
    const nowMs = this.kernel.nowMs;
    let open = 0;
    for (const freeMs of this.connectionFreeMs) if (freeMs > nowMs) open++;
    return open;
  }

  runPageQueries(token: number, count: number, from: NetworkLocation, client: DataTierClient): void {
    const dbLocation = this.database.queryLocation();
    if (dbLocation === undefined) return client.dataFailed(token, 'dbUnavailable');
    // A primary in the other site is out of reach while the link between them is down.
    if (this.network.isCutBetween(from, dbLocation, this.kernel.nowMs))
      return client.dataFailed(token, 'siteLinkDown');
    if (count <= 0) return client.queriesDone(token, 0);
    const connection = this.connect();
    if (connection < 0) return client.dataFailed(token, 'dbTooManyConnections');
    const nowMs = this.kernel.nowMs;
    const roundTripsMs = count * this.network.rttMs(from, dbLocation);
    const endMs = this.takeThread(count * this.params.readQueryMs) + roundTripsMs;
    this.connectionFreeMs[connection] = endMs;
    // The web server waits through the queue, the queries and their round trips.
    client.queriesDone(token, endMs - nowMs);
  }

  commitWrite(token: number, bytes: number, client: DataTierClient): void {
    const connection = this.connect();
    if (connection < 0) return client.dataFailed(token, 'dbTooManyConnections');
    const serviceMs = this.params.writeQueryMs + this.params.commitMs;
    const endMs = this.takeThread(serviceMs);
    this.connectionFreeMs[connection] = endMs;
    this.kernel.scheduleCallback(endMs - this.kernel.nowMs, () => {
      // The commit lands when it has run: a primary that went read-only meanwhile refuses it.
      if (this.database.commitWrite(bytes)) client.writeDone(token);
      else client.dataFailed(token, 'dbReadOnly');
    });
  }

  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean } {
    return this.database.writes();
  }

  /** Books `serviceMs` on the thread that frees first; returns when the work ends. */
  private takeThread(serviceMs: number): number {
    const nowMs = this.kernel.nowMs;
    let best = 0;
    for (let thread = 1; thread < this.threadFreeMs.length; thread++)
      if ((this.threadFreeMs[thread] as number) < (this.threadFreeMs[best] as number)) best = thread;
    const endMs = Math.max(nowMs, this.threadFreeMs[best] as number) + serviceMs;
    this.threadFreeMs[best] = endMs;
    this.database.noteQueries(1, serviceMs);
    return endMs;
  }

  /** A free connection's number, or -1 (counted) when all are open. */
  private connect(): number {
    const nowMs = this.kernel.nowMs;
    for (let connection = 0; connection < this.connectionFreeMs.length; connection++)
      if ((this.connectionFreeMs[connection] as number) <= nowMs) return connection;
    this.refusedConnections++;
    return -1;
  }
}
