import { assertArgument } from '../../sim/limits.ts';
import { LatencyHistogram } from './histogram.ts';
import type { RequestOutcome, ServiceReport } from './types.ts';

const SECONDS_PER_MINUTE = 60;
const MS_PER_MINUTE = 60_000;
const SECONDS_PER_DAY = 86_400;

/**
 * The outcome log's bounds. Memory, per service, at most:
 * - per-minute aggregates for `secondsMax`: 3 counters × 4 bytes × 528,480 minutes ≈ 6.3 MB;
 * - per-second detail (3 counters × 4 bytes × 60 seconds = 720 bytes a minute) for every minute of
 *   the first `detailedSecondsAll` (10,080 minutes ≈ 7.3 MB), and after that only for minutes with
 *   a failed or timed-out request, at most `failureMinutesDetailedMax` of them (≈ 72 MB), plus the
 *   few recent minutes not yet sealed (see lateOutcomeMs in OutcomeLog).
 * So two services stay under 180 MB for a 366-day run whatever happens in it, and a run whose
 * outcomes are mostly ok needs about 27 MB.
 */
export const OUTCOME_LOG_LIMITS = {
  /** Seconds of outcomes logged: the schema's longest run (366 days) plus a day for late answers. */
  secondsMax: 367 * SECONDS_PER_DAY,
  /** Seconds from the start whose every second keeps its detail, as the report always had. */
  detailedSecondsAll: 7 * SECONDS_PER_DAY,
  /** Minutes after that which keep per-second detail because they hold a failure or timeout. */
  failureMinutesDetailedMax: 100_000,
};

/**
 * An outcome may be booked up to a user timeout (plus the deadline batching) before it is known;
 * a minute is sealed only that long after it ended, and this much more for safety.
 */
export const LATE_OUTCOME_SLACK_MS = 60_000;

export type OutcomeLogLimits = typeof OUTCOME_LOG_LIMITS;

/** A span's outcome counts. */
export interface OutcomeCounts {
  ok: number;
  failed: number;
  timedOut: number;
}

/** Where an outcome's counter sits: in a minute's aggregate (0..2), and in its detail (× 60). */
function outcomeIndex(outcome: RequestOutcome): number {
  return outcome === 'ok' ? 0 : outcome === 'failed' ? 1 : 2;
}

/** One service's totals, latencies and minute aggregates, with per-second detail where needed. */
class ServiceLog {
  ok = 0;
  failed = 0;
  timedOut = 0;
  /** Failed or timed-out requests that were writes (a subset of failed + timedOut). */
  failedWrites = 0;
  /** Every request's latency: answered, failed (at the time it failed) and timed out (at the timeout). */
  readonly histogram = new LatencyHistogram();
  /** Answered requests' latency only. */
  readonly answeredHistogram = new LatencyHistogram();
  /**
   * Per minute whose detail was dropped: ok, failed, timedOut at 3m, 3m + 1, 3m + 2 (a minute with
   * detail is summed from it); grown by doubling up to the bound.
   */
  minutes = new Uint32Array(3 * 64);
  /** Per minute, 60 ok then 60 failed then 60 timedOut counts; undefined where not kept. */
  readonly detail: (Uint32Array | undefined)[] = [];
  /** Minutes past detailedSecondsAll whose detail is kept, sealed or not. */
  failureMinutesKept = 0;
}

/**
 * What users saw, per service: exact totals and latency percentiles, exact per-minute counts for
 * the whole run, and per-second counts where a reader needs them. Downtime (a second in which at
 * least `downtimeFailShareMin` of the outcomes failed or timed out) and the failures of a plan
 * step need the detail of seconds holding a failure or timeout only, so after the first
 * `detailedSecondsAll` a minute without one keeps its aggregate and drops its per-second detail.
 *
 * An outcome is booked at the second the user saw it (its delivery, its failure, or for a timeout
 * the second the user asked), which can be up to a user timeout before now; a minute is sealed —
 * its detail dropped if it has no failure — only once that can no longer happen, `lateOutcomeMs`
 * after it ended. An outcome for a sealed minute is a bug in the engine and throws.
 */
