/**
 * A line of the run's trace as the runner writes it (see src/sim/trace.ts): every line has all six
 * keys, `from` and `to` are null when the line is not a state change.
 */
export interface TraceLine {
  timeMs: number;
  part: string;
  event: string;
  from: string | null;
  to: string | null;
  details: Record<string, unknown>;
}

/** The trace's `part` for the plan's stepStarted and stepEnded lines. */
export const PLAN_PART = 'plan';
/** The event of a line that counts a minute of one service's request outcomes. */
export const OUTCOMES_EVENT = 'outcomes';
/** The event of a line that says a scenario's fault was injected. */
export const FAULT_EVENT = 'fault';

/**
 * Whether a line is a state machine's own event (XState's `xstate.*` events and the model's
 * upper-case events such as CRASH or HOST_UP) rather than a domain event (fault, backendDown,
 * criticalTemperature). State changes are drawn from the report's histories; domain events are
 * drawn as instants.
 */
export function isMachineEvent(line: TraceLine): boolean {
  return line.event.startsWith('xstate.') || /^[A-Z][A-Z0-9_]*$/.test(line.event);
}

/** Parses a trace file's text (JSON lines); a blank line is skipped, a malformed one throws. */
export function parseTraceLines(text: string): TraceLine[] {
  const lines: TraceLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    lines.push(JSON.parse(raw) as TraceLine);
  }
  return lines;
}

/** The running totals an outcomes line carries (since the start of the run), 0 where absent. */
export function outcomeCounts(line: TraceLine): { ok: number; failed: number; timedOut: number } {
  const number = (key: string): number => {
    const value = line.details[key];
    return typeof value === 'number' ? value : 0;
  };
  return { ok: number('ok'), failed: number('failed'), timedOut: number('timedOut') };
}

/**
 * Each outcomes line turned into the counts of its own interval (the line's totals less the
 * previous line's for the same service), in trace order, with the interval's start.
 */
export function outcomeIntervals(
  lines: readonly TraceLine[],
): Array<{ part: string; startMs: number; endMs: number; ok: number; failed: number; timedOut: number }> {
  const previous = new Map<string, { timeMs: number; ok: number; failed: number; timedOut: number }>();
  const intervals = [];
  for (const line of lines) {
    if (line.event !== OUTCOMES_EVENT) continue;
    const totals = outcomeCounts(line);
    const before = previous.get(line.part) ?? { timeMs: 0, ok: 0, failed: 0, timedOut: 0 };
    previous.set(line.part, { timeMs: line.timeMs, ...totals });
    intervals.push({
      part: line.part,
      startMs: before.timeMs,
      endMs: line.timeMs,
      ok: totals.ok - before.ok,
      failed: totals.failed - before.failed,
      timedOut: totals.timedOut - before.timedOut,
    });
  }
  return intervals;
}
