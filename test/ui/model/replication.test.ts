import { describe, expect, it } from 'vitest';
import type { TraceLine } from '../../../src/scenarios/export/traceLines.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';
import { indexCounters } from '../../../src/ui/model/counters.ts';
import { placementAt } from '../../../src/ui/model/placement.ts';
import { lagText, replicationLinksAt } from '../../../src/ui/model/replication.ts';
import { layoutTopology } from '../../../src/ui/model/topology.ts';
import { builtinRun } from './support.ts';

describe('a lag as the arrow reads it', () => {
  it('gives seconds under a minute and minutes with seconds above', () => {
    expect(lagText(0)).toBe('lag 0 s');
    expect(lagText(28_605)).toBe('lag 29 s');
    expect(lagText(59_400)).toBe('lag 59 s');
    expect(lagText(59_600)).toBe('lag 1m00s');
    expect(lagText(118_000)).toBe('lag 1m58s');
    expect(lagText(3_725_000)).toBe('lag 62m05s');
  });
});

describe('replication arrows in the February 2017 migration', () => {
  const { scenario, report, lines } = builtinRun('february-2017-migration');
  const counters = indexCounters(lines);
  const fault = scenario.faults?.[0];
  const linksAt = (seconds: number) => replicationLinksAt(report, counters, seconds);

  it('holds db2 behind db1 while it replays its backlog, coloured, and shows the lag on the arrow', () => {
    // db2 is seeded at 645 s; the runner writes its first lag line at the next minute's end.
    expect(linksAt(655)).toMatchObject([
      { primary: 'db1/mysql', replica: 'db2/mysql', lagMs: undefined, behind: false },
    ]);
    const during = linksAt(700);
    expect(during).toHaveLength(1);
    const lagMs = during[0]?.lagMs ?? 0;
    // The fault holds db2 behind by up to its delay (30 s in the scenario), never more.
    expect(lagMs).toBeGreaterThan(10_000);
    expect(lagMs).toBeLessThanOrEqual(fault?.kind === 'replication-delay' ? fault.delay : 0);
    expect(during[0]).toMatchObject({ behind: true, label: lagText(lagMs) });
    expect(during[0]?.writesBehind).toBeGreaterThan(0);
    const layout = layoutTopology(scenario, report, placementAt(scenario, report, 700), during, 900);
    const arrow = layout.arrows.find((each) => each.kind === 'replication');
    expect(arrow).toMatchObject({ id: 'db1/mysql->db2/mysql', label: lagText(lagMs), behind: true });
  });

  it('draws no arrow while db2 is being promoted, then points from db2 to db1 once it is primary', () => {
    const promoting = report.parts['db2/mysql']?.states.find((change) => change.state === 'promoting');
    expect(promoting).toBeDefined();
    expect(linksAt((promoting?.at ?? 0) + 1)).toEqual([]);
    const late = linksAt(report.durationSeconds);
    expect(late).toMatchObject([
      {
        primary: 'db2/mysql',
        replica: 'db1/mysql',
        lagMs: 0,
        writesBehind: 0,
        behind: false,
        label: 'lag 0 s',
      },
    ]);
    const layout = layoutTopology(scenario, report, placementAt(scenario, report, 9000), late, 900);
    expect(layout.arrows.find((each) => each.kind === 'replication')?.behind).toBeUndefined();
  });

  it('shows db1 as behind by the writes it missed while stopped, until it has caught up', () => {
    const restarted = report.parts['db1/mysql']?.states.find((change) => change.state === 'replicating');
    const justAfter = linksAt((restarted?.at ?? 0) + 1)[0];
    expect(justAfter?.behind).toBe(true);
    expect(justAfter?.label).toMatch(/^lag 0 s \(\d+ writes behind\)$/);
  });

  it('reads a longer lag when the replica is held further behind', () => {
    if (fault?.kind !== 'replication-delay') throw new Error('the migration lost its replication fault');
    const longer: Scenario = { ...scenario, faults: [{ ...fault, delay: 3 * fault.delay }] };
    const longerLines: TraceLine[] = [];
    const longerReport = runScenario(longer, {
      onTraceLine: (line) => {
        const parsed = JSON.parse(line) as TraceLine;
        if (parsed.event === 'counter') longerLines.push(parsed);
      },
    });
    // At 730 s the line of 720 s holds: 100 s into the fault, past the first delay but not the longer.
    const base = linksAt(730)[0]?.lagMs ?? 0;
    const held = replicationLinksAt(longerReport, indexCounters(longerLines), 730)[0];
    expect(held?.replica).toBe('db2/mysql');
    expect(held?.lagMs).toBeGreaterThan(2 * base);
    expect(held?.label).toBe(lagText(held?.lagMs ?? 0));
  });
});
