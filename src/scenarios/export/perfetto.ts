import type { Report } from '../report.ts';
import {
  COUNTER_EVENT,
  FAULT_EVENT,
  isMachineEvent,
  OUTCOMES_EVENT,
  outcomeIntervals,
  PLAN_PART,
} from './traceLines.ts';
import type { TraceLine } from './traceLines.ts';

/**
 * One event of the Chrome Trace Event format's JSON, the subset Perfetto UI and chrome://tracing
 * import: complete slices (X), instants (i), counters (C) and metadata naming processes and
 * threads (M). Times are microseconds.
 */
export interface ChromeTraceEvent {
  name: string;
  ph: 'X' | 'i' | 'C' | 'M';
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  /** An instant's scope: its thread, or the whole trace. */
  s?: 't' | 'g';
  cat?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: 'ms';
  otherData: { scenario: string; seed: number; traceHash: string; startsAt?: string };
}

/** Process ids of the run's own lanes; parts' processes (one per kind) are numbered after them. */
const PLAN_PID = 1;
const USERS_PID = 2;
const EVENTS_PID = 3;
const FIRST_PART_PID = 10;
const MICROSECONDS_PER_MS = 1000;
const MICROSECONDS_PER_SECOND = 1_000_000;

interface Lanes {
  /** A part's process and thread. */
  readonly threads: Map<string, { pid: number; tid: number }>;
  readonly metadata: ChromeTraceEvent[];
}

function nameEvent(kind: 'process_name' | 'thread_name', pid: number, tid: number, name: string) {
  return { name: kind, ph: 'M' as const, ts: 0, pid, tid, args: { name } };
}

function sortEvent(
  kind: 'process_sort_index' | 'thread_sort_index',
  pid: number,
  tid: number,
  index: number,
) {
  return { name: kind, ph: 'M' as const, ts: 0, pid, tid, args: { sort_index: index } };
}

/**
 * Gives every part a thread in its kind's process (vm, mysql, raspberryPi.pi3...), in the report's
 * order, and names them all, so Perfetto groups the 108 Pis of a shelf under one process.
 */
function assignLanes(report: Report): Lanes {
  const threads = new Map<string, { pid: number; tid: number }>();
  const metadata: ChromeTraceEvent[] = [
    nameEvent('process_name', PLAN_PID, 0, 'plan'),
    sortEvent('process_sort_index', PLAN_PID, 0, PLAN_PID),
    nameEvent('thread_name', PLAN_PID, 1, 'steps'),
    nameEvent('process_name', USERS_PID, 0, 'users'),
    sortEvent('process_sort_index', USERS_PID, 0, USERS_PID),
    nameEvent('process_name', EVENTS_PID, 0, 'faults and events'),
    sortEvent('process_sort_index', EVENTS_PID, 0, EVENTS_PID),
    nameEvent('thread_name', EVENTS_PID, 1, 'unattached'),
  ];
  const pidOfKind = new Map<string, number>();
  const threadsInKind = new Map<number, number>();
  for (const [id, part] of Object.entries(report.parts)) {
    let pid = pidOfKind.get(part.kind);
    if (pid === undefined) {
      pid = FIRST_PART_PID + pidOfKind.size;
      pidOfKind.set(part.kind, pid);
      metadata.push(
        nameEvent('process_name', pid, 0, part.kind),
        sortEvent('process_sort_index', pid, 0, pid),
      );
    }
    const tid = (threadsInKind.get(pid) ?? 0) + 1;
    threadsInKind.set(pid, tid);
    threads.set(id, { pid, tid });
    metadata.push(nameEvent('thread_name', pid, tid, id), sortEvent('thread_sort_index', pid, tid, tid));
  }
  return { threads, metadata };
}

/** The XState tags a state carries, when the report gives them (older reports do not). */
function tagsOf(change: object): readonly string[] | undefined {
  const tags = (change as { tags?: unknown }).tags;
  return Array.isArray(tags) ? (tags as string[]) : undefined;
}

/** Each part's states as consecutive slices; the last lasts to the end of the run. */
function stateSlices(report: Report, lanes: Lanes): ChromeTraceEvent[] {
  const slices: ChromeTraceEvent[] = [];
  for (const [id, part] of Object.entries(report.parts)) {
    const lane = lanes.threads.get(id);
    if (lane === undefined) continue;
    part.states.forEach((change, index) => {
      const endSeconds = part.states[index + 1]?.at ?? report.durationSeconds;
      const tags = tagsOf(change);
      slices.push({
        name: change.state,
        cat: 'state',
        ph: 'X',
        ts: Math.round(change.at * MICROSECONDS_PER_SECOND),
        dur: Math.max(0, Math.round((endSeconds - change.at) * MICROSECONDS_PER_SECOND)),
        ...lane,
        args: tags === undefined ? { state: change.state } : { state: change.state, tags },
      });
    });
  }
  return slices;
}

