import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/ui/model/compare.ts';
import { OUTSIDE_STEPS, planCosts } from '../../../src/ui/model/planCosts.ts';
import { panWindow, zoomWindow } from '../../../src/ui/model/timeWindow.ts';
import { tickText, timeText } from '../../../src/ui/model/timeText.ts';
import { builtinRun } from './support.ts';

describe('comparing two runs', () => {
  const { report } = builtinRun('february-2017-migration');

  it('finds nothing different in a run compared with itself', () => {
    const figures = compareReports(report, report);
    expect(figures.length).toBeGreaterThan(20);
    expect(figures.filter((figure) => figure.differs)).toEqual([]);
  });

  it('marks exactly the figures that changed, and one only the second run has', () => {
    const www = report.services['www'];
    if (www === undefined) throw new Error('no www');
    const after = {
      ...report,
      seed: 7,
      services: { ...report.services, www: { ...www, failed: www.failed + 10 } },
      checks: [...report.checks, { name: 'New check', ok: false, actual: 1, limit: 0 }],
    };
    const differing = compareReports(report, after).filter((figure) => figure.differs);
    expect(differing.map((figure) => `${figure.section} · ${figure.label}`)).toEqual([
      'run · seed',
      'www · failed',
      'checks · New check',
    ]);
    expect(differing[2]).toMatchObject({ before: '—', after: 'FAIL 1' });
  });
});

describe('the window and the time labels', () => {
  it('zooms around the cursor and pans, staying inside the run', () => {
    const whole = { fromSeconds: 0, toSeconds: 14_400 };
    const zoomed = zoomWindow(whole, 0.5, 6000, 14_400);
    expect(zoomed).toEqual({ fromSeconds: 2400, toSeconds: 9600 });
    expect(zoomWindow(zoomed, 0.5, 14_000, 14_400)).toEqual({ fromSeconds: 10_800, toSeconds: 14_400 });
    expect(panWindow(zoomed, -1, 14_400)).toEqual({ fromSeconds: 0, toSeconds: 7200 });
    expect(zoomWindow(whole, 1e-6, 100, 14_400)).toEqual({ fromSeconds: 70, toSeconds: 130 });
    expect(zoomWindow(zoomed, 10, 100, 14_400)).toEqual(whole);
  });

  it('reads the wall clock when the scenario gives time zero, the simulated time otherwise', () => {
    expect(timeText(6054, '2017-02-27T11:00')).toBe('2017-02-27 12:40');
    expect(tickText(6054, '2017-02-27T11:00')).toBe('12:40');
    expect(timeText(6054.4, undefined)).toBe('1h40m54s');
    expect(timeText(0, undefined)).toBe('0s');
  });
});

describe("the plan's costs", () => {
  it('gives what failed while no step ran: the CDN never told leaves admin down after the plan', () => {
    const { report } = builtinRun('broken-migration-cdn-never-told');
    const rows = planCosts(report);
    expect(rows).toHaveLength(report.steps.length + 1);
    const outside = rows.at(-1);
    expect(outside?.name).toBe(OUTSIDE_STEPS);
    const lastStep = report.steps.at(-1);
    // Admin stays down from the plan's end to the run's end, and no step is charged for it.
    expect(outside?.adminDowntimeSeconds).toBeCloseTo(report.durationSeconds - (lastStep?.endedAt ?? 0), 0);
    const { report: good } = builtinRun('february-2017-migration');
    expect(planCosts(good).at(-1)?.adminDowntimeSeconds).toBeLessThan(60);
  });
});
