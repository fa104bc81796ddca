import type { Network, NetworkLocation } from '../network.ts';
import type { DataTierClient, DataTierPort, DatabasePort } from './ports.ts';

/**
 * Today's data tier: the web servers query the MySQL topology directly. A page's queries run one
 * after another, each a network round trip to the server answering reads plus its (light) query
 * time, with no queue at the database (the seeds' DB is "almost completely idle":
 * 003_fadcec8afe75cc12.txt); a write commits at once on a writable primary. It answers every call
 * at once, inside the call.
 */
export class DirectDataTier implements DataTierPort {
  constructor(
    private readonly database: DatabasePort,
    private readonly network: Network,
    /** DB server time per query. */
    private readonly queryMs: number,
  ) {}

  runPageQueries(token: number, count: number, from: NetworkLocation, client: DataTierClient): void {
    const dbLocation = this.database.queryLocation();
    if (dbLocation === undefined) return client.dataFailed(token, 'dbUnavailable');
    const roundTripMs = this.network.rttMs(from, dbLocation) + this.queryMs;
    this.database.noteQueries(count, this.queryMs);
    client.queriesDone(token, count * roundTripMs);
  }

  commitWrite(token: number, bytes: number, client: DataTierClient): void {
    if (this.database.commitWrite(bytes)) client.writeDone(token);
    else client.dataFailed(token, 'dbReadOnly');
  }

  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean } {
    return this.database.writes();
  }
}
