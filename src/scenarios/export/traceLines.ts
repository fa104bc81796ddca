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
/**
 * The event of a per-minute counter line: `details` holds the counter's `name` ('utilisation',
 * 'temperatureC', 'replicationLagMs', 'queueLength'), its `value`, and what a counter carries
 * beside it (a shelf's `minC`, `meanC` and each Pi's `piC`). A value holds until the next line for
 * the same part and name.
 */
export const COUNTER_EVENT = 'counter';
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

/** The counts an outcomes line carries (outcomes booked since the previous line), 0 where absent. */
export function outcomeCounts(line: TraceLine): { ok: number; failed: number; timedOut: number } {
  const number = (key: string): number => {
    const value = line.details[key];
    return typeof value === 'number' ? value : 0;
  };
  return { ok: number('ok'), failed: number('failed'), timedOut: number('timedOut') };
}

/**
 * Each outcomes line as the counts of its own interval (the trace carries per-minute counts), in
 * trace order, with the interval's start: the previous line's time for the same service.
 */
export function outcomeIntervals(
  lines: readonly TraceLine[],
): Array<{ part: string; startMs: number; endMs: number; ok: number; failed: number; timedOut: number }> {
  const previousMs = new Map<string, number>();
  const intervals = [];
  for (const line of lines) {
    if (line.event !== OUTCOMES_EVENT) continue;
    const startMs = previousMs.get(line.part) ?? 0;
    previousMs.set(line.part, line.timeMs);
    intervals.push({ part: line.part, startMs, endMs: line.timeMs, ...outcomeCounts(line) });
  }
  return intervals;
}