export class OutcomeLog {
  private readonly services: ServiceLog[];
  private readonly failures = new Map<string, number>();
  private readonly minutesMax: number;
  private readonly detailedMinutesAll: number;
  /** Minutes below this are sealed. */
  private sealedMinutes: number;
  private nextSealMs: number;
  private lastMinute = -1;

  constructor(
    servicesCount: number,
    private readonly downtimeFailShareMin: number,
    /** How long after a second an outcome may still be booked to it (a user timeout and slack). */
    private readonly lateOutcomeMs: number,
    private readonly noteLimit: (message: string) => void,
    private readonly limits: OutcomeLogLimits = OUTCOME_LOG_LIMITS,
  ) {
    assertArgument(
      lateOutcomeMs >= 0 && lateOutcomeMs < Infinity,
      'OutcomeLog: lateOutcomeMs must be finite',
    );
    this.services = Array.from({ length: servicesCount }, () => new ServiceLog());
    this.minutesMax = Math.ceil(limits.secondsMax / SECONDS_PER_MINUTE);
    this.detailedMinutesAll = Math.ceil(limits.detailedSecondsAll / SECONDS_PER_MINUTE);
    this.sealedMinutes = this.detailedMinutesAll;
    this.nextSealMs = (this.sealedMinutes + 1) * MS_PER_MINUTE + lateOutcomeMs;
  }

  /** Books one outcome of a service at atMs (the second the user saw it), known at nowMs. */
  record(
    service: number,
    outcome: RequestOutcome,
    atMs: number,
    latencyMs: number,
    isWrite: boolean,
    nowMs: number,
  ): void {
    const log = this.services[service] as ServiceLog;
    log[outcome]++;
    if (outcome !== 'ok' && isWrite) log.failedWrites++;
    // Every request counts in the percentiles at what its user waited: a timed-out one at the
    // timeout, a failed one until it failed, so an overload can never look fast.
    log.histogram.record(latencyMs);
    if (outcome === 'ok') log.answeredHistogram.record(latencyMs);
    if (nowMs >= this.nextSealMs) this.seal(nowMs);
    const second = Math.floor(atMs / 1000);
    if (second >= this.limits.secondsMax) {
      this.noteLimit(
        `reportSecondsMax (${this.limits.secondsMax}): later outcomes are counted but not bucketed`,
      );
      return;
    }
    const minute = Math.floor(second / SECONDS_PER_MINUTE);
    if (minute < this.sealedMinutes && minute >= this.detailedMinutesAll)
      throw new Error(
        `OutcomeLog: an outcome at second ${second} came after its minute was sealed (${this.lateOutcomeMs} ms late at most)`,
      );
    let chunk = log.detail[minute];
    if (chunk === undefined) {
      chunk = new Uint32Array(3 * SECONDS_PER_MINUTE);
      log.detail[minute] = chunk;
      if (minute >= this.detailedMinutesAll) log.failureMinutesKept++;
    }
    const index = outcomeIndex(outcome) * SECONDS_PER_MINUTE + (second - minute * SECONDS_PER_MINUTE);
    chunk[index] = (chunk[index] as number) + 1;
    if (minute > this.lastMinute) this.lastMinute = minute;
  }

  /** Counts a failure by its cause (e.g. `noBackend`), whether or not the user still waited. */
  noteFailure(reason: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }

  /** Failures by cause, in key order. */
  failuresByReason(): Record<string, number> {
    const byReason: Record<string, number> = {};
    for (const key of [...this.failures.keys()].sort()) byReason[key] = this.failures.get(key) ?? 0;
    return byReason;
  }

  totals(service: number): OutcomeCounts {
    const log = this.services[service] as ServiceLog;
    return { ok: log.ok, failed: log.failed, timedOut: log.timedOut };
  }

