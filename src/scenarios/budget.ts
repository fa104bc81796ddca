import type { PathSegment } from './errors.ts';
import { expectedArrivals } from './run/arrivalCurve.ts';
import { usersAt } from './run/crowdCurve.ts';
import { FAULT_OCCURRENCES_MAX } from './run/faultInjector.ts';
import { RUN_EVENTS_MAX } from './run/runScenario.ts';
import type { Scenario } from './schema/index.ts';
import { formatDuration } from './units.ts';

/**
 * What a scenario will cost before it runs: the memory its parts, users and records take, and
 * the events its crowd and random faults make. Validation refuses what would not fit, with the
 * estimate, rather than letting a run die out of memory or stop at a limit hours in.
 *
 * The figures per item were measured on this model (Node 20, `node --expose-gc`, peak heap plus
 * array buffers during a one-minute run, garbage included): 200 shelves of 108 Pi 3s took 227 MB
 * above an empty run (about 9.3 KB a Pi); a constant crowd of a million users 95 MB (about 70 B a
 * user); a run with no crowd 25 MB; requests cost about 2.7 kernel events each. The estimate
 * rounds each up, so it errs on the side of refusing.
 */

/** Memory a run may use: fits a 2 GB heap, leaving a quarter for parsing, the report and garbage. */
export const MEMORY_BUDGET_BYTES = 1.5 * 2 ** 30;

/** The engine's fixed arrays (request slots, a week of per-second buckets) and an empty estate. */
const BASE_BYTES = 40e6;
/** One Raspberry Pi: its machine, SD card or NFS export, switch port, listeners, history. */
const PI_BYTES = 10_000;
/** Any other part (a host, VM, switch, CDN node, shelf): as much as a Pi, to err high. */
const PART_BYTES = 10_000;
/** One user of the crowd: their slot, their think-time event in the queue. */
const USER_BYTES = 100;
/** A request waiting for its timeout: its deadline and payload in two ring queues. */
const PENDING_REQUEST_BYTES = 16;
/** One second of the run in the monitors' downtime records (admin and www, a byte each). */
const SECOND_BYTES = 2;
/** Kernel events per request, measured about 2.7 on the built-ins; rounded up. */
const EVENTS_PER_REQUEST = 3;
/** Samples of the crowd curve when integrating user-seconds; its bends are few and smooth. */
const CROWD_SAMPLES = 1_000;

export interface ScenarioEstimate {
  readonly pis: number;
  readonly otherParts: number;
  readonly peakUsers: number;
  /** Requests the crowd makes over the run (user-seconds over the think time). */
  readonly requests: number;
  readonly events: number;
  readonly bytes: number;
  /** Where the largest share of the memory comes from, for the issue's path. */
  readonly largestPath: readonly PathSegment[];
}

function countPis(scenario: Scenario): number {
  const pis = Object.values(scenario.estate.pis ?? {});
  const onShelves = Object.values(scenario.estate.shelves ?? {}).reduce(
    (sum, shelf) => sum + shelf.installed,
    0,
  );
  return onShelves + pis.filter((pi) => pi.shelf === undefined).length;
}

function countOtherParts(scenario: Scenario): number {
  const { estate } = scenario;
  const kinds: ReadonlyArray<Readonly<Record<string, unknown>> | undefined> = [
    estate.sites,
    estate.hosts,
    estate.vms,
    estate.switches,
    estate.nfsServers,
    estate.shelves,
    estate.cdn.nodes,
  ];
  return kinds.reduce((sum, parts) => sum + Object.keys(parts ?? {}).length, 0);
}

/** User-seconds over the run by the trapezoid rule on evenly spaced samples, and the peak. */
function crowdUserSeconds(scenario: Scenario): { userSeconds: number; peakUsers: number } {
  const stepMs = scenario.duration / CROWD_SAMPLES;
  let userSeconds = 0;
  let peakUsers = 0;
  let previous = usersAt(scenario.workload.crowd, 0);
  for (let sample = 1; sample <= CROWD_SAMPLES; sample++) {
    const users = usersAt(scenario.workload.crowd, sample * stepMs);
    userSeconds += ((previous + users) / 2) * (stepMs / 1000);
    peakUsers = Math.max(peakUsers, previous, users);
    previous = users;
  }
  return { userSeconds, peakUsers };
}

