import { FAULT_EVENT, outcomeIntervals } from '../../scenarios/export/traceLines.ts';
import type { TraceLine } from '../../scenarios/export/traceLines.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';

/** One service's outcomes over one interval of the trace (a minute). */
export interface MinuteOutcomes {
  startSeconds: number;
  endSeconds: number;
  ok: number;
  failed: number;
  timedOut: number;
}

/** Each service's minutes, in time order, from the trace's outcomes lines (running totals). */
export function outcomesByService(lines: readonly TraceLine[]): Map<string, MinuteOutcomes[]> {
  const series = new Map<string, MinuteOutcomes[]>();
  for (const interval of outcomeIntervals(lines)) {
    const minutes = series.get(interval.part) ?? [];
    series.set(interval.part, minutes);
    minutes.push({
      startSeconds: interval.startMs / 1000,
      endSeconds: interval.endMs / 1000,
      ok: interval.ok,
      failed: interval.failed,
      timedOut: interval.timedOut,
    });
  }
  return series;
}

/** A fault as drawn: when it struck, until when it lasted (the same instant when it has no duration). */
export interface FaultWindow {
  name: string;
  kind: string;
  target: string;
  startSeconds: number;
  endSeconds: number;
}

/**
 * The faults that struck, from the trace's fault lines (so a fault the run refused is not drawn),
 * each lasting as long as the scenario says.
 */
export function faultWindows(lines: readonly TraceLine[], scenario: Scenario): FaultWindow[] {
  const declared = scenario.faults ?? [];
  const windows: FaultWindow[] = [];
  for (const line of lines) {
    if (line.event !== FAULT_EVENT) continue;
    const name = typeof line.details['name'] === 'string' ? line.details['name'] : undefined;
    const kind = String(line.details['kind'] ?? 'fault');
    const fault = declared.find((each) =>
      name !== undefined ? each.name === name : each.target === line.part,
    );
    const durationMs = fault !== undefined && 'duration' in fault ? (fault.duration ?? 0) : 0;
    const startSeconds = line.timeMs / 1000;
    windows.push({
      name: name ?? kind,
      kind,
      target: line.part,
      startSeconds,
      endSeconds: startSeconds + durationMs / 1000,
    });
  }
  return windows;
}
