import { describe, expect, it } from 'vitest';
import { addWebVm, buildEstate } from '../support/estate.ts';

describe('user timeouts (004_b8bc5fb3cdb64335.txt: "gave people some error pages as the connections timed out")', () => {
  it('times out the requests still waiting at the deadline, books them at the timeout, and lets their users go', () => {
    const estate = buildEstate({ engine: { userTimeoutMs: 2_000, serviceJitter: 0 } });
    // One worker, 0.4 s a page: of 20 requests at once, the first few are served within 2 s, and
    // the rest are still queued when their users give up.
    addWebVm(estate, { id: 'web1', cores: 1 });
    for (let request = 0; request < 20; request++) estate.engine.submit('uncachedPage');
    estate.kernel.run({ untilMs: 1_999 });
    expect(estate.engine.report().services.www.timedOut).toBe(0);
    estate.kernel.run({ untilMs: 2_100 });
    const report = estate.engine.report().services.www;
    expect(report.ok).toBeGreaterThanOrEqual(4);
    expect(report.ok).toBeLessThanOrEqual(5);
    expect(report.ok + report.timedOut).toBe(20);
    // A timed-out request counts in the latency percentiles at the timeout, what the user waited.
    expect(report.latencyMs.p99).toBeGreaterThan(1_900);
    expect(report.latencyMs.p99).toBeLessThan(2_100);
  });

  it('lets no request time out that was answered in time, however many are in flight', () => {
    const estate = buildEstate({ engine: { userTimeoutMs: 30_000 } });
    addWebVm(estate, { id: 'web1' });
    estate.engine.setCrowd({ users: 2_000, thinkTimeMs: 10_000, mix: { keyPage: 9, uncachedPage: 1 } });
    estate.kernel.run({ untilMs: 120_000 });
    const report = estate.engine.report().services.www;
    expect(report.ok).toBeGreaterThan(20_000);
    expect(report.timedOut).toBe(0);
  });
});
