import { describe, expect, it } from 'vitest';
import { perfettoTrace } from '../../../src/scenarios/export/perfetto.ts';
import type { ChromeTrace, ChromeTraceEvent } from '../../../src/scenarios/export/perfetto.ts';
import type { TraceLine } from '../../../src/scenarios/export/traceLines.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import type { Report } from '../../../src/scenarios/report.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/** Runs a built-in scenario and keeps its trace lines, as the CLI and the page do. */
function runBuiltin(name: string): { report: Report; lines: TraceLine[] } {
  const lines: TraceLine[] = [];
  const report = runScenario(loadScenarioFile(findBuiltinScenario(name)?.path ?? ''), {
    onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine),
  });
  return { report, lines };
}

/** What Perfetto's JSON importer needs of every event, and that every lane it draws is named. */
function expectImportable(trace: ChromeTrace): void {
  const processNames = new Set<number>();
  const threadNames = new Set<string>();
  for (const event of trace.traceEvents) {
    expect(typeof event.name).toBe('string');
    expect(['X', 'i', 'C', 'M']).toContain(event.ph);
    expect(Number.isInteger(event.ts) && event.ts >= 0).toBe(true);
    expect(Number.isInteger(event.pid) && Number.isInteger(event.tid)).toBe(true);
    if (event.ph === 'X') expect(Number.isInteger(event.dur) && (event.dur ?? -1) >= 0).toBe(true);
    if (event.name === 'process_name') processNames.add(event.pid);
    if (event.name === 'thread_name') threadNames.add(`${event.pid}:${event.tid}`);
  }
  for (const event of trace.traceEvents.filter((each) => each.ph !== 'M')) {
    expect(processNames.has(event.pid)).toBe(true);
    if (event.ph !== 'C') expect(threadNames.has(`${event.pid}:${event.tid}`)).toBe(true);
  }
  // It survives a round trip through JSON unchanged: no undefined, NaN or Infinity in it.
  expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
}

function threadOf(trace: ChromeTrace, part: string): { pid: number; tid: number } {
  const named = trace.traceEvents.find(
    (event) => event.name === 'thread_name' && event.args?.['name'] === part,
  );
  if (named === undefined) throw new Error(`no thread for ${part}`);
  return { pid: named.pid, tid: named.tid };
}

function slicesOf(trace: ChromeTrace, part: string): ChromeTraceEvent[] {
  const { pid, tid } = threadOf(trace, part);
  return trace.traceEvents.filter((event) => event.ph === 'X' && event.pid === pid && event.tid === tid);
}