/** Occurrences the random faults are expected to have, each capped where the injector stops it. */
function expectedFaultOccurrences(scenario: Scenario): number {
  return (scenario.faults ?? []).reduce((sum, fault) => {
    const rate = (fault as { rate?: unknown }).rate;
    return typeof rate === 'number' ? sum + Math.min(rate * scenario.duration, FAULT_OCCURRENCES_MAX) : sum;
  }, 0);
}

export function estimateScenario(scenario: Scenario): ScenarioEstimate {
  const pis = countPis(scenario);
  const otherParts = countOtherParts(scenario);
  const { userSeconds, peakUsers } = crowdUserSeconds(scenario);
  const thinkSeconds = scenario.workload.thinkTime / 1000;
  // The crowd's requests, and the open arrivals' beside them.
  const arrivals = scenario.workload.arrivals;
  const requests =
    userSeconds / thinkSeconds +
    (arrivals === undefined ? 0 : expectedArrivals(arrivals.rate, scenario.duration));
  const pendingRequests = Math.min(
    peakUsers * (scenario.workload.requestTimeout / scenario.workload.thinkTime),
    peakUsers,
  );
  const faultEvents = expectedFaultOccurrences(scenario);
  const shares: Array<[readonly PathSegment[], number]> = [
    [
      pis > 0 && scenario.estate.shelves !== undefined ? ['estate', 'shelves'] : ['estate', 'pis'],
      pis * PI_BYTES,
    ],
    [['estate'], otherParts * PART_BYTES],
    [['workload', 'crowd'], peakUsers * USER_BYTES + pendingRequests * PENDING_REQUEST_BYTES],
    [['duration'], (scenario.duration / 1000) * SECOND_BYTES],
  ];
  const bytes = BASE_BYTES + shares.reduce((sum, [, share]) => sum + share, 0);
  const largest = shares.reduce((best, share) => (share[1] > best[1] ? share : best));
  return {
    pis,
    otherParts,
    peakUsers,
    requests,
    events: requests * EVENTS_PER_REQUEST + faultEvents,
    bytes,
    largestPath: largest[0],
  };
}

/** A problem the budget finds, placed at a path of the scenario. */
export interface BudgetIssue {
  readonly path: readonly PathSegment[];
  readonly found: string;
  readonly expected: string;
}

const megabytes = (bytes: number): string => `${Math.ceil(bytes / 1e6).toLocaleString('en-GB')} MB`;
const count = (value: number): string => Math.round(value).toLocaleString('en-GB');

/**
 * Refuses what cannot run within its bounds: more memory than the budget, more events than a run
 * may process, a random fault that would pass its occurrence cap, a step that cannot end in time.
 */
export function budgetIssues(scenario: Scenario): BudgetIssue[] {
  const issues: BudgetIssue[] = [];
  const estimate = estimateScenario(scenario);
  if (estimate.bytes > MEMORY_BUDGET_BYTES) {
    issues.push({
      path: estimate.largestPath,
      found:
        `a scenario estimated at ${megabytes(estimate.bytes)} of memory (${count(estimate.pis)} Pis, ` +
        `${count(estimate.otherParts)} other parts, ${count(estimate.peakUsers)} users at the peak, ` +
        `${count(scenario.duration / 1000)} seconds of records)`,
      expected: `one that fits the memory budget of ${megabytes(MEMORY_BUDGET_BYTES)} (a 2 GB heap)`,
    });
  }
  if (estimate.events > RUN_EVENTS_MAX) {
    issues.push({
      path: ['workload', 'crowd'],
      found: `a crowd making about ${count(estimate.requests)} requests, ${count(estimate.events)} events`,
      expected: `at most ${count(RUN_EVENTS_MAX)} events in a run: fewer users, a longer think time or a shorter run`,
    });
  }
  // A random fault's expected count is the fault registry's check (crossCheck/faults.ts).
  stepLengthIssues(scenario, issues);
  return issues;
}

/** A step given a duration that ends after the run cannot finish: the run would be invalid. */
function stepLengthIssues(scenario: Scenario, issues: BudgetIssue[]): void {
  (scenario.plan ?? []).forEach((step, index) => {
    const { at, duration } = step as { at?: unknown; duration?: unknown };
    if (typeof duration !== 'number') return;
    const startMs = typeof at === 'number' ? at : 0;
    if (startMs + duration <= scenario.duration) return;
    issues.push({
      path: ['plan', index, 'duration'],
      found: `${formatDuration(duration)} from ${formatDuration(startMs)}, ending after the run's ${formatDuration(scenario.duration)}`,
      expected: 'a step that can end before the run does',
    });
  });
}