  /**
   * Whether a second counts as down by its outcomes: at least downtimeFailShareMin of the requests
   * users made in it failed or timed out. One rule, for the engine's report and the scenario's.
   */
  failedMostOfSecond(service: number, second: number): boolean {
    if (!(second >= 0)) return false;
    const minute = Math.floor(second / SECONDS_PER_MINUTE);
    const chunk = (this.services[service] as ServiceLog).detail[minute];
    if (chunk === undefined) return false;
    const at = second - minute * SECONDS_PER_MINUTE;
    const bad = (chunk[60 + at] as number) + (chunk[120 + at] as number);
    return bad > 0 && bad >= this.downtimeFailShareMin * (bad + (chunk[at] as number));
  }

  /**
   * Whether more than `errorShareMax` of the requests users made in a second failed or timed out
   * (strictly more: at 1 %, a second with 2 of 100 failed is over, 1 of 100 is not).
   */
  secondOverErrorShare(service: number, second: number, errorShareMax: number): boolean {
    const counts = this.secondCounts(service, second);
    if (counts === undefined) return false;
    const bad = counts.failed + counts.timedOut;
    return bad > 0 && bad > errorShareMax * (bad + counts.ok);
  }

  /** The exact mean latency of a service's answered requests; 0 when there are none. */
  answeredMeanMs(service: number): number {
    return (this.services[service] as ServiceLog).answeredHistogram.meanMs;
  }

  /** Answered requests whose latency was at most latencyMs (to the histogram's resolution). */
  answeredWithinMs(service: number, latencyMs: number): number {
    return (this.services[service] as ServiceLog).answeredHistogram.countAtMostMs(latencyMs);
  }

  /**
   * A second's counts, or undefined when its minute kept no per-second detail: then it had no
   * failure or timeout (or its minute is past failureMinutesDetailedMax, which the run reports).
   */
  secondCounts(service: number, second: number): OutcomeCounts | undefined {
    if (!(second >= 0)) return undefined;
    const minute = Math.floor(second / SECONDS_PER_MINUTE);
    const chunk = (this.services[service] as ServiceLog).detail[minute];
    if (chunk === undefined) return undefined;
    const at = second - minute * SECONDS_PER_MINUTE;
    return {
      ok: chunk[at] as number,
      failed: chunk[60 + at] as number,
      timedOut: chunk[120 + at] as number,
    };
  }

  /**
   * Outcome counts booked in the whole seconds [fromSecond, toSecond): whole minutes from the
   * aggregates, the partial minutes at either end from their detail. Exact for failed and
   * timedOut; `ok` needs the detail of the partial minutes, so asking for it across a minute
   * whose detail was dropped throws (ask for whole minutes, or within the first week).
   */
  countsBetween(service: number, fromSecond: number, toSecond: number, needOk = true): OutcomeCounts {
    const log = this.services[service] as ServiceLog;
    const counts: OutcomeCounts = { ok: 0, failed: 0, timedOut: 0 };
    let second = Math.max(0, Math.floor(fromSecond));
    const end = Math.min(Math.ceil(toSecond), (this.lastMinute + 1) * SECONDS_PER_MINUTE);
    // Bounded by the run's length: at most 118 single seconds plus one step per whole minute.
    while (second < end) {
      const minute = Math.floor(second / SECONDS_PER_MINUTE);
      const minuteStart = minute * SECONDS_PER_MINUTE;
      if (second === minuteStart && end >= minuteStart + SECONDS_PER_MINUTE) {
        counts.ok += minuteCount(log, minute, 0);
        counts.failed += minuteCount(log, minute, 1);
        counts.timedOut += minuteCount(log, minute, 2);
        second += SECONDS_PER_MINUTE;
        continue;
      }
      const chunk = log.detail[minute];
      if (chunk !== undefined) {
        const at = second - minuteStart;
        counts.ok += chunk[at] as number;
        counts.failed += chunk[60 + at] as number;
        counts.timedOut += chunk[120 + at] as number;
      } else if (needOk && (log.minutes[3 * minute] ?? 0) > 0) {
        throw new RangeError(
          `OutcomeLog: per-second ok counts of minute ${minute} are not kept; ask for whole minutes`,
        );
      }
      second++;
    }
    return counts;
  }