/** The plan's steps as slices on one thread, each with what it cost users and admins. */
function stepSlices(report: Report): ChromeTraceEvent[] {
  return report.steps.map((step) => ({
    name: step.name,
    cat: 'plan',
    ph: 'X' as const,
    ts: Math.round(step.startedAt * MICROSECONDS_PER_SECOND),
    dur: Math.max(0, Math.round((step.endedAt - step.startedAt) * MICROSECONDS_PER_SECOND)),
    pid: PLAN_PID,
    tid: 1,
    args: {
      action: step.action,
      outcome: step.outcome,
      failedRequests: step.failedRequests,
      adminDowntimeSeconds: step.adminDowntimeSeconds,
    },
  }));
}

/**
 * Each service's minute of outcomes as a counter track (requests ok, failed, timed out in that
 * minute), set at the start of the minute it counts, as the trace's outcomes lines carry them.
 */
function outcomeCounters(lines: readonly TraceLine[]): ChromeTraceEvent[] {
  return outcomeIntervals(lines).map((interval) => ({
    name: `${interval.part} requests per minute`,
    cat: 'users',
    ph: 'C' as const,
    ts: Math.round(interval.startMs * MICROSECONDS_PER_MS),
    pid: USERS_PID,
    tid: 0,
    args: { ok: interval.ok, failed: interval.failed, timedOut: interval.timedOut },
  }));
}

/**
 * The parts' per-minute counter lines (utilisation, temperature, replication lag, queue length) as
 * counter tracks in the part's process, named by part and counter; a shelf's track also carries
 * its coolest Pi and its mean beside the hottest. A part the report does not list goes with the
 * unattached events.
 */
function partCounters(lines: readonly TraceLine[], lanes: Lanes): ChromeTraceEvent[] {
  const counters: ChromeTraceEvent[] = [];
  for (const line of lines) {
    if (line.event !== COUNTER_EVENT) continue;
    const { name, value, minC, meanC } = line.details;
    if (typeof name !== 'string' || typeof value !== 'number') continue;
    const series: Record<string, number> = { value };
    if (typeof minC === 'number') series['min'] = minC;
    if (typeof meanC === 'number') series['mean'] = meanC;
    counters.push({
      name: `${line.part} ${name}`,
      cat: 'counter',
      ph: 'C',
      ts: Math.round(line.timeMs * MICROSECONDS_PER_MS),
      pid: (lanes.threads.get(line.part) ?? { pid: EVENTS_PID }).pid,
      tid: 0,
      args: series,
    });
  }
  return counters;
}

/**
 * Faults and the model's domain events (backendDown, criticalTemperature, storageFailed...) as
 * instants on the part they happened to; a fault is also marked across the whole trace.
 */
function eventInstants(lines: readonly TraceLine[], lanes: Lanes): ChromeTraceEvent[] {
  const instants: ChromeTraceEvent[] = [];
  for (const line of lines) {
    if (line.part === PLAN_PART || line.event === OUTCOMES_EVENT || line.event === COUNTER_EVENT) continue;
    if (isMachineEvent(line)) continue;
    const lane = lanes.threads.get(line.part) ?? { pid: EVENTS_PID, tid: 1 };
    const isFault = line.event === FAULT_EVENT;
    const detailName = typeof line.details['name'] === 'string' ? line.details['name'] : undefined;
    instants.push({
      name: isFault ? `fault: ${detailName ?? String(line.details['kind'])}` : line.event,
      cat: isFault ? 'fault' : 'event',
      ph: 'i',
      ts: Math.round(line.timeMs * MICROSECONDS_PER_MS),
      ...lane,
      s: isFault ? 'g' : 't',
      args: { part: line.part, ...line.details },
    });
  }
  return instants;
}

/**
 * A run as Chrome Trace Event JSON, which Perfetto UI (ui.perfetto.dev) and chrome://tracing open
 * as it is: parts as threads grouped by kind into processes, states as slices, the plan as a lane
 * of slices, users' minutes and the parts' counters as counter tracks, faults and events as instants. Pure: the same report and
 * trace give the same JSON.
 */
export function perfettoTrace(report: Report, lines: readonly TraceLine[]): ChromeTrace {
  const lanes = assignLanes(report);
  const timed = [
    ...stepSlices(report),
    ...stateSlices(report, lanes),
    ...outcomeCounters(lines),
    ...partCounters(lines, lanes),
    ...eventInstants(lines, lanes),
  ];
  // A stable sort by time keeps equal-time events in the order the run produced them.
  timed.sort((a, b) => a.ts - b.ts);
  return {
    traceEvents: [...lanes.metadata, ...timed],
    displayTimeUnit: 'ms',
    otherData: {
      scenario: report.scenario,
      seed: report.seed,
      traceHash: report.traceHash,
      ...(report.startsAt === undefined ? {} : { startsAt: report.startsAt }),
    },
  };
}
