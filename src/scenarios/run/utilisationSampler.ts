import type { Kernel } from '../../sim/kernel.ts';
import { COUNTER_EVENT } from '../export/traceLines.ts';
import type { Meter } from './utilisationMeters.ts';

/** The report's utilisation is per minute, as the monitoring graphs the seeds quote are. */
export const UTILISATION_MINUTE_MS = 60_000;

/** One part's utilisation over the run's minutes. */
export interface UtilisationFigures {
  kind: string;
  /** The busiest minute's utilisation, 0..1. */
  peak: number;
  /** The mean over the minutes measured, 0..1. */
  mean: number;
}

interface Running {
  last: number[];
  peak: number;
  sum: number;
  minutes: number;
  /** The value of the last counter line written, so an unchanged one is not written again. */
  written: number;
}

/** Counter values are written rounded to this many decimals, so the trace stays readable. */
const COUNTER_DECIMALS = 4;

/**
 * Measures every meter's utilisation over each simulated minute: at the end of each minute it
 * reads the busy time each meter gained, divides it by the minute times the meter's capacity,
 * keeps the peak and the mean, and writes a counter line to the trace, { part, event: 'counter',
 * details: { name: 'utilisation', value } }. A line is written only when a part's value changed
 * since its last line, and none while it stays at 0 from the start (a reader starts every part
 * at 0 and carries the last value forward), so a long quiet run does not fill the trace with zeros. One kernel event per minute, bounded by the run's duration.
 */
export class UtilisationSampler {
  private readonly running = new Map<string, Running>();
  private lastSampleMs = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly meters: readonly Meter[],
    private readonly durationMs: number,
  ) {
    for (const meter of meters)
      this.running.set(meter.id, {
        last: meter.channels.map(() => 0),
        peak: 0,
        sum: 0,
        minutes: 0,
        // Nothing is written until a part's utilisation leaves 0: a reader starts every part at 0.
        written: 0,
      });
  }

  start(): void {
    this.scheduleNext();
  }

  /**
   * Closes the last, partial minute at the end of a run: kept when it is at least half a minute
   * long or no whole minute was measured (a few seconds' average is not a peak). No trace line.
   */
  finish(): void {
    const elapsedMs = this.kernel.nowMs - this.lastSampleMs;
    if (elapsedMs <= 0) return;
    if (this.lastSampleMs === 0 || elapsedMs >= UTILISATION_MINUTE_MS / 2) this.sample(false);
  }

  /** Each meter's figures; undefined for an id no meter measures. */
  figures(id: string): UtilisationFigures | undefined {
    const running = this.running.get(id);
    const meter = this.meters.find((candidate) => candidate.id === id);
    if (running === undefined || meter === undefined) return undefined;
    return {
      kind: meter.kind,
      peak: running.peak,
      mean: running.minutes === 0 ? 0 : running.sum / running.minutes,
    };
  }

  /** The ids of every meter, in the order they were given. */
  ids(): string[] {
    return this.meters.map((meter) => meter.id);
  }

  private scheduleNext(): void {
    const nextMs = this.lastSampleMs + UTILISATION_MINUTE_MS;
    if (nextMs > this.durationMs) return;
    this.kernel.scheduleCallbackAt(nextMs, () => {
      this.sample(true);
      this.scheduleNext();
    });
  }

  private sample(writeLines: boolean): void {
    const nowMs = this.kernel.nowMs;
    const elapsedMs = nowMs - this.lastSampleMs;
    const busyMs = new Map<string, number>();
    for (const meter of this.meters) {
      if (meter.channels.length === 0) continue;
      const running = this.running.get(meter.id) as Running;
      let busiest = 0;
      meter.channels.forEach((channel, index) => {
        const total = channel();
        busiest = Math.max(busiest, total - (running.last[index] ?? 0));
        running.last[index] = total;
      });
      busyMs.set(meter.id, busiest);
    }
    for (const meter of this.meters) {
      const members = meter.members();
      // A machine's own channels (cached hits' CPU) add to the work of what runs on it.
      const busy = members.reduce((sum, id) => sum + (busyMs.get(id) ?? 0), busyMs.get(meter.id) ?? 0);
      const utilisation = Math.min(1, Math.max(0, busy / (elapsedMs * meter.capacity())));
      this.note(meter.id, utilisation, nowMs, writeLines);
    }
    this.lastSampleMs = nowMs;
  }

  private note(id: string, utilisation: number, nowMs: number, writeLine: boolean): void {
    const running = this.running.get(id) as Running;
    running.peak = Math.max(running.peak, utilisation);
    running.sum += utilisation;
    running.minutes++;
    const value = Number(utilisation.toFixed(COUNTER_DECIMALS));
    if (!writeLine || value === running.written) return;
    running.written = value;
    this.kernel.trace.record({
      timeMs: nowMs,
      part: id,
      event: COUNTER_EVENT,
      details: { name: 'utilisation', value },
    });
  }
}