  /** One service's report: totals, downtime and seconds with failures, latency percentiles. */
  serviceReport(service: number): ServiceReport {
    const log = this.services[service] as ServiceLog;
    let downtimeSeconds = 0;
    let secondsWithFailures = 0;
    // Bounded by the minutes logged; only minutes with a failure or timeout are looked into.
    for (let minute = 0; minute <= this.lastMinute; minute++) {
      const chunk = log.detail[minute];
      if (chunk === undefined) continue;
      for (let at = 0; at < SECONDS_PER_MINUTE; at++) {
        const bad = (chunk[60 + at] as number) + (chunk[120 + at] as number);
        if (bad === 0) continue;
        secondsWithFailures++;
        if (bad >= this.downtimeFailShareMin * (bad + (chunk[at] as number))) downtimeSeconds++;
      }
    }
    return {
      requests: log.ok + log.failed + log.timedOut,
      ok: log.ok,
      failed: log.failed,
      timedOut: log.timedOut,
      failedWrites: log.failedWrites,
      downtimeSeconds,
      secondsWithFailures,
      latencyMs: percentiles(log.histogram),
      latencyAnsweredMs: percentiles(log.answeredHistogram),
    };
  }

  /** Per-second detail kept (minutes), for the memory bound's tests. */
  detailedMinutes(service: number): number {
    return (this.services[service] as ServiceLog).detail.reduce(
      (n, chunk) => n + (chunk === undefined ? 0 : 1),
      0,
    );
  }

  /** Seals every minute that ended lateOutcomeMs ago or more; drops detail nobody needs. */
  private seal(nowMs: number): void {
    const sealUpTo = Math.min(Math.floor((nowMs - this.lateOutcomeMs) / MS_PER_MINUTE), this.minutesMax);
    // Bounded by the minutes of the run: each minute is sealed once.
    for (let minute = this.sealedMinutes; minute < sealUpTo; minute++) {
      for (const log of this.services) this.sealMinute(log, minute);
    }
    this.sealedMinutes = Math.max(this.sealedMinutes, sealUpTo);
    this.nextSealMs = (this.sealedMinutes + 1) * MS_PER_MINUTE + this.lateOutcomeMs;
  }

  private sealMinute(log: ServiceLog, minute: number): void {
    if (log.detail[minute] === undefined) return;
    const bad = minuteCount(log, minute, 1) + minuteCount(log, minute, 2);
    if (bad > 0 && log.failureMinutesKept <= this.limits.failureMinutesDetailedMax) return;
    if (bad > 0)
      this.noteLimit(
        `failureMinutesDetailedMax (${this.limits.failureMinutesDetailedMax}): later minutes with failures keep no per-second detail; their downtime is not counted`,
      );
    const index = 3 * minute;
    if (index + 2 >= log.minutes.length) {
      const grown = new Uint32Array(
        Math.min(3 * this.minutesMax, Math.max(log.minutes.length * 2, index + 3)),
      );
      grown.set(log.minutes);
      log.minutes = grown;
    }
    for (let outcome = 0; outcome < 3; outcome++)
      log.minutes[index + outcome] = minuteCount(log, minute, outcome);
    log.detail[minute] = undefined;
    log.failureMinutesKept--;
  }
}

function percentiles(histogram: LatencyHistogram): { p50: number; p95: number; p99: number } {
  return {
    p50: histogram.percentileMs(0.5),
    p95: histogram.percentileMs(0.95),
    p99: histogram.percentileMs(0.99),
  };
}

/** A minute's count of one outcome (0 ok, 1 failed, 2 timedOut): from its detail, or its aggregate. */
function minuteCount(log: ServiceLog, minute: number, outcome: number): number {
  const chunk = log.detail[minute];
  if (chunk === undefined) return log.minutes[3 * minute + outcome] ?? 0;
  let total = 0;
  const start = outcome * SECONDS_PER_MINUTE;
  for (let at = start; at < start + SECONDS_PER_MINUTE; at++) total += chunk[at] as number;
  return total;
}