describe('perfettoTrace on the February 2017 migration', () => {
  const { report, lines } = runBuiltin('february-2017-migration');
  const trace = perfettoTrace(report, lines);

  it('gives events Perfetto imports, with every process and thread named', () => {
    expectImportable(trace);
    expect(trace.displayTimeUnit).toBe('ms');
    expect(trace.otherData.traceHash).toBe(report.traceHash);
  });

  it("draws web1 moving, in microseconds, inside the plan's step that moved it", () => {
    const step = report.steps.find((each) => each.name === 'Move web1 to SOV');
    const moving = slicesOf(trace, 'web1').find((slice) => slice.name === 'moving');
    expect(step).toBeDefined();
    expect(moving?.ts).toBe((step?.startedAt ?? -1) * 1_000_000);
    expect(moving?.dur).toBe(((step?.endedAt ?? 0) - (step?.startedAt ?? 0)) * 1_000_000);
    const stepSlice = trace.traceEvents.find((event) => event.ph === 'X' && event.name === step?.name);
    expect(stepSlice?.args).toMatchObject({
      adminDowntimeSeconds: step?.adminDowntimeSeconds,
      outcome: 'done',
    });
  });

  it("tiles each part's lane with its states from zero to the end of the run", () => {
    for (const part of Object.keys(report.parts)) {
      const slices = slicesOf(trace, part);
      if (slices.length === 0) continue;
      const last = slices.at(-1);
      expect((last?.ts ?? 0) + (last?.dur ?? 0)).toBe(report.durationSeconds * 1_000_000);
      slices.slice(1).forEach((slice, index) => {
        const before = slices[index] as ChromeTraceEvent;
        expect(slice.ts).toBe(before.ts + (before.dur ?? 0));
      });
    }
  });

  it("counts users' requests per minute in counter tracks that add up to the report's requests", () => {
    const www = trace.traceEvents.filter(
      (event) => event.ph === 'C' && event.name === 'www requests per minute',
    );
    expect(www).toHaveLength(report.durationSeconds / 60);
    expect(www[0]?.ts).toBe(0);
    expect(www[1]?.ts).toBe(60_000_000);
    const counted = www.reduce(
      (sum, event) =>
        sum + Number(event.args?.['ok']) + Number(event.args?.['failed']) + Number(event.args?.['timedOut']),
      0,
    );
    // Requests still in flight at the end are counted by the report and by no minute.
    const requests = report.services['www']?.requests ?? 0;
    expect(counted).toBeLessThanOrEqual(requests);
    expect(counted).toBeGreaterThan(0.99 * requests);
    // A minute is a rate, not a running total: no minute holds more than a tenth of the run.
    expect(Math.max(...www.map((event) => Number(event.args?.['ok'])))).toBeLessThan(requests / 10);
  });

  it('marks the fault as an instant across the whole trace at the time it struck', () => {
    const faults = trace.traceEvents.filter((event) => event.cat === 'fault');
    expect(faults.map((event) => [event.name, event.ph, event.s, event.ts])).toEqual([
      ['fault: db2-replays-backlog', 'i', 'g', 620_000_000],
    ]);
  });
});

describe('perfettoTrace on a small hand-made run', () => {
  const report = {
    scenario: 'tiny',
    source: 'test',
    seed: 1,
    traceHash: '0'.repeat(64),
    durationSeconds: 120,
    run: { stoppedBy: 'until', events: 1, traceLines: 3 },
    slo: { errorThresholdShare: 0.01, latencyObjectiveMs: 30_000 },
    services: {},
    admin: { downtimeSeconds: 0 },
    data: { acknowledgedWrites: 0, lostWrites: 0, splitBrain: false },
    parts: {
      pi1: { kind: 'pi', utilisationPeak: 0, states: [{ at: 0, state: 'up', tags: [] }] },
      pi2: {
        kind: 'pi',
        utilisationPeak: 0,
        states: [
          { at: 0, state: 'up', tags: [] },
          { at: 30, state: 'crashed', tags: [] },
        ],
      },
      mini1: { kind: 'cdnNode', utilisationPeak: 0, states: [{ at: 0, state: 'up', tags: [] }] },
    },
    steps: [],
    outsidePlan: {
      beforePlan: { failedRequests: 0, adminDowntimeSeconds: 0 },
      afterPlan: { failedRequests: 0, adminDowntimeSeconds: 0 },
      settleSeconds: 36,
    },
    checks: [],
    ok: true,
  } satisfies Report;
  const line = (timeMs: number, part: string, event: string, details = {}): TraceLine => ({
    timeMs,
    part,
    event,
    from: null,
    to: null,
    details,
  });

  it('groups parts of one kind as threads of one process, and each kind in its own', () => {
    const trace = perfettoTrace(report, []);
    expectImportable(trace);
    expect(threadOf(trace, 'pi1').pid).toBe(threadOf(trace, 'pi2').pid);
    expect(threadOf(trace, 'pi1').tid).not.toBe(threadOf(trace, 'pi2').tid);
    expect(threadOf(trace, 'mini1').pid).not.toBe(threadOf(trace, 'pi1').pid);
    expect(slicesOf(trace, 'pi2').map((slice) => [slice.name, slice.ts, slice.dur])).toEqual([
      ['up', 0, 30_000_000],
      ['crashed', 30_000_000, 90_000_000],
    ]);
  });

  it("puts a domain event on its part's thread, skips machine events, and keeps an unknown part's", () => {
    const trace = perfettoTrace(report, [
      line(5000, 'pi2', 'CRASH'),
      line(6000, 'pi2', 'storageFailed', { cause: 'wear' }),
      line(7000, 'nowhere', 'backendDown'),
    ]);
    expectImportable(trace);
    const instants = trace.traceEvents.filter((event) => event.ph === 'i');
    expect(instants.map((event) => [event.name, event.ts])).toEqual([
      ['storageFailed', 6_000_000],
      ['backendDown', 7_000_000],
    ]);
    expect(instants[0]).toMatchObject(threadOf(trace, 'pi2'));
    expect(instants[0]?.args).toMatchObject({ cause: 'wear' });
    expect(instants[1]).toMatchObject(threadOf(trace, 'unattached'));
  });

  it('carries XState tags into a slice when the report gives them', () => {
    const tagged = {
      ...report,
      parts: { pi1: { kind: 'pi', utilisationPeak: 0, states: [{ at: 0, state: 'up', tags: ['serving'] }] } },
    } as unknown as Report;
    expect(slicesOf(perfettoTrace(tagged, []), 'pi1')[0]?.args).toEqual({ state: 'up', tags: ['serving'] });
  });
});

