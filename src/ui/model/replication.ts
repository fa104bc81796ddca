import type { Report } from '../../scenarios/report.ts';
import { lineIndexAt } from './counters.ts';
import type { CounterIndex } from './counters.ts';
import { stateAt, tagsOf } from './stateAt.ts';
import type { StateChange } from './stateAt.ts';

/** The counter the runner writes for each MySQL server once a minute (see counterSampler.ts). */
const LAG_COUNTER = 'replicationLagMs';

/** A primary → replica arrow at one time, with what the replica's last lag reading said. */
export interface ReplicationLink {
  readonly primary: string;
  readonly replica: string;
  /** The last reading at or before the time; undefined before the replica's first line. */
  readonly lagMs: number | undefined;
  readonly writesBehind: number | undefined;
  /** Behind when the reading has any lag or any write missing, so the arrow is coloured. */
  readonly behind: boolean;
  readonly label: string;
}

/**
 * Whether a server is the primary: the report's tags say so when it carries them; older reports
 * without tags only have the state's name ('primary.writable', 'primary.locked').
 */
function isPrimary(change: StateChange): boolean {
  const tags = tagsOf(change);
  return tags === undefined ? change.state.startsWith('primary') : tags.includes('primary');
}

/** Whether a server takes the primary's writes: a replica, or one being seeded to become one. */
function receivesWrites(change: StateChange): boolean {
  const tags = tagsOf(change);
  return tags === undefined
    ? /replicating|seeding/.test(change.state)
    : tags.includes('replica') || tags.includes('receivesWrites');
}

/** A lag as a person reads it: whole seconds under a minute ('lag 29 s'), minutes and seconds above ('lag 1m58s'). */
export function lagText(lagMs: number): string {
  const seconds = Math.round(lagMs / 1000);
  if (seconds < 60) return `lag ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `lag ${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** A replica's lag and missing writes at a time: its last line at or before it, held until the next. */
function readingAt(counters: CounterIndex, replica: string, seconds: number) {
  const series = counters.get(replica)?.get(LAG_COUNTER);
  const index = series === undefined ? -1 : lineIndexAt(series, seconds);
  if (series === undefined || index < 0) return { lagMs: undefined, writesBehind: undefined };
  const writesBehind = series.details[index]?.['writesBehind'];
  return {
    lagMs: series.values[index],
    writesBehind: typeof writesBehind === 'number' ? writesBehind : undefined,
  };
}

/**
 * The replication arrows at a time: from the MySQL server that is primary then to each server that
 * receives its writes then, each labelled with the replica's lag as the trace's last counter line
 * before that time gave it. None when no server is primary (during a failover).
 */
export function replicationLinksAt(
  report: Report,
  counters: CounterIndex,
  seconds: number,
): ReplicationLink[] {
  const servers = Object.entries(report.parts)
    .filter(([id]) => id.endsWith('/mysql'))
    .flatMap(([id, part]) => {
      const change = stateAt(part.states, seconds);
      return change === undefined ? [] : [{ id, change }];
    });
  const primary = servers.find((server) => isPrimary(server.change));
  if (primary === undefined) return [];
  return servers
    .filter((server) => server.id !== primary.id && receivesWrites(server.change))
    .map((server) => {
      const { lagMs, writesBehind } = readingAt(counters, server.id, seconds);
      const behind = (lagMs ?? 0) > 0 || (writesBehind ?? 0) > 0;
      const lag = lagMs === undefined ? 'lag not read yet' : lagText(lagMs);
      const missing = lagMs === 0 && (writesBehind ?? 0) > 0 ? ` (${writesBehind} writes behind)` : '';
      return { primary: primary.id, replica: server.id, lagMs, writesBehind, behind, label: lag + missing };
    });
}
