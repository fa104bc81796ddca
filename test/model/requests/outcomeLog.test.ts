import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOME_LOG_LIMITS, OutcomeLog } from '../../../src/model/requests/outcomeLog.ts';
import type { OutcomeLogLimits } from '../../../src/model/requests/outcomeLog.ts';
import type { RequestOutcome } from '../../../src/model/requests/types.ts';
import { checkProperty } from '../../support/property.ts';

const OUTCOMES: RequestOutcome[] = ['ok', 'failed', 'timedOut'];
const LATE_MS = 31_000;

function newLog(limits: Partial<OutcomeLogLimits> = {}, limitsHit: string[] = []): OutcomeLog {
  return new OutcomeLog(1, 0.5, LATE_MS, (m) => limitsHit.push(m), { ...OUTCOME_LOG_LIMITS, ...limits });
}

/** Books outcomes at (second, outcome) in time order, known as they happen. */
function book(log: OutcomeLog, entries: readonly [number, RequestOutcome][]): void {
  for (const [second, outcome] of entries)
    log.record(0, outcome, second * 1000 + 500, 10, false, second * 1000 + 500);
}

/** The same counts worked out by brute force from the entries. */
function bruteForce(entries: readonly [number, RequestOutcome][], from: number, to: number) {
  const counts = { ok: 0, failed: 0, timedOut: 0 };
  for (const [second, outcome] of entries) if (second >= from && second < to) counts[outcome]++;
  return counts;
}

const entriesArbitrary = (maxSecond: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: maxSecond }), fc.constantFrom(...OUTCOMES)), { maxLength: 400 })
    .map((entries) => [...entries].sort((a, b) => a[0] - b[0]));

describe('the outcome log', () => {
  it('counts any span of seconds as the per-second sums would, within the first week', () => {
    checkProperty(
      fc.property(entriesArbitrary(1_000), fc.nat(1_100), fc.nat(1_100), (entries, a, b) => {
        const log = newLog();
        book(log, entries);
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(log.countsBetween(0, from, to)).toEqual(bruteForce(entries, from, to));
      }),
    );
  });

  it('after the fully detailed span, keeps detail only for minutes with a failure, and the same downtime', () => {
    checkProperty(
      fc.property(entriesArbitrary(3_000), (entries) => {
        // Every second detailed (as before) against detail for the first 2 minutes only.
        const everything = newLog({ detailedSecondsAll: 10_000 });
        const sparse = newLog({ detailedSecondsAll: 120 });
        book(everything, entries);
        book(sparse, entries);
        expect(sparse.serviceReport(0)).toEqual(everything.serviceReport(0));
        for (let second = 0; second <= 3_000; second += 7)
          expect(sparse.failedMostOfSecond(0, second)).toBe(everything.failedMostOfSecond(0, second));
        // Failures in any span are exact whatever was dropped.
        const failed = (log: OutcomeLog) => log.countsBetween(0, 61, 2_999, false);
        expect({ ...failed(sparse), ok: 0 }).toEqual({ ...failed(everything), ok: 0 });
        expect(sparse.detailedMinutes(0)).toBeLessThanOrEqual(everything.detailedMinutes(0));
      }),
      50,
    );
  });

  it('keeps memory bounded over a year: a failure an hour keeps 24 detailed minutes a day, not 1,440', () => {
    const log = newLog({ detailedSecondsAll: 0 });
    const days = 30;
    for (let second = 0; second < days * 86_400; second += 10)
      log.record(0, second % 3_600 === 0 ? 'failed' : 'ok', second * 1000, 5, false, second * 1000);
    // The minutes with a failure, plus the few recent ones not yet sealed.
    expect(log.detailedMinutes(0)).toBeGreaterThanOrEqual(days * 24);
    expect(log.detailedMinutes(0)).toBeLessThanOrEqual(days * 24 + 3);
    const report = log.serviceReport(0);
    expect(report.failed).toBe(days * 24);
    expect(report.secondsWithFailures).toBe(days * 24);
    expect(report.downtimeSeconds).toBe(days * 24);
    // Whole minutes are exact from the aggregates; a dropped minute's single seconds are not kept.
    expect(log.countsBetween(0, 3_660, 3_720).ok).toBe(6);
    expect(() => log.countsBetween(0, 3_661, 3_662)).toThrow(/not kept/);
  });

  it('an outcome booked after its minute was sealed is a bug and throws', () => {
    const log = newLog({ detailedSecondsAll: 0 });
    log.record(0, 'ok', 0, 1, false, 0);
    log.record(0, 'ok', 200_000, 1, false, 200_000);
    expect(() => log.record(0, 'timedOut', 10_000, 30_000, false, 200_000)).toThrow(/sealed/);
  });

  it('says so when outcomes come after the longest run it logs, and still counts them', () => {
    const limitsHit: string[] = [];
    const log = newLog({ secondsMax: 100 }, limitsHit);
    log.record(0, 'failed', 150_000, 0, false, 150_000);
    expect(log.totals(0).failed).toBe(1);
    expect(limitsHit).toEqual([expect.stringContaining('reportSecondsMax (100)')]);
  });

  it('says so when more minutes with failures need detail than its bound', () => {
    const limitsHit: string[] = [];
    const log = newLog({ detailedSecondsAll: 0, failureMinutesDetailedMax: 5 }, limitsHit);
    for (let minute = 0; minute < 20; minute++)
      log.record(0, 'failed', minute * 60_000, 0, false, minute * 60_000);
    log.record(0, 'ok', 3_600_000, 1, false, 3_600_000);
    expect([...new Set(limitsHit)]).toEqual([expect.stringContaining('failureMinutesDetailedMax (5)')]);
    expect(log.detailedMinutes(0)).toBeLessThanOrEqual(6);
  });
});
