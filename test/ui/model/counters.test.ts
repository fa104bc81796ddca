import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { scaleScenario } from '../../../src/scenarios/capacity/scaleScenario.ts';
import type { TraceLine } from '../../../src/scenarios/export/traceLines.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import { COUNTER_SAMPLE_MS } from '../../../src/scenarios/run/counterSampler.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import {
  counterAt,
  counterLabel,
  formatCounter,
  groupSeries,
  indexCounters,
  pointsInWindow,
} from '../../../src/ui/model/counters.ts';
import { heatedShelves, shelfHeatAt } from '../../../src/ui/model/heatmap.ts';
import { builtinRun } from './support.ts';

const counter = (timeMs: number, part: string, name: string, value: number, extra = {}): TraceLine => ({
  timeMs,
  part,
  event: 'counter',
  from: null,
  to: null,
  details: { name, value, ...extra },
});

describe('counters read from trace lines', () => {
  const lines = [
    counter(60_000, 'pi1', 'utilisation', 0.2),
    counter(60_000, 'pi2', 'utilisation', 0.5),
    { ...counter(90_000, 'www', 'ignored', 1), event: 'outcomes' },
    counter(120_000, 'pi1', 'utilisation', 0.9),
    counter(180_000, 'pi2', 'utilisation', 0.1),
    counter(180_000, 'db2', 'replicationLagMs', 1500),
  ];
  const index = indexCounters(lines);

  it('reads every counter name generically, and holds a value until the next line', () => {
    const pi1 = index.get('pi1')?.get('utilisation');
    expect(pi1).toBeDefined();
    if (pi1 === undefined) return;
    expect(counterAt(pi1, 59)).toBeUndefined();
    expect(counterAt(pi1, 60)).toBe(0.2);
    expect(counterAt(pi1, 119)).toBe(0.2);
    expect(counterAt(pi1, 120)).toBe(0.9);
    expect(counterAt(pi1, 10_000)).toBe(0.9);
    expect([...(index.get('db2')?.keys() ?? [])]).toEqual(['replicationLagMs']);
    expect(index.has('www')).toBe(false);
  });

  it('reads a queue as empty before its first line, since none is written while nobody waits', () => {
    const queues = indexCounters([
      counter(300_000, 'web1/apache', 'queueLength', 4),
      counter(360_000, 'web1/apache', 'queueLength', 0),
    ]);
    const web1 = queues.get('web1/apache')?.get('queueLength');
    if (web1 === undefined) throw new Error('no queue series');
    expect(counterAt(web1, 299)).toBe(0);
    expect(counterAt(web1, 300)).toBe(4);
    expect(counterAt(web1, 359)).toBe(4);
    expect(counterAt(web1, 360)).toBe(0);
  });

  it("sums a group up as the highest member's value at each instant", () => {
    const [group] = groupSeries(index, ['pi1', 'pi2'], 'pi# ×2');
    expect(group?.timesSeconds).toEqual([60, 120, 180]);
    expect(group?.values).toEqual([0.5, 0.9, 0.9]);
  });

  it('draws at most two points a pixel, keeping the highest and lowest', () => {
    const many = indexCounters(
      Array.from({ length: 1000 }, (_, minute) =>
        counter((minute + 1) * 60_000, 'shelf1', 'temperatureC', minute === 500 ? 90 : 40),
      ),
    )
      .get('shelf1')
      ?.get('temperatureC');
    if (many === undefined) throw new Error('no series');
    const window = { fromSeconds: 0, toSeconds: 60_000 };
    const x = scaleLinear().domain([0, 60_000]).range([0, 100]);
    const points = pointsInWindow(many, x, window);
    expect(points.length).toBeLessThanOrEqual(2 * 101);
    expect(Math.max(...points.map(([, value]) => value))).toBe(90);
    // Zoomed into the first ten minutes, only their readings are drawn, one per pixel column.
    const zoomed = pointsInWindow(many, scaleLinear().domain([0, 600]).range([0, 100]), {
      fromSeconds: 0,
      toSeconds: 600,
    });
    expect(zoomed).toHaveLength(10);
  });

  it('writes values in the unit their names carry', () => {
    expect(formatCounter('utilisation', 0.253)).toBe('25.3 %');
    expect(formatCounter('temperatureC', 41.26)).toBe('41.3 °C');
    expect(formatCounter('replicationLagMs', 250)).toBe('250 ms');
    expect(formatCounter('replicationLagMs', 2500)).toBe('2.50 s');
    expect(formatCounter('queueLength', 7)).toBe('7 waiting');
    expect(counterLabel('queueLength')).toBe('queue length');
  });
});

describe('the shelf heatmap in the fan-failure run', () => {
  const { lines, report } = builtinRun('shelf-dual-fan-failure');
  const index = indexCounters(lines);

  it('has a reading for each of the 108 Pis, and warms after the fans fail', () => {
    expect(heatedShelves(index)).toEqual(['shelf1']);
    const early = shelfHeatAt(index, 'shelf1', 30 * 60);
    const late = shelfHeatAt(index, 'shelf1', report.durationSeconds - 3600);
    expect(shelfHeatAt(index, 'shelf1', 30)).toBeUndefined();
    expect(early?.piC).toHaveLength(108);
    expect((late?.meanC ?? 0) - (early?.meanC ?? 0)).toBeGreaterThan(10);
    expect(late?.maxC).toBeGreaterThanOrEqual(Math.max(...(late?.piC ?? [])) - 0.05);
    expect(late?.minC).toBeLessThan(late?.maxC ?? 0);
  });
});

describe('queue length tracks of an overloaded run', () => {
  // Twenty times the crowd of old-host-reboot-before outgrows its web servers' workers within ten minutes.
  const base = loadScenarioFile(findBuiltinScenario('old-host-reboot-before')?.path ?? '');
  const lines: TraceLine[] = [];
  const report = runScenario(scaleScenario(base, 20, 10 * COUNTER_SAMPLE_MS), {
    onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine),
  });
  const queues = [...indexCounters(lines)].flatMap(([, byName]) => {
    const series = byName.get('queueLength');
    return series === undefined ? [] : [series];
  });

  it("gives each web server's queue to its own part's track, empty before its first line", () => {
    expect(queues.length).toBeGreaterThan(0);
    for (const series of queues) {
      expect(report.parts[series.part]).toBeDefined();
      expect(counterAt(series, 0)).toBe(0);
      const peak = Math.max(...series.values);
      expect(peak).toBeGreaterThan(0);
      expect(formatCounter(series.name, peak)).toBe(`${peak} waiting`);
    }
  });
});
