import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { problemsOf, scenarioWith } from './scenarioText.ts';

function migrate(dirtyRate: string): Report {
  return runScenario(
    scenarioWith(`
plan:
  - { name: Migrate web2, action: live-migrate, vm: web2, to: old-hex, dirtyRate: ${dirtyRate}, at: 1m }
  - { name: Then web2 goes back, action: live-migrate, vm: web2, to: new-hex, dirtyRate: ${dirtyRate} }
`),
  );
}

/** Seconds web2 spent paused in stop-and-copy, over the run. */
function pauseSeconds(report: Report): number {
  const states = report.parts['web2']?.states ?? [];
  let paused = 0;
  states.forEach((change, index) => {
    const next = states[index + 1];
    if (change.state === 'migrating.stopAndCopy' && next !== undefined) paused += next.at - change.at;
  });
  return paused;
}

describe('live-migrate', () => {
  it('moves a running VM to another host of its site, there and back, with a pause that grows with the dirty rate', () => {
    const calm = migrate('80Mbps');
    const busy = migrate('2Gbps');
    expect(calm.steps.map((step) => step.outcome)).toEqual(['done', 'done']);
    expect(busy.steps.map((step) => step.outcome)).toEqual(['done', 'done']);
    // 32 GB over old-hex's 4 Gbps NIC: each first round is over a minute; the pause is far less.
    const calmStep = calm.steps[0];
    expect((calmStep?.endedAt ?? 0) - (calmStep?.startedAt ?? 0)).toBeGreaterThan(60);
    expect(pauseSeconds(calm)).toBeLessThan(0.5);
    // At half the link rate the remainder halves per round: after six passes ~0.5 GB, ~1 s per pause.
    expect(pauseSeconds(busy)).toBeGreaterThan(10 * pauseSeconds(calm));
    expect(pauseSeconds(busy)).toBeGreaterThan(1.5);
    expect(pauseSeconds(busy)).toBeLessThan(4);
    // The VM never stopped: a live migration is not a reboot.
    expect(busy.parts['web2']?.states.some((change) => change.state === 'stopped')).toBe(false);
  });

  it('reports a migration that cannot converge, and the VM stays running where it was', () => {
    const report = runScenario(
      scenarioWith(`
plan:
  - { name: Migrate web2, action: live-migrate, vm: web2, to: old-hex, dirtyRate: 5Gbps, at: 1m }
  - { name: Never reached, action: wait, duration: 1m }
`),
    );
    expect(report.steps[0]?.outcome).toMatch(
      /^refused: live migration of web2 cannot converge: dirty rate 5000 Mbps ≥ link 4000 Mbps.*; it stays on new-hex$/,
    );
    expect(report.steps[1]?.outcome).toBe('not run');
    expect(report.parts['web2']?.states.map((change) => change.state)).toEqual([
      'running',
      'migrating.preCopy',
      'running',
    ]);
    expect(report.ok).toBe(false);
  });

  it('ends when the destination is powered off mid-copy: the VM runs on at the source', () => {
    const report = runScenario(
      scenarioWith(`
faults:
  - { kind: host-power-off, target: old-hex, at: 90s }
plan:
  - { name: Migrate web2, action: live-migrate, vm: web2, to: old-hex, at: 1m }
`),
    );
    expect(report.steps[0]?.outcome).toBe(
      'refused: live migration of web2 to old-hex failed: destination host old-hex went down (off) during the copy',
    );
    expect(report.parts['web2']?.states.map((change) => change.state)).toEqual([
      'running',
      'migrating.preCopy',
      'running',
    ]);
    expect(report.services['www']?.downSeconds).toBe(0);
  });

  it('is refused at validation across sites and for a VM that is off', () => {
    expect(
      problemsOf(`
plan:
  - { name: Migrate web2, action: live-migrate, vm: web2, to: new-sov }
`),
    ).toEqual(['plan[0].to: "new-sov", in site SOV while web2 is in HEX']);
    expect(
      problemsOf(`
plan:
  - { name: Stop web2, action: shutdown, vm: web2, mode: graceful }
  - { name: Migrate web2, action: live-migrate, vm: web2, to: old-hex }
`),
    ).toEqual(['plan[1].vm: "web2", off at this step']);
  });
});
