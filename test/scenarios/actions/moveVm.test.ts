import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { scenarioWith } from './scenarioText.ts';

/** web2 (running, 100 GB disk) moved from new-hex to old-hex at 1m: 10 s to stop, 200 s at 4 Gbps. */
function moveWithPowerOff(host: string, atSeconds: number, kind = 'host-power-off') {
  const lines: string[] = [];
  const report = runScenario(
    scenarioWith(`
faults:
  - { kind: ${kind}, target: ${host}, at: ${atSeconds}s }
plan:
  - { name: Move web2, action: move-vm, vm: web2, to: old-hex, at: 1m }
  - { name: Watch, action: wait, duration: 1m }
`),
    { onTraceLine: (line) => lines.push(line) },
  );
  const events = lines.map((line) => JSON.parse(line) as { part: string; event: string });
  return { report, events };
}

describe('move-vm', () => {
  it('copies in the time the disk and the slower NIC allow, and starts the VM there', () => {
    const { report } = moveWithPowerOff('old-hex', 1100);
    const move = report.steps[0];
    expect(move?.outcome).toBe('done');
    // 10 s graceful stop + 100 GB at 4 Gbps (200 s) + a 45 s boot, plus the CDN's health checks.
    expect((move?.endedAt ?? 0) - (move?.startedAt ?? 0)).toBeGreaterThanOrEqual(255);
    expect((move?.endedAt ?? 0) - (move?.startedAt ?? 0)).toBeLessThan(270);
  });

  it('fails when the destination is powered off mid-copy; the VM stays, stopped, on the source', () => {
    const { report, events } = moveWithPowerOff('old-hex', 120);
    expect(report.steps.map((step) => step.outcome)).toEqual([
      'refused: copy of web2 to old-hex failed: destination host old-hex went down (off) during the copy; it stays on new-hex',
      'not run',
    ]);
    expect(report.steps[0]?.endedAt).toBe(120);
    expect(events.filter((entry) => entry.event === 'relocationFailed').map((entry) => entry.part)).toEqual([
      'web2',
    ]);
    // No boot: the VM never came up anywhere after its shutdown.
    expect(report.parts['web2']?.states.map((change) => change.state)).toEqual([
      'running',
      'shuttingDown',
      'stopped',
      'moving',
      'stopped',
    ]);
  });

  it('fails when the source is powered off mid-copy, and is refused when it is already off', () => {
    const midCopy = moveWithPowerOff('new-hex', 120);
    expect(midCopy.report.steps[0]?.outcome).toBe(
      'refused: copy of web2 to old-hex failed: source host new-hex went down (off) during the copy; it stays on new-hex',
    );
    const before = moveWithPowerOff('new-hex', 65);
    // The source went while web2 shut down: it stopped with its host, and no copy began.
    expect(before.report.steps[0]?.outcome).toBe('refused: cannot copy web2: source host new-hex is off');
    expect(before.events.some((entry) => entry.event === 'relocationFailed')).toBe(false);
  });

  it('fails as well when a host at either end reboots mid-copy', () => {
    const { report } = moveWithPowerOff('old-hex', 120, 'host-reboot');
    expect(report.steps[0]?.outcome).toBe(
      'refused: copy of web2 to old-hex failed: destination host old-hex went down (rebooting) during the copy; it stays on new-hex',
    );
  });

  it('does not count a copy that failed as a crash of the VM', () => {
    const report = runScenario(
      scenarioWith(`
faults:
  - { kind: host-power-off, target: old-hex, at: 120s }
plan:
  - { name: Move web2, action: move-vm, vm: web2, to: old-hex, at: 1m }
checks:
  - { check: crashes, name: web2 never crashes, part: web2, max: 0 }
`),
    );
    expect(report.steps[0]?.outcome).toMatch(/^refused: copy of web2/);
    expect(report.checks[0]).toMatchObject({ ok: true, actual: 0 });
  });
});