describe('perfettoTrace counters', () => {
  const report = {
    scenario: 'tiny',
    source: 'test',
    seed: 1,
    traceHash: '0'.repeat(64),
    durationSeconds: 180,
    run: { stoppedBy: 'until', events: 1, traceLines: 3 },
    slo: { errorThresholdShare: 0.01, latencyObjectiveMs: 30_000 },
    services: {},
    admin: { downtimeSeconds: 0 },
    data: { acknowledgedWrites: 0, lostWrites: 0, splitBrain: false },
    parts: { shelf1: { kind: 'shelf', utilisationPeak: 0, states: [{ at: 0, state: 'online', tags: [] }] } },
    steps: [],
    outsidePlan: {
      beforePlan: { failedRequests: 0, adminDowntimeSeconds: 0 },
      afterPlan: { failedRequests: 0, adminDowntimeSeconds: 0 },
      settleSeconds: 36,
    },
    checks: [],
    ok: true,
  } satisfies Report;
  const counter = (timeMs: number, part: string, details: Record<string, unknown>): TraceLine => ({
    timeMs,
    part,
    event: 'counter',
    from: null,
    to: null,
    details,
  });

  it("turns counter lines into counter tracks in the part's process, not into instants", () => {
    const trace = perfettoTrace(report, [
      counter(60_000, 'shelf1', { name: 'temperatureC', value: 40, minC: 30, meanC: 35, piC: [30, 40] }),
      counter(120_000, 'shelf1', { name: 'temperatureC', value: 52.5, minC: 31, meanC: 41, piC: [31, 52.5] }),
      counter(120_000, 'db9', { name: 'replicationLagMs', value: 250 }),
    ]);
    expectImportable(trace);
    expect(trace.traceEvents.filter((event) => event.ph === 'i')).toEqual([]);
    const counters = trace.traceEvents.filter((event) => event.cat === 'counter');
    expect(counters.map((event) => [event.name, event.ts, event.args])).toEqual([
      ['shelf1 temperatureC', 60_000_000, { value: 40, min: 30, mean: 35 }],
      ['shelf1 temperatureC', 120_000_000, { value: 52.5, min: 31, mean: 41 }],
      ['db9 replicationLagMs', 120_000_000, { value: 250 }],
    ]);
    expect(counters[0]?.pid).toBe(threadOf(trace, 'shelf1').pid);
    expect(counters[2]?.pid).toBe(threadOf(trace, 'unattached').pid);
  });
});
