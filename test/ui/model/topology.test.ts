import { describe, expect, it } from 'vitest';
import { faultWindows, outcomesByService } from '../../../src/ui/model/minutes.ts';
import { countersOf } from '../../../src/ui/model/counters.ts';
import { placementAt } from '../../../src/ui/model/placement.ts';
import { replicationLinksAt } from '../../../src/ui/model/replication.ts';
import { layoutTopology } from '../../../src/ui/model/topology.ts';
import { builtinRun } from './support.ts';

function topologyAt(name: string, seconds: number, widthPx = 900) {
  const { scenario, report, lines } = builtinRun(name);
  const replication = replicationLinksAt(report, countersOf(lines), seconds);
  return layoutTopology(scenario, report, placementAt(scenario, report, seconds), replication, widthPx);
}

function inside(layout: ReturnType<typeof topologyAt>, id: string, containerId: string): boolean {
  const box = layout.boxes.find((each) => each.id === id);
  const container = layout.boxes.find((each) => each.id === containerId);
  if (box === undefined || container === undefined) return false;
  return (
    box.x >= container.x &&
    box.y >= container.y &&
    box.x + box.width <= container.x + container.width &&
    box.y + box.height <= container.y + container.height
  );
}

describe('the topology', () => {
  const { report } = builtinRun('february-2017-migration');
  const moveWeb1 = report.steps.find((step) => step.name === 'Move web1 to SOV');

  it('draws web1 on the old HEX host until its move has ended, and on the SOV host after', () => {
    const before = topologyAt('february-2017-migration', (moveWeb1?.startedAt ?? 0) + 1);
    expect(inside(before, 'web1', 'old-hex')).toBe(true);
    expect(inside(before, 'old-hex', 'site:HEX')).toBe(true);
    const after = topologyAt('february-2017-migration', (moveWeb1?.endedAt ?? 0) + 1);
    expect(inside(after, 'web1', 'new-sov')).toBe(true);
    expect(inside(after, 'new-sov', 'site:SOV')).toBe(true);
    expect(inside(after, 'web1/apache', 'web1')).toBe(true);
  });

  it('points replication from the primary at the time to its replicas', () => {
    const early = topologyAt('february-2017-migration', 700).arrows.filter(
      (arrow) => arrow.kind === 'replication',
    );
    expect(early.map((arrow) => arrow.id)).toEqual(['db1/mysql->db2/mysql']);
    const late = topologyAt('february-2017-migration', report.durationSeconds).arrows.filter(
      (arrow) => arrow.kind === 'replication',
    );
    expect(late.map((arrow) => arrow.id)).toEqual(['db2/mysql->db1/mysql']);
  });

  it('sends the CDN to its backends, labelled with their weights', () => {
    const cdn = topologyAt('february-2017-migration', 0).arrows.filter((arrow) => arrow.kind === 'cdn');
    expect(cdn.map((arrow) => [arrow.id, arrow.label])).toEqual([
      ['cdn:HEX->web1', 'weight 1'],
      ['cdn:HEX->web2', 'weight 1'],
    ]);
  });

  it('keeps every box inside the width it is given, narrow or wide', () => {
    for (const widthPx of [380, 1200]) {
      const layout = topologyAt('shelf-dual-fan-failure', 0, widthPx);
      for (const box of layout.boxes) expect(box.x + box.width).toBeLessThanOrEqual(widthPx + 0.001);
      expect(layout.boxes.filter((box) => box.kind === 'shelfPi')).toHaveLength(108);
    }
  });
});

describe('what users saw per minute', () => {
  it("counts each service's minutes and adds up to its requests", () => {
    const { report, lines } = builtinRun('february-2017-migration');
    const www = outcomesByService(lines).get('www') ?? [];
    expect(www).toHaveLength(240);
    expect(www[1]).toMatchObject({ startSeconds: 60, endSeconds: 120 });
    const counted = www.reduce((sum, minute) => sum + minute.ok + minute.failed + minute.timedOut, 0);
    expect(counted).toBeGreaterThan(0.99 * (report.services['www']?.requests ?? 0));
    expect(counted).toBeLessThanOrEqual(report.services['www']?.requests ?? 0);
  });

  it('shades a fault for as long as the scenario says it lasts', () => {
    const { scenario, lines } = builtinRun('february-2017-migration');
    expect(faultWindows(lines, scenario)).toEqual([
      {
        name: 'db2-replays-backlog',
        kind: 'replication-delay',
        target: 'db2',
        startSeconds: 620,
        endSeconds: 740,
      },
    ]);
  });
});
