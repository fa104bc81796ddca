import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import type { TraceLine } from '../../../src/scenarios/export/traceLines.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import { COUNTER_SAMPLE_MS, CounterSampler } from '../../../src/scenarios/run/counterSampler.ts';
import type { CounterReading } from '../../../src/scenarios/run/counterSampler.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';
import { Kernel } from '../../../src/sim/kernel.ts';
import { scaleScenario } from '../../../src/scenarios/capacity/scaleScenario.ts';

function counterLines(scenario: Scenario): { lines: TraceLine[]; hash: string } {
  const lines: TraceLine[] = [];
  const report = runScenario(scenario, {
    onTraceLine: (line) => {
      const parsed = JSON.parse(line) as TraceLine;
      if (parsed.event === 'counter') lines.push(parsed);
    },
  });
  return { lines, hash: report.traceHash };
}

function builtin(name: string): Scenario {
  return loadScenarioFile(findBuiltinScenario(name)?.path ?? '');
}

describe('CounterSampler', () => {
  it('writes a line at the end of each minute only when the reading changed, and stops at the end', () => {
    const kernel = new Kernel({ seed: 1 });
    const written: TraceLine[] = [];
    const values = [5, 5, 7, 7, 7];
    let minute = 0;
    const read = (): CounterReading[] => [
      { part: 'db2', name: 'replicationLagMs', value: values[minute++] ?? 0, extra: {} },
    ];
    const sampler = new CounterSampler(kernel, read, 5 * COUNTER_SAMPLE_MS);
    sampler.start();
    kernel.run({ untilMs: 10 * COUNTER_SAMPLE_MS });
    for (const line of kernel.trace.lines()) written.push(JSON.parse(line) as TraceLine);
    expect(minute).toBe(5);
    expect(written.map((line) => [line.timeMs, line.details['value']])).toEqual([
      [60_000, 5],
      [180_000, 7],
    ]);
  });
});

describe('counter lines of a run', () => {
  const shelf = builtin('shelf-dual-fan-failure');
  const { lines } = counterLines({ ...shelf, duration: 3 * 3_600_000 });

  it("follow the shelf warming after its fans fail, with every Pi's temperature for the heatmap", () => {
    const temperatures = lines.filter(
      (line) => line.part === 'shelf1' && line.details['name'] === 'temperatureC',
    );
    expect(temperatures.length).toBeGreaterThan(100);
    const first = temperatures[0]?.details;
    const last = temperatures.at(-1)?.details;
    expect((first?.['piC'] as number[]).length).toBe(108);
    expect(Number(first?.['minC'])).toBeLessThanOrEqual(Number(first?.['meanC']));
    expect(Number(first?.['meanC'])).toBeLessThanOrEqual(Number(first?.['value']));
    // The fans fail early in the run: the shelf ends several degrees warmer than it started.
    expect(Number(last?.['meanC']) - Number(first?.['meanC'])).toBeGreaterThan(3);
  });

  it('barely moves without the fan failure', () => {
    const calm = counterLines({ ...shelf, duration: 3 * 3_600_000, faults: [] }).lines.filter(
      (line) => line.part === 'shelf1',
    );
    const drift = Math.abs(Number(calm.at(-1)?.details['meanC']) - Number(calm[0]?.details['meanC']));
    expect(drift).toBeLessThan(3);
  });

  it("writes each MySQL server's replication lag, which the delayed replica shows", () => {
    const migration = builtin('february-2017-migration');
    const { lines: migrationLines } = counterLines(migration);
    const lagged = migrationLines.filter(
      (line) => line.details['name'] === 'replicationLagMs' && Number(line.details['value']) > 0,
    );
    expect(lagged.length).toBeGreaterThan(0);
    expect(new Set(migrationLines.map((line) => line.part)).size).toBeGreaterThanOrEqual(2);
  });
});

describe('queue length counters', () => {
  const quiet = scaleScenario(builtin('old-host-reboot-before'), 1, 10 * COUNTER_SAMPLE_MS);
  const queueLines = (scenario: Scenario) =>
    counterLines(scenario).lines.filter((line) => line.details['name'] === 'queueLength');

  it('writes none while no request waits for a worker', () => {
    expect(queueLines(quiet)).toEqual([]);
  });

  it("shows web servers' queues once the crowd outgrows their workers", () => {
    // Twenty times the crowd is past this estate's knee (its capacity search fails near ×13).
    const lines = queueLines(scaleScenario(builtin('old-host-reboot-before'), 20, 10 * COUNTER_SAMPLE_MS));
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.max(...lines.map((line) => Number(line.details['value'])))).toBeGreaterThan(10);
    expect(lines.every((line) => line.part.endsWith('/apache'))).toBe(true);
  });
});
