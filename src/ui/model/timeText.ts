import { formatDuration } from '../../scenarios/units.ts';
import { wallClock } from '../../scenarios/wallClock.ts';

/**
 * A time of the run as the page shows it: the wall clock (`2017-02-27 12:45`) when the scenario
 * says when time zero was, else the simulated time since the start (`1h40m`).
 */
export function timeText(seconds: number, startsAt: string | undefined): string {
  if (startsAt !== undefined) return wallClock(startsAt, seconds);
  const wholeSeconds = Math.max(0, Math.round(seconds));
  return formatDuration(wholeSeconds * 1000);
}

/** A short label for an axis tick: the wall clock's hours and minutes, or the simulated time. */
export function tickText(seconds: number, startsAt: string | undefined): string {
  const text = timeText(seconds, startsAt);
  return startsAt === undefined ? text : text.slice(text.indexOf(' ') + 1);
}
