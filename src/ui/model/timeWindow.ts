import type { TimeWindow } from '../runStore.ts';

/** The shortest window a zoom goes down to, in simulated seconds. */
const WINDOW_MIN_SECONDS = 60;

/** A window of the given length around a time, kept inside the run. */
function clampWindow(centreSeconds: number, lengthSeconds: number, durationSeconds: number): TimeWindow {
  const length = Math.min(durationSeconds, Math.max(WINDOW_MIN_SECONDS, lengthSeconds));
  const from = Math.min(durationSeconds - length, Math.max(0, centreSeconds - length / 2));
  return { fromSeconds: from, toSeconds: from + length };
}

/** Zooms by a factor (below 1 zooms in) around the cursor. */
export function zoomWindow(
  window: TimeWindow,
  factor: number,
  cursorSeconds: number,
  durationSeconds: number,
) {
  return clampWindow(cursorSeconds, (window.toSeconds - window.fromSeconds) * factor, durationSeconds);
}

/** Pans by a share of the window's length (negative to the left). */
export function panWindow(window: TimeWindow, share: number, durationSeconds: number) {
  const length = window.toSeconds - window.fromSeconds;
  return clampWindow(window.fromSeconds + length / 2 + share * length, length, durationSeconds);
}
