import { scaleLinear } from 'd3';
import type { Report } from '../../scenarios/report.ts';

/** A horizontal bar on the run's timeline, in pixels. */
export interface Bar {
  key: string;
  label: string;
  x: number;
  width: number;
  row: number;
  tone: 'ok' | 'bad' | 'neutral' | 'off';
  title: string;
}

export interface TimelineLayout {
  bars: Bar[];
  ticks: Array<{ x: number; label: string }>;
  rows: string[];
}

/** Ticks at round hours for runs of hours, round minutes for shorter ones, labelled to match. */
function timeTicks(
  durationSeconds: number,
  x: (seconds: number) => number,
): Array<{ x: number; label: string }> {
  const unitSeconds = durationSeconds >= 2 * 3600 ? 3600 : 60;
  const unit = unitSeconds === 3600 ? 'h' : 'm';
  const units = scaleLinear().domain([0, durationSeconds / unitSeconds]);
  return units
    .ticks(6)
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ x: x(value * unitSeconds), label: `${value}${unit}` }));
}

/** States of a part that is stopped or off: drawn apart from both working and trouble. */
const OFF_STATES = new Set(['stopped', 'off']);

/** Lays the plan's steps out on the run's timeline: one row a step, red when users lost requests. */
export function layoutSteps(report: Report, widthPx: number): TimelineLayout {
  const x = scaleLinear()
    .domain([0, Math.max(1, report.durationSeconds)])
    .range([0, widthPx]);
  const bars = report.steps.map((step, row) => ({
    key: `${row}:${step.name}`,
    label: step.name,
    x: x(step.startedAt),
    // A step that took no simulated time still gets a visible sliver.
    width: Math.max(2, x(step.endedAt) - x(step.startedAt)),
    row,
    tone: step.failedRequests > 0 || step.outcome !== 'done' ? ('bad' as const) : ('ok' as const),
    title: `${step.name}: ${step.failedRequests} failed requests, admin down ${step.adminDowntimeSeconds.toFixed(0)} s (${step.outcome})`,
  }));
  return { bars, ticks: timeTicks(report.durationSeconds, x), rows: report.steps.map((step) => step.name) };
}

/** Lays each part's state history out as consecutive bands, one row a part. */
export function layoutPartStates(
  report: Report,
  widthPx: number,
  healthyStates: ReadonlySet<string>,
): TimelineLayout {
  const x = scaleLinear()
    .domain([0, Math.max(1, report.durationSeconds)])
    .range([0, widthPx]);
  const entries = Object.entries(report.parts).filter(([, part]) => part.states.length > 0);
  const bars: Bar[] = [];
  entries.forEach(([id, part], row) => {
    part.states.forEach((change, index) => {
      const end = part.states[index + 1]?.at ?? report.durationSeconds;
      bars.push({
        key: `${id}:${index}`,
        label: change.state,
        x: x(change.at),
        width: Math.max(1, x(end) - x(change.at)),
        row,
        tone: toneOf(change.state, healthyStates),
        title: `${id}: ${change.state} from ${change.at.toFixed(1)} s`,
      });
    });
  });
  return { bars, ticks: timeTicks(report.durationSeconds, x), rows: entries.map(([id]) => id) };
}

function toneOf(state: string, healthyStates: ReadonlySet<string>): Bar['tone'] {
  const top = state.split('.')[0] ?? state;
  if (healthyStates.has(top)) return 'neutral';
  return OFF_STATES.has(top) ? 'off' : 'bad';
}
