import { describe, expect, it } from 'vitest';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/** A short scenario on the seeds' estate after the migration, with the plan and faults given. */
function scenario(rest: string, duration = '20m', users = 600, estate = 'raspberrypi-2017-after'): Scenario {
  const text = `
name: test-scenario
seed: 7
duration: ${duration}
estate:
  extends: ${estate}
workload:
  crowd: { shape: constant, users: ${users} }
  thinkTime: 30s
  mix: { cached: 70%, uncached: 10%, loggedIn: 3%, comments: 0.5%, admin: 0.5%, static: 16% }
  requestTimeout: 30s
${rest}`;
  const result = parseScenarioText(text, 'test.yaml', builtinEstateLibrary);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  return result.scenario;
}

describe('runScenario', () => {
  it('gives a byte-identical trace and report for the same seed, and another for another seed', () => {
    const plan = scenario(`
plan:
  - { name: Drain web2, action: drain, backend: web2, at: 2m }
  - { name: Stop web2, action: shutdown, vm: web2, mode: graceful }
  - { name: Start web2, action: start, vm: web2 }
  - { name: Back in the CDN, action: update-cdn, backend: web2, weight: 1 }
`);
    const first = runScenario(plan);
    const second = runScenario(plan);
    expect(second.traceHash).toBe(first.traceHash);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    const other = runScenario(plan, { seed: 8 });
    expect(other.traceHash).not.toBe(first.traceHash);
    expect(other.seed).toBe(8);
  });

  it('times each step from the model and reports what it cost users and admins', () => {
    const report = runScenario(
      scenario(`
plan:
  - { name: Drain web1, action: drain, backend: web1, at: 1m }
  - { name: Stop web1, action: shutdown, vm: web1, mode: graceful }
  - { name: Start web1, action: start, vm: web1 }
  - { name: Back in the CDN, action: update-cdn, backend: web1, weight: 1 }
checks:
  - { check: admin-downtime, name: Admin back within 5 minutes, max: 5m }
  - { check: user-downtime, name: No downtime, max: 0s }
`),
    );
    const [drain, stop, start, back] = report.steps;
    expect(drain).toMatchObject({ startedAt: 60, outcome: 'done' });
    // The VM's graceful shutdown window and boot (src/model/vm.ts VM_DEFAULTS: 10 s and 45 s).
    expect((stop?.endedAt ?? 0) - (stop?.startedAt ?? 0)).toBe(10);
    expect((start?.endedAt ?? 0) - (start?.startedAt ?? 0)).toBeGreaterThanOrEqual(45);
    // web1 is the primary: admin is down from the drain (weight 0: the CDN sends it nothing)
    // until it is back in the CDN, and every second of it falls in exactly one step.
    const stepAdmin = report.steps.reduce((sum, step) => sum + step.adminDowntimeSeconds, 0);
    expect(report.admin.downtimeSeconds).toBe((back?.startedAt ?? 0) - (drain?.startedAt ?? 0));
    expect(stepAdmin).toBe(report.admin.downtimeSeconds);
    expect(report.checks.map((check) => check.ok)).toEqual([true, true]);
    expect(report.parts['web1']?.states.map((change) => change.state)).toEqual([
      'running',
      'shuttingDown',
      'stopped',
      'booting',
      'running',
    ]);
  });

  it('stops the plan at a step that never ends, says so, and runs no later step', () => {
    const report = runScenario(
      scenario(`
faults:
  - { kind: replication-delay, target: db1, delay: 1h, at: 1m }
plan:
  - { name: Wait for db1, action: wait-for-catch-up, replica: db1, at: 2m }
  - { name: Fail over, action: failover, to: db1, mode: planned }
checks:
  - { check: plan-duration, name: Plan done within 10 minutes, max: 10m }
`),
    );
    expect(report.steps.map((step) => step.outcome)).toEqual(['unfinished when the run ended', 'not run']);
    expect(report.checks[0]).toMatchObject({
      ok: false,
      actual: 'not measured',
      detail: 'the plan did not finish',
    });
  });

  it('reports a step the estate refuses as a refusal naming the reason', () => {
    const report = runScenario(
      scenario(`
faults:
  - { kind: vm-crash, target: db1, at: 1m }
plan:
  - { name: Fail over to db1, action: failover, to: db1, mode: planned, at: 2m }
  - { name: Never reached, action: wait, duration: 1m }
`),
    );
    // The crash stopped MySQL on db1; it comes back only when a step makes it a replica again.
    expect(report.steps.map((step) => step.outcome)).toEqual([
      'refused: MySQL: cannot fail over to db1/mysql, it is stopped',
      'not run',
    ]);
    // No check failed, but a runbook that did not complete proves nothing.
    expect(report.checks).toEqual([]);
    expect(report.ok).toBe(false);
  });

  it('refuses a fault kind that is not registered, naming the path, before anything runs', () => {
    expect(() =>
      scenario(`
faults:
  - { kind: rack-fire, target: hex, at: 1m }
`),
    ).toThrow(/faults\[0\]\.kind/);
  });

  it('counts writes lost when a replica that is behind is promoted after a crash', () => {
    const report = runScenario(
      scenario(`
faults:
  - { kind: replication-delay, target: db1, delay: 60s, at: 1m }
plan:
  - { name: Crash failover to db1, action: failover, to: db1, mode: crash, at: 3m }
checks:
  - { check: lost-writes, name: No lost writes, max: 0 }
`),
    );
    expect(report.data.lostWrites).toBeGreaterThan(0);
    expect(report.checks[0]?.ok).toBe(false);
  });

  it('reports progress through the run and streams the trace', () => {
    const fractions: number[] = [];
    const lines: string[] = [];
    const report = runScenario(scenario('', '5m'), {
      onProgress: (fraction) => fractions.push(fraction),
      onTraceLine: (line) => lines.push(line),
    });
    expect(fractions).toHaveLength(100);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(lines).toHaveLength(report.run.traceLines);
  });

  it('says a run cut short by a limit is not ok, whatever its checks say', () => {
    const valid = scenario(
      `
checks:
  - { check: lost-writes, name: No lost writes, max: 0 }
`,
      '5m',
      1_000,
    );
    // Validation now refuses a crowd past the engine's maximum, so the limit is reached by a
    // scenario changed after it was validated: the run must still say so.
    const report = runScenario({
      ...valid,
      workload: { ...valid.workload, crowd: { shape: 'constant', users: 5_000_000 } },
    });
    expect(report.run.limitMessage).toMatch(/usersMax/);
    expect(report.checks[0]?.ok).toBe(true);
    expect(report.ok).toBe(false);
  });

  it('measures downtime the same for a small crowd as for a large one (the old host reboots)', () => {
    const reboot = `
faults:
  - { kind: host-reboot, target: old-hex, at: 5m }
`;
    const large = runScenario(scenario(reboot, '20m', 2000, 'raspberrypi-2017'));
    const small = runScenario(scenario(reboot, '20m', 20, 'raspberrypi-2017'));
    // The host's reboot (5 min) and the VMs' boot (45 s): src/model/vmHost.ts, src/model/vm.ts.
    expect(large.services['www']?.downtimeSeconds).toBeGreaterThanOrEqual(345);
    expect(
      Math.abs((small.services['www']?.downtimeSeconds ?? 0) - (large.services['www']?.downtimeSeconds ?? 0)),
    ).toBeLessThanOrEqual(5);
  });

  it('does not count a planned move of a running VM as a crash', () => {
    const report = runScenario(
      scenario(`
plan:
  - { name: Move web2 to the new HEX host, action: move-vm, vm: web2, to: new-sov, at: 1m }
checks:
  - { check: crashes, name: web2 never crashes, part: web2, max: 0 }
`),
    );
    expect(report.steps[0]?.outcome).toBe('done');
    expect(report.checks[0]).toMatchObject({ ok: true, actual: 0 });
  });

  it('takes no write on a MySQL primary whose VM is off', () => {
    const text = `
  vms:
    db2: { initially: 'off' }
`;
    const report = runScenario(scenario('', '5m', 600, `raspberrypi-2017-after\n${text}`));
    expect(report.data.acknowledgedWrites).toBe(0);
    expect(report.admin.downtimeSeconds).toBeGreaterThan(290);
  });

  it('refuses a move onto a host that is off before stopping the VM', () => {
    const report = runScenario(
      scenario(`
faults:
  - { kind: host-power-off, target: new-hex, at: 30s }
plan:
  - { name: Move web1 next to web2, action: move-vm, vm: web1, to: new-hex, at: 1m }
`),
    );
    expect(report.steps[0]?.outcome).toBe('refused: cannot copy web1: destination host new-hex is off');
    // web1 was never stopped: the refusal came before the graceful shutdown.
    expect(report.parts['web1']?.states.map((change) => change.state)).toEqual(['running']);
  });

  it('leaves latency and failure shares unmeasured when nobody came', () => {
    const report = runScenario(
      scenario(
        `
checks:
  - { check: latency, name: quick, percentile: p99, max: 1s }
  - { check: failed-share, name: few failures, max: 1% }
  - { check: user-downtime, name: no downtime, max: 0s }
`,
        '5m',
        0,
      ),
    );
    expect(report.checks.map((check) => [check.ok, check.actual])).toEqual([
      [false, 'not measured'],
      [false, 'not measured'],
      [false, 'not measured'],
    ]);
  });

  it('traces a fault that could change nothing as such, and times no check from it', () => {
    const lines: string[] = [];
    runScenario(
      scenario(`
faults:
  - { kind: host-power-off, target: new-hex, at: 30s }
  - { name: second-power-off, kind: host-power-off, target: new-hex, at: 1m }
`),
      { onTraceLine: (line) => lines.push(line) },
    );
    const faults = lines
      .map((line) => JSON.parse(line) as { event: string; part: string })
      .filter((entry) => entry.event.startsWith('fault'));
    expect(faults.map((entry) => `${entry.part}:${entry.event}`)).toEqual([
      'new-hex:fault',
      'new-hex:faultHadNoEffect',
    ]);
  });
});
