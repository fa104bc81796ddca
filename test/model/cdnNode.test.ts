import { describe, expect, it } from 'vitest';
import { HEALTH_CHECK_DEFAULTS } from '../../src/model/cdnNode.ts';
import { addWebVm, buildEstate } from './support/estate.ts';

function traceTimes(lines: readonly string[], event: string): number[] {
  return lines
    .map((line) => JSON.parse(line) as { timeMs: number; event: string })
    .filter((e) => e.event === event)
    .map((e) => e.timeMs);
}

describe('web server shutdown behind the CDN (000_077f2af078f4f79b.txt: "The CDN automatically redirected all web traffic to the primary web server")', () => {
  it('a hard shutdown fails the requests in flight; the health check takes the backend out within interval × fall', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web1' });
    addWebVm(estate, { id: 'web2', role: 'secondary' });
    estate.engine.addOpenLoad({ ratePerSecond: 60, mix: { loggedInPage: 1 } });
    estate.kernel.run({ untilMs: 20_000 });
    const inFlight = estate.engine.serverLoad('web1-www');
    expect(inFlight.busy).toBeGreaterThan(0);
    vm.shutdown('hard');
    estate.kernel.run({ untilMs: 60_000 });
    const report = estate.engine.report();
    expect(report.failuresByReason['hostDown']).toBe(inFlight.busy + inFlight.queued);
    const downAtMs = traceTimes(estate.kernel.trace.lines(), 'backendDown');
    const { intervalMs, fall } = HEALTH_CHECK_DEFAULTS;
    console.log(
      `hard: ${report.failuresByReason['hostDown']} dropped; backend down after ${(downAtMs[0] ?? NaN) - 20_000} ms`,
    );
    expect(downAtMs).toHaveLength(1);
    expect((downAtMs[0] ?? Infinity) - 20_000).toBeLessThanOrEqual(intervalMs * fall);
    // Requests sent before the check noticed were refused and retried on web2: none failed for that.
    expect(report.failuresByReason['refused'] ?? 0).toBe(0);
  });

  it('a drained, graceful shutdown fails no request; start brings the backend back after rise checks', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web1' });
    addWebVm(estate, { id: 'web2', role: 'secondary' });
    estate.engine.addOpenLoad({ ratePerSecond: 60, mix: { loggedInPage: 1, page: 1 } });
    estate.kernel.scheduleCallback(20_000, () => estate.cdn.setBackendWeight('web1-www', 0));
    estate.kernel.scheduleCallback(25_000, () => vm.shutdown('graceful'));
    estate.kernel.scheduleCallback(60_000, () => vm.start());
    estate.kernel.scheduleCallback(70_000, () => estate.cdn.setBackendWeight('web1-www', 1));
    estate.kernel.run({ untilMs: 90_000 });
    const report = estate.engine.report();
    expect(report.services.www.failed).toBe(0);
    expect(report.services.www.timedOut).toBe(0);
    expect(report.services.www.downtimeSeconds).toBe(0);
    expect(report.services.www.ok).toBeGreaterThan(4_000);
    expect(traceTimes(estate.kernel.trace.lines(), 'backendUp').length).toBe(1);
    expect(estate.cdn.isBackendHealthy('web1-www')).toBe(true);
  });

  it('a graceful shutdown without draining finishes its in-flight requests, the CDN retries refused ones', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web1' });
    addWebVm(estate, { id: 'web2', role: 'secondary' });
    estate.engine.addOpenLoad({ ratePerSecond: 60, mix: { loggedInPage: 1 } });
    estate.kernel.scheduleCallback(20_000, () => vm.shutdown('graceful'));
    estate.kernel.run({ untilMs: 40_000 });
    const report = estate.engine.report();
    expect(report.services.www.failed).toBe(0);
    expect(vm.state).toBe('stopped');
  });

  it('a CDN node that fails leaves users with no front end; static assets are served by the node and count as static', () => {
    const estate = buildEstate();
    addWebVm(estate, { id: 'web1' });
    estate.engine.addOpenLoad({ ratePerSecond: 50, mix: { staticAsset: 1 } });
    estate.kernel.scheduleCallback(10_000, () => estate.cdn.fail());
    estate.kernel.scheduleCallback(15_000, () => estate.cdn.recover());
    estate.kernel.run({ untilMs: 20_000 });
    const report = estate.engine.report();
    expect(report.failuresByReason['noFrontEnd']).toBeGreaterThan(150);
    expect(report.services.static.downtimeSeconds).toBe(5);
    expect(estate.engine.serverLoad('web1-www').busy).toBe(0);
  });
});
