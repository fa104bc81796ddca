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

/** A page's queries in progress on one connection. */
interface PageRun {
  token: number;
  client: DataTierClient;
  remaining: number;
  /** Half the round trip between the web server and the DB: each query crosses it twice. */
  halfRttMs: number;
}

/**
 * MySQL as a queueing station behind the data-tier port. A page's queries go one after another on
 * its connection: each crosses half a round trip to the DB, waits for a free thread (first come,
 * first served), runs for its service time, and crosses back before the next is sent. Writes queue
 * the same way and are acknowledged once their commit has run. Connections are held from the first
 * query to the last answer; past connectionsMax a request is refused at once, as MySQL does with
 * "Too many connections". Utilisation is the threads' busy time, reported through the database.
 *
 * Start times follow the FIFO multi-server recursion: queries are taken in arrival order (each
 * decided in its own kernel event at its arrival), and each starts on the thread that frees
 * first, so the station needs one event per query and no queue of its own (its queue is bounded by
 * connectionsMax, one query per connection at a time).
 */
export class DatabaseStation implements DataTierPort {
  readonly params: DatabaseStationParams;
  private readonly kernel: ModelContext['kernel'];
  /** When each thread is next free. */
  private readonly threadFreeMs: Float64Array;
  private readonly runs = new Map<number, PageRun>();
  private readonly freeConnections: number[] = [];
  private connectionsInUse = 0;
  private readonly handlerArrive: number;
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
    for (let id = connectionsMax - 1; id >= 0; id--) this.freeConnections.push(id);
    this.handlerArrive = this.kernel.registerHandler((connection) => this.onQueryArrives(connection));
  }

  /** Connections open now. */
  get connections(): number {
    return this.connectionsInUse;
  }

  runPageQueries(token: number, count: number, from: NetworkLocation, client: DataTierClient): void {
    const dbLocation = this.database.queryLocation();
    if (dbLocation === undefined) return client.dataFailed(token, 'dbUnavailable');
    if (count <= 0) return client.queriesDone(token, 0);
    const connection = this.connect();
    if (connection < 0) return client.dataFailed(token, 'dbTooManyConnections');
    const halfRttMs = this.network.rttMs(from, dbLocation) / 2;
    this.runs.set(connection, { token, client, remaining: count, halfRttMs });
    this.kernel.schedule(halfRttMs, this.handlerArrive, connection);
  }

  commitWrite(token: number, bytes: number, client: DataTierClient): void {
    const connection = this.connect();
    if (connection < 0) return client.dataFailed(token, 'dbTooManyConnections');
    const serviceMs = this.params.writeQueryMs + this.params.commitMs;
    const endMs = this.takeThread(serviceMs);
    this.kernel.scheduleCallback(endMs - this.kernel.nowMs, () => {
      this.disconnect(connection);
      // The commit lands when it has run: a primary that went read-only meanwhile refuses it.
      if (this.database.commitWrite(bytes)) client.writeDone(token);
      else client.dataFailed(token, 'dbReadOnly');
    });
  }

  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean } {
    return this.database.writes();
  }

  /** One query of a page reaches the DB: it takes the first free thread, then the next is sent. */
  private onQueryArrives(connection: number): void {
    const run = this.runs.get(connection);
    if (run === undefined) return;
    if (this.database.queryLocation() === undefined) {
      this.finish(connection);
      return run.client.dataFailed(run.token, 'dbUnavailable');
    }
    const nowMs = this.kernel.nowMs;
    const endMs = this.takeThread(this.params.readQueryMs);
    run.remaining--;
    if (run.remaining > 0) {
      this.kernel.schedule(endMs + 2 * run.halfRttMs - nowMs, this.handlerArrive, connection);
      return;
    }
    this.finish(connection);
    // The last answer reaches the web server half a round trip after it ran.
    run.client.queriesDone(run.token, endMs + run.halfRttMs - nowMs);
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

  private connect(): number {
    const connection = this.freeConnections.pop();
    if (connection === undefined) {
      this.refusedConnections++;
      return -1;
    }
    this.connectionsInUse++;
    return connection;
  }

  private finish(connection: number): void {
    this.runs.delete(connection);
    this.disconnect(connection);
  }

  private disconnect(connection: number): void {
    this.freeConnections.push(connection);
    this.connectionsInUse--;
  }
}
