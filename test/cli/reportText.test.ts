import { describe, expect, it } from 'vitest';
import { formatSeconds, reportText } from '../../src/cli/reportText.ts';
import type { Report } from '../../src/scenarios/report.ts';

const report: Report = {
  scenario: 'migration-2017',
  source: '000_077f2af078f4f79b.txt',
  seed: 1,
  traceHash: 'a'.repeat(64),
  durationSeconds: 4 * 3600,
  run: { stoppedBy: 'until', events: 1234, traceLines: 56 },
  slo: { errorThresholdShare: 0.01, latencyObjectiveMs: 30_000 },
  services: {
    www: {
      requests: 1_000_000,
      answered: 999998,
      failed: 0,
      timedOut: 2,
      failedWrites: 1,
      downSeconds: 0,
      erroredSeconds: 2,
      availability: 0.99,
      latencyMs: { p50: 12, p95: 80, p99: 410 },
      latencyAnsweredMs: { p50: 12, p95: 80, p99: 410 },
    },
  },
  admin: { downtimeSeconds: 1500 },
  data: { acknowledgedWrites: 900, lostWrites: 0, splitBrain: false },
  parts: {},
  steps: [
    {
      name: 'add SOV replica',
      action: 'add-replica',
      startedAt: 0,
      endedAt: 1800,
      failedRequests: 0,
      adminDowntimeSeconds: 0,
      outcome: 'done',
    },
    {
      name: 'move web1 to SOV',
      action: 'move-vm',
      startedAt: 7200,
      endedAt: 10_800,
      failedRequests: 3,
      downSeconds: 2,
      adminDowntimeSeconds: 1500,
      outcome: 'done',
    },
  ],
  outsidePlan: {
    beforePlan: { failedRequests: 0, adminDowntimeSeconds: 0 },
    afterPlan: { failedRequests: 0, adminDowntimeSeconds: 0 },
    settleSeconds: 36,
  },
  checks: [
    { name: 'no user-facing downtime on www', ok: true, actual: 0, limit: 0 },
    { name: 'admin down at most 20m', ok: false, actual: 1500, limit: 1200, detail: 'admin was down 25m' },
  ],
  ok: false,
};

describe('reportText', () => {
  const text = reportText(report, 16);

  it('shows a table per service with latency percentiles', () => {
    expect(text).toMatch(/www\s+1,000,000\s+999,998\s+0\s+2\s+1\s+1\s+0s\s+2s\s+99.00%\s+12\s+80\s+410/);
  });

  it('puts each plan step on a timeline scaled to the run, with its cost to users and admins', () => {
    expect(text).toMatch(/add SOV replica\s+0s\s+30m00s\s+0\s+0s\s+0s\s+\|██\s{14}\|/);
    expect(text).toMatch(/move web1 to SOV\s+2h00m\s+1h00m\s+3\s+2s\s+25m00s\s+\|\s{8}████\s{4}\|/);
  });

  it('puts each fault in the same table, in order of time, with what it cost', () => {
    const withFault = reportText(
      {
        ...report,
        faults: [
          {
            name: 'web1-crash',
            kind: 'vm-crash',
            target: 'web1',
            at: 3600,
            healedAt: 3660,
            tookEffect: true,
            failedRequests: 7,
            downSeconds: 4,
            adminDowntimeSeconds: 0,
          },
        ],
      },
      16,
    );
    expect(withFault).toContain('Plan and faults');
    const rows = withFault.split('\n');
    const faultLine = rows.findIndex((line) => line.startsWith('web1-crash (vm-crash on web1)'));
    expect(rows[faultLine]).toMatch(/1h00m\s+1m00s\s+7\s+4s\s+0s\s+\|\s{4}█\s{11}\|\s+fault, over/);
    // Between the two steps by time.
    expect(rows[faultLine - 1]).toMatch(/^add SOV replica/);
    expect(rows[faultLine + 1]).toMatch(/^move web1 to SOV/);
  });

  it('gives each check a verdict and counts the failures', () => {
    expect(text).toContain('PASS  no user-facing downtime on www: 0 (limit 0)');
    expect(text).toContain('FAIL  admin down at most 20m: 1500 (limit 1200)  (admin was down 25m)');
    expect(text).toContain('1 of 2 checks FAILED.');
  });

  it('formats durations at a readable scale', () => {
    expect(formatSeconds(4.5)).toBe('4.5s');
    expect(formatSeconds(754)).toBe('12m34s');
    expect(formatSeconds(3 * 3600 + 300)).toBe('3h05m');
    expect(formatSeconds(3.5 * 86_400)).toBe('3.5d');
  });

  it('says a run is not valid when it hit a limit or its plan did not complete, whatever its checks', () => {
    const passing = { ...report, checks: [report.checks[0]!], ok: true };
    expect(reportText(passing)).toContain('All 1 checks passed.');
    const limited = {
      ...passing,
      run: { ...passing.run, limitMessage: 'usersMax (1000000) exceeded' },
      ok: false,
    };
    expect(reportText(limited)).toContain('NOT VALID: the run hit a limit');
    const unfinished = {
      ...passing,
      steps: [{ ...report.steps[0]!, outcome: 'error: VM web1: cannot start while running' }],
      ok: false,
    };
    expect(reportText(unfinished)).toContain('NOT VALID: 1 of 1 plan steps did not complete.');
  });

  it('shows plan times on the wall clock when the scenario says when time zero was', () => {
    const clocked = reportText({ ...report, startsAt: '2017-02-27T11:00' });
    expect(clocked).toContain('from 2017-02-27 11:00 to 2017-02-27 15:00');
    expect(clocked).toMatch(/add SOV replica\s+11:00\s/);
    expect(clocked).toMatch(/move web1 to SOV\s+13:00\s/);
  });
});
