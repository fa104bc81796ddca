import { COUNTER_EVENT } from '../../scenarios/export/traceLines.ts';
import type { TraceLine } from '../../scenarios/export/traceLines.ts';

/**
 * One part's counter over the run, from the trace's counter lines (written at the end of a
 * simulated minute, and only when the value changed): a value holds from its line to the next.
 */
export interface CounterSeries {
  readonly part: string;
  readonly name: string;
  readonly timesSeconds: number[];
  readonly values: number[];
  /** Each line's details, for what a counter carries beside its value (a shelf's Pis). */
  readonly details: Array<Readonly<Record<string, unknown>>>;
}

/** Counters by part, then by name, in the order they first appear in the trace. */
export type CounterIndex = ReadonlyMap<string, ReadonlyMap<string, CounterSeries>>;

/** Reads every counter line, whatever its name (the report's side writes 'utilisation', the runner the rest). */
export function indexCounters(lines: readonly TraceLine[]): CounterIndex {
  const index = new Map<string, Map<string, CounterSeries>>();
  for (const line of lines) {
    if (line.event !== COUNTER_EVENT) continue;
    const { name, value } = line.details;
    if (typeof name !== 'string' || typeof value !== 'number' || !Number.isFinite(value)) continue;
    const byName = index.get(line.part) ?? new Map<string, CounterSeries>();
    index.set(line.part, byName);
    let series = byName.get(name);
    if (series === undefined) {
      series = { part: line.part, name, timesSeconds: [], values: [], details: [] };
      byName.set(name, series);
    }
    series.timesSeconds.push(line.timeMs / 1000);
    series.values.push(value);
    series.details.push(line.details);
  }
  return index;
}

const indexed = new WeakMap<readonly TraceLine[], CounterIndex>();

/** The counters of a run's trace, read once per trace however many views ask. */
export function countersOf(lines: readonly TraceLine[]): CounterIndex {
  let index = indexed.get(lines);
  if (index === undefined) {
    index = indexCounters(lines);
    indexed.set(lines, index);
  }
  return index;
}

/** The index of the last line at or before a time (of several at one instant, the last); -1 before the first. */
export function lineIndexAt(series: CounterSeries, seconds: number): number {
  let low = 0;
  let high = series.timesSeconds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((series.timesSeconds[middle] as number) <= seconds) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * Counters the runner writes only once they are non-zero (a web server's queue writes nothing
 * while nobody waits), so before their first line they read 0 rather than unknown.
 */
const ZERO_UNTIL_FIRST_LINE: ReadonlySet<string> = new Set(['queueLength']);

/**
 * A counter's value at a time: its last reading at or before it; before the first, 0 for a counter
 * written only once non-zero, undefined for the others.
 */
export function counterAt(series: CounterSeries, seconds: number): number | undefined {
  const index = lineIndexAt(series, seconds);
  if (index >= 0) return series.values[index];
  return ZERO_UNTIL_FIRST_LINE.has(series.name) ? 0 : undefined;
}

/**
 * Parts alike (a shelf's Pis) as one series per counter name: at each instant any member has a
 * reading, the highest of the members' values then, so one Pi in trouble shows in the summary.
 */
export function groupSeries(index: CounterIndex, members: readonly string[], label: string): CounterSeries[] {
  const names = new Set<string>();
  for (const member of members) for (const name of index.get(member)?.keys() ?? []) names.add(name);
  return [...names].map((name) => {
    const memberSeries = members.flatMap((member) => {
      const series = index.get(member)?.get(name);
      return series === undefined ? [] : [series];
    });
    const instants = [...new Set(memberSeries.flatMap((series) => series.timesSeconds))].sort(
      (a, b) => a - b,
    );
    const values = instants.map((seconds) =>
      Math.max(...memberSeries.map((series) => counterAt(series, seconds) ?? -Infinity)),
    );
    return {
      part: label,
      name,
      timesSeconds: instants,
      values,
      details: values.map((value) => ({ name, value })),
    };
  });
}

/**
 * A counter's points inside a window, at most one pair per pixel (the lowest and highest there),
 * so a days-long counter draws as many points as the track is wide, and a short spike still shows.
 */
export function pointsInWindow(
  series: CounterSeries,
  x: (seconds: number) => number,
  window: { fromSeconds: number; toSeconds: number },
): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const first = Math.max(0, lineIndexAt(series, window.fromSeconds));
  let pixel = Number.NaN;
  let low = 0;
  let high = 0;
  const flush = () => {
    if (Number.isNaN(pixel)) return;
    points.push([pixel, low]);
    if (high !== low) points.push([pixel, high]);
  };
  for (let index = first; index < series.timesSeconds.length; index++) {
    const seconds = series.timesSeconds[index] as number;
    if (seconds > window.toSeconds) break;
    const value = series.values[index] as number;
    const at = Math.round(x(Math.max(seconds, window.fromSeconds)));
    if (at === pixel) {
      low = Math.min(low, value);
      high = Math.max(high, value);
      continue;
    }
    flush();
    pixel = at;
    low = value;
    high = value;
  }
  flush();
  return points;
}

/** A counter's value as a person reads it, in the unit its name carries. */
export function formatCounter(name: string, value: number): string {
  if (name === 'utilisation') return `${(value * 100).toFixed(1)} %`;
  if (name.endsWith('C') && name.startsWith('temperature')) return `${value.toFixed(1)} °C`;
  if (name === 'queueLength') return `${Math.round(value)} waiting`;
  if (name.endsWith('Ms'))
    return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A counter's name as a track label: 'replicationLagMs' reads 'replication lag'. */
export function counterLabel(name: string): string {
  const words = name
    .replace(/(Ms|C)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words;
}
