import type { Kernel } from '../../sim/kernel.ts';
import type { EstateRuntime } from './estateRuntime.ts';

interface Sample {
  atMs: number;
  celsius: number;
}

/** How often the admin side and the MySQL topology are probed: the resolution of their downtime. */
export const PROBE_INTERVAL_MS = 1_000;
/** How often the request outcomes of the interval just ended are written to the trace. */
export const OUTCOMES_TRACE_MS = 60_000;
/** How often temperatures are sampled; crossings are interpolated between samples. */
export const TEMPERATURE_SAMPLE_MS = 60_000;

/**
 * Watches what no single request shows: whether a user could reach the site and an admin the admin
 * side (a CDN node up, a backend it would route to — weight above 0, healthy in its view, at the
 * address it was told — accepting, and for admin a writable MySQL primary), how many MySQL
 * primaries take writes at once, and the temperature of every Pi and shelf. A probe is a read of
 * the parts' states, so it changes nothing it watches. Probes run half-way through each second, so
 * they never share an instant with plan steps and faults, which fall on round times.
 */
export class Monitors {
  /** 1 for each probe interval in which the admin side was down. */
  readonly adminDown: Uint8Array;
  /** 1 for each probe interval in which no public request could have been served. */
  readonly wwwDown: Uint8Array;
  /** Each service's outcome totals at the last outcomes line, so each line carries its own minute. */
  private readonly outcomesTraced = new Map<string, { ok: number; failed: number; timedOut: number }>();
  splitBrainProbes = 0;
  private readonly peakCelsius = new Map<string, number>();
  private readonly newHighs = new Map<
    string,
    Array<{ atMs: number; celsius: number; before: Sample | undefined }>
  >();
  private readonly lastSample = new Map<string, Sample>();

  constructor(
    private readonly kernel: Kernel,
    private readonly estate: EstateRuntime,
    private readonly durationMs: number,
  ) {
    this.adminDown = new Uint8Array(Math.ceil(durationMs / PROBE_INTERVAL_MS));
    this.wwwDown = new Uint8Array(this.adminDown.length);
  }

  start(): void {
    this.kernel.scheduleCallback(PROBE_INTERVAL_MS / 2, () => this.probe());
    this.sampleTemperatures();
    this.kernel.scheduleCallback(OUTCOMES_TRACE_MS, () => this.traceOutcomes());
  }

  /** Admin downtime in [fromMs, toMs), whole probe intervals, each counted in exactly one window. */
  adminDowntimeMs(fromMs = 0, toMs = this.durationMs): number {
    let down = 0;
    const last = Math.min(this.adminDown.length, Math.floor(toMs / PROBE_INTERVAL_MS));
    for (let index = Math.floor(fromMs / PROBE_INTERVAL_MS); index < last; index++)
      down += this.adminDown[index] as number;
    return down * PROBE_INTERVAL_MS;
  }

  temperaturePeakCelsius(partId: string): number | undefined {
    return this.peakCelsius.get(partId);
  }

  /** When a part first reached a temperature, interpolated linearly between samples. */
  firstTimeAtCelsiusMs(partId: string, celsius: number): number | undefined {
    const high = this.newHighs.get(partId)?.find((sample) => sample.celsius >= celsius);
    if (high === undefined) return undefined;
    const before = high.before;
    if (before === undefined || before.celsius >= celsius) return high.atMs;
    return (
      before.atMs + ((celsius - before.celsius) / (high.celsius - before.celsius)) * (high.atMs - before.atMs)
    );
  }

  private probe(): void {
    const nowMs = this.kernel.nowMs;
    const index = Math.floor(nowMs / PROBE_INTERVAL_MS);
    if (index < this.adminDown.length) {
      if (!this.reachable(true)) this.adminDown[index] = 1;
      if (!this.reachable(false)) this.wwwDown[index] = 1;
    }
    const { mysql } = this.estate;
    const primaries = mysql.serverIds().filter((id) => mysql.serverState(id).startsWith('primary')).length;
    if (primaries > 1) this.splitBrainProbes++;
    if (nowMs + PROBE_INTERVAL_MS <= this.durationMs)
      this.kernel.scheduleCallback(PROBE_INTERVAL_MS, () => this.probe());
  }

  /** Whether a request (an admin one when forAdmin) could be served now, as the CDN would route it. */
  private reachable(forAdmin: boolean): boolean {
    // Admin needs a writable primary; the public site serves its cached pages without MySQL, so a
    // database outage counts against it only through the requests that fail (see wwwDowntimeSeconds).
    if (forAdmin && !this.estate.mysql.isWritable()) return false;
    for (const node of this.estate.cdnNodes.values()) if (node.canServe(forAdmin)) return true;
    return false;
  }

  /**
   * Once a simulated minute, the outcomes of the requests booked since the last line go into the
   * trace (per-minute counts; a running total is their sum), so the trace (and its hash) covers
   * what users saw as well as what the parts did.
   */
  private traceOutcomes(): void {
    const nowMs = this.kernel.nowMs;
    for (const [service, outcomes] of Object.entries(this.estate.engine.outcomeCounts())) {
      const before = this.outcomesTraced.get(service) ?? { ok: 0, failed: 0, timedOut: 0 };
      this.outcomesTraced.set(service, { ...outcomes });
      this.kernel.trace.record({
        timeMs: nowMs,
        part: service,
        event: 'outcomes',
        details: {
          ok: outcomes.ok - before.ok,
          failed: outcomes.failed - before.failed,
          timedOut: outcomes.timedOut - before.timedOut,
        },
      });
    }
    if (nowMs + OUTCOMES_TRACE_MS <= this.durationMs)
      this.kernel.scheduleCallback(OUTCOMES_TRACE_MS, () => this.traceOutcomes());
  }

  private sampleTemperatures(): void {
    const nowMs = this.kernel.nowMs;
    const { pis } = this.estate;
    const partIds = [...pis.shelves.keys(), ...pis.pis.keys()];
    for (const partId of partIds) {
      const celsius = pis.celsius(partId);
      if (celsius === undefined) continue;
      this.peakCelsius.set(partId, Math.max(this.peakCelsius.get(partId) ?? -Infinity, celsius));
      const previous = this.lastSample.get(partId);
      const highs = this.newHighs.get(partId) ?? [];
      // Only new highs can be first crossings; each keeps the sample before it to interpolate.
      if (celsius > (highs[highs.length - 1]?.celsius ?? -Infinity)) {
        highs.push({ atMs: nowMs, celsius, before: previous });
        this.newHighs.set(partId, highs);
      }
      this.lastSample.set(partId, { atMs: nowMs, celsius });
    }
    if (partIds.length > 0 && nowMs + TEMPERATURE_SAMPLE_MS <= this.durationMs) {
      this.kernel.scheduleCallback(TEMPERATURE_SAMPLE_MS, () => this.sampleTemperatures());
    }
  }
}
