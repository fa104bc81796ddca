import { describe, expect, it } from 'vitest';
import { PI_3 } from '../../../src/model/cpuClasses.ts';
import { addFixedServer, buildEstate, FixedHost } from '../support/estate.ts';

const DAY_MS = 86_400_000;

describe('runs past a week (issue 16: a 30-day run hit reportSecondsMax)', () => {
  it('an 8-day run logs every outcome, and an outage on day 8 counts as downtime for as long as it lasted', () => {
    const outageMs = [7.5 * DAY_MS, 7.5 * DAY_MS + 600_000];
    const downtimeByOutage = [false, true].map((withOutage) => {
      const estate = buildEstate();
      const pi = new FixedHost('pi', PI_3, undefined);
      addFixedServer(estate, pi, estate.dbVm.location());
      estate.engine.addOpenLoad({ ratePerSecond: 0.25, mix: { page: 1 } });
      if (withOutage) {
        estate.kernel.run({ untilMs: outageMs[0] });
        pi.setAccepting(false);
        estate.kernel.run({ untilMs: outageMs[1] });
        pi.setAccepting(true);
      }
      estate.kernel.run({ untilMs: 8 * DAY_MS });
      const report = estate.engine.report();
      expect(report.limitsHit).toEqual([]);
      const www = report.services.www;
      // About 0.25 × 8 days of requests, every one with its outcome.
      expect(www.requests).toBeGreaterThan(0.98 * 0.25 * 8 * 86_400);
      // Whole minutes after the first week are exact from the aggregates.
      const lastDay = estate.engine.outcomesBetween('www', 7 * 86_400, 8 * 86_400);
      expect(lastDay.ok + lastDay.failed + lastDay.timedOut).toBeGreaterThan(0.95 * 0.25 * 86_400);
      return { downtime: www.downtimeSeconds, failedInOutage: lastDay.failed };
    });
    expect(downtimeByOutage[0]).toEqual({ downtime: 0, failedInOutage: 0 });
    // A 600 s outage at 0.25 requests/s: about 150 requests fail, and the seconds holding one
    // (about 1 − e^−0.25 ≈ 22 % of them) count as down.
    const outage = downtimeByOutage[1] as { downtime: number; failedInOutage: number };
    expect(outage.failedInOutage).toBeGreaterThan(110);
    expect(outage.failedInOutage).toBeLessThan(190);
    expect(outage.downtime).toBeGreaterThan(100);
    expect(outage.downtime).toBeLessThanOrEqual(600);
  });
});
