import { useEffect, useRef, useState } from 'react';
import type { RunStore, TimeWindow } from '../runStore.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { timeText } from '../model/timeText.ts';
import { panWindow, zoomWindow } from '../model/timeWindow.ts';

/** Simulated seconds per real second the player offers. */
const SPEEDS = [60, 600, 3600, 36_000] as const;

/** Moves the cursor forward in real time while playing; stops at the end of the run. */
function usePlayer(store: RunStore, playing: boolean, speed: number, onEnd: () => void): void {
  useEffect(() => {
    if (!playing) return undefined;
    let frame = 0;
    let lastMs: number | undefined;
    const tick = (nowMs: number) => {
      const state = store.getState();
      const durationSeconds = state.current?.report.durationSeconds ?? 0;
      if (lastMs !== undefined) store.setCursor(state.cursorSeconds + ((nowMs - lastMs) / 1000) * speed);
      lastMs = nowMs;
      if (store.getState().cursorSeconds >= durationSeconds) return onEnd();
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [store, playing, speed, onEnd]);
}

/** Zoom and pan the window of the run the tracks and charts show. */
function WindowButtons({ store, durationSeconds }: { store: RunStore; durationSeconds: number }) {
  const window = useRunState(store, (state) => state.window);
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const set = (next: TimeWindow) => store.update({ window: next });
  return (
    <span className="window-buttons" role="group" aria-label="Window">
      <button type="button" onClick={() => set(zoomWindow(window, 0.5, cursorSeconds, durationSeconds))}>
        Zoom in
      </button>
      <button type="button" onClick={() => set(zoomWindow(window, 2, cursorSeconds, durationSeconds))}>
        Zoom out
      </button>
      <button
        type="button"
        aria-label="Pan left"
        onClick={() => set(panWindow(window, -0.5, durationSeconds))}
      >
        ◀
      </button>
      <button
        type="button"
        aria-label="Pan right"
        onClick={() => set(panWindow(window, 0.5, durationSeconds))}
      >
        ▶
      </button>
      <button type="button" onClick={() => set({ fromSeconds: 0, toSeconds: durationSeconds })}>
        Whole run
      </button>
    </span>
  );
}

/**
 * The cursor as an accessible slider over the whole run: arrows step a minute (ten with Shift),
 * PageUp and PageDown a tenth of the run, Home and End; or dragged with the mouse. The window
 * the tracks show is drawn on it.
 */
function CursorSlider({
  store,
  durationSeconds,
  startsAt,
}: {
  store: RunStore;
  durationSeconds: number;
  startsAt?: string;
}) {
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const window = useRunState(store, (state) => state.window);
  const track = useRef<HTMLDivElement>(null);
  const share = (seconds: number) => `${(100 * seconds) / Math.max(1, durationSeconds)}%`;
  const seekTo = (clientX: number) => {
    const rect = track.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0) return;
    store.setCursor(((clientX - rect.left) / rect.width) * durationSeconds);
  };
  const keySteps: Record<string, number> = {
    ArrowLeft: -60,
    ArrowDown: -60,
    ArrowRight: 60,
    ArrowUp: 60,
    PageDown: -durationSeconds / 10,
    PageUp: durationSeconds / 10,
  };
  const onKey = (event: React.KeyboardEvent) => {
    if (event.key === 'Home') store.setCursor(0);
    else if (event.key === 'End') store.setCursor(durationSeconds);
    else if (keySteps[event.key] !== undefined)
      store.setCursor(cursorSeconds + (keySteps[event.key] ?? 0) * (event.shiftKey ? 10 : 1));
    else return;
    event.preventDefault();
  };
  return (
    <div
      ref={track}
      className="scrubber-track"
      role="slider"
      tabIndex={0}
      aria-label="Time cursor"
      aria-valuemin={0}
      aria-valuemax={durationSeconds}
      aria-valuenow={Math.round(cursorSeconds)}
      aria-valuetext={timeText(cursorSeconds, startsAt)}
      onKeyDown={onKey}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        seekTo(event.clientX);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) seekTo(event.clientX);
      }}
    >
      <div
        className="scrubber-window"
        style={{ left: share(window.fromSeconds), width: share(window.toSeconds - window.fromSeconds) }}
      />
      <div className="scrubber-thumb" style={{ left: share(cursorSeconds) }} />
    </div>
  );
}

/**
 * The one time cursor every view shares: played at a speed, shown as a time (the wall clock when
 * the scenario has one), moved on the slider; and the window of the run around it.
 */
export function Scrubber({ store }: { store: RunStore }) {
  const current = useRunState(store, (state) => state.current);
  const cursorSeconds = useRunState(store, (state) => state.cursorSeconds);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(600);
  const stopPlaying = useRef(() => setPlaying(false)).current;
  usePlayer(store, playing, speed, stopPlaying);
  if (current === undefined) return null;
  const { durationSeconds, startsAt } = current.report;
  return (
    <div className="scrubber">
      <div className="scrubber-row">
        <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select aria-label="Speed" value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
            {SPEEDS.map((each) => (
              <option key={each} value={each}>
                {each}× ({timeText(each, undefined)} a second)
              </option>
            ))}
          </select>
        </label>
        <output className="cursor-time" data-testid="cursor-time">
          {timeText(cursorSeconds, startsAt)}
        </output>
        <WindowButtons store={store} durationSeconds={durationSeconds} />
      </div>
      <CursorSlider
        store={store}
        durationSeconds={durationSeconds}
        {...(startsAt === undefined ? {} : { startsAt })}
      />
    </div>
  );
}
