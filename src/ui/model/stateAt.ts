import type { PartReport, Report } from '../../scenarios/report.ts';
import { stateTone } from './stateTone.ts';
import type { StateTone } from './stateTone.ts';

export type StateChange = PartReport['states'][number];

/** The tags of a state change when the report carries them (after the parts branch). */
export function tagsOf(change: StateChange): readonly string[] | undefined {
  const tags = (change as { tags?: unknown }).tags;
  return Array.isArray(tags) ? (tags as string[]) : undefined;
}

/**
 * The state a part is in at a time: the last change at or before it (of several at one instant,
 * the last), or undefined before its first. Binary search, as a Pi's history can be long.
 */
export function stateAt(states: readonly StateChange[], seconds: number): StateChange | undefined {
  let low = 0;
  let high = states.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((states[middle] as StateChange).at <= seconds) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : states[low - 1];
}

export interface PartAt {
  state: string;
  tone: StateTone;
}

/** Every part's state and tone at a time; a part not yet started has no entry. */
export function partsAt(report: Report, seconds: number): Map<string, PartAt> {
  const result = new Map<string, PartAt>();
  for (const [id, part] of Object.entries(report.parts)) {
    const change = stateAt(part.states, seconds);
    if (change !== undefined)
      result.set(id, { state: change.state, tone: stateTone(change.state, tagsOf(change)) });
  }
  return result;
}

/**
 * The parts whose state changed within a span (a step's or a fault's): what it touched. Parts
 * are given by id with their sub-parts (web1 also names web1/apache).
 */
export function partsChangedWithin(report: Report, fromSeconds: number, toSeconds: number): Set<string> {
  const touched = new Set<string>();
  for (const [id, part] of Object.entries(report.parts)) {
    if (part.states.some((change, index) => index > 0 && change.at >= fromSeconds && change.at <= toSeconds))
      touched.add(id);
  }
  return touched;
}
