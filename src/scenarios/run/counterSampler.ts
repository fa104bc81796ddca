import type { Kernel } from '../../sim/kernel.ts';
import { COUNTER_EVENT } from '../export/traceLines.ts';
import type { EstateRuntime } from './estateRuntime.ts';

/** How often the counters are sampled: the end of every simulated minute (the agreed trace format). */
export const COUNTER_SAMPLE_MS = 60_000;

/** Temperatures are written to a hundredth of a degree, each Pi of a shelf's heatmap to a tenth. */
const CELSIUS_STEPS = 100;
const PI_CELSIUS_STEPS = 10;

/** One counter's reading at the end of a minute, as its trace line's details carry it. */
export interface CounterReading {
  readonly part: string;
  readonly name: 'temperatureC' | 'replicationLagMs' | 'queueLength';
  readonly value: number;
  /** What the line carries beside the value (a shelf's Pis, a replica's writes behind). */
  readonly extra: Readonly<Record<string, number | readonly number[]>>;
}

/** A value rounded to 1/steps (steps 100: to a hundredth), so a line does not carry noise. */
function rounded(value: number, steps: number): number {
  return Math.round(value * steps) / steps;
}

/**
 * Each shelf as one reading rather than one per Pi, so 108 Pis cost one line a minute: the value
 * is the hottest Pi (what the critical-temperature alarm watches), with the coolest and the mean
 * beside it, and every Pi's temperature in shelf order (`piC`) for the page's heatmap.
 */
function shelfReadings(estate: EstateRuntime): CounterReading[] {
  const readings: CounterReading[] = [];
  for (const [id, shelf] of estate.pis.shelves) {
    const exact = Array.from({ length: shelf.pis.length }, (_, index) => shelf.piCelsius(index));
    if (exact.length === 0) continue;
    const meanC = exact.reduce((sum, celsius) => sum + celsius, 0) / exact.length;
    readings.push({
      part: id,
      name: 'temperatureC',
      value: rounded(Math.max(...exact), CELSIUS_STEPS),
      extra: {
        minC: rounded(Math.min(...exact), CELSIUS_STEPS),
        meanC: rounded(meanC, CELSIUS_STEPS),
        piC: exact.map((celsius) => rounded(celsius, PI_CELSIUS_STEPS)),
      },
    });
  }
  return readings;
}

/**
 * Every MySQL server's replication lag (how long until it holds every write committed so far; 0 on
 * the primary) and the writes it lacks, which also counts what a stopped server has missed.
 */
function replicaReadings(estate: EstateRuntime): CounterReading[] {
  const { mysql } = estate;
  return mysql.serverIds().map((id) => ({
    part: id,
    name: 'replicationLagMs',
    value: Math.round(mysql.replicationLagMs(id)),
    extra: { writesBehind: mysql.writesBehind(id) },
  }));
}

/** Every web server's requests waiting for a worker at the minute's end (a snapshot, not a mean). */
function queueReadings(estate: EstateRuntime): CounterReading[] {
  return [...estate.webServers.values()].map((server) => ({
    part: server.id,
    name: 'queueLength',
    value: estate.engine.serverQueueLength(server.id),
    extra: {},
  }));
}

/** The counters this sampler writes, read from the estate as it is now; reading changes nothing. */
export function readCounters(estate: EstateRuntime): CounterReading[] {
  return [...shelfReadings(estate), ...replicaReadings(estate), ...queueReadings(estate)];
}

/** Counters a reader takes as 0 until their first line, so a part that never queues writes none. */
const ZERO_UNTIL_WRITTEN: ReadonlySet<CounterReading['name']> = new Set(['queueLength']);

/**
 * Writes counter lines to the trace at the end of every simulated minute: `{ part, event:
 * 'counter', details: { name, value, ...extra } }`. A counter whose line would repeat the last one
 * written for it (a replica caught up, a shelf that did not change) is not written again: a reader
 * holds each value until the next line, so a steady estate adds little to a long trace. The number
 * of samples is bounded by the run's duration.
 */
export class CounterSampler {
  private readonly lastWritten = new Map<string, string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly read: () => readonly CounterReading[],
    private readonly durationMs: number,
  ) {}

  start(): void {
    if (COUNTER_SAMPLE_MS <= this.durationMs)
      this.kernel.scheduleCallback(COUNTER_SAMPLE_MS, () => this.sample());
  }

  private sample(): void {
    const nowMs = this.kernel.nowMs;
    for (const reading of this.read()) {
      const details = { name: reading.name, value: reading.value, ...reading.extra };
      const key = `${reading.part}\u0000${reading.name}`;
      const text = JSON.stringify(details);
      const last = this.lastWritten.get(key);
      if (
        last === text ||
        (last === undefined && reading.value === 0 && ZERO_UNTIL_WRITTEN.has(reading.name))
      )
        continue;
      this.lastWritten.set(key, text);
      this.kernel.trace.record({ timeMs: nowMs, part: reading.part, event: COUNTER_EVENT, details });
    }
    if (nowMs + COUNTER_SAMPLE_MS <= this.durationMs)
      this.kernel.scheduleCallback(COUNTER_SAMPLE_MS, () => this.sample());
  }
}
