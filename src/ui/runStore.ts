import type { RunResult } from './worker/protocol.ts';

/** A span of the run the tracks and charts show, in simulated seconds. */
export interface TimeWindow {
  fromSeconds: number;
  toSeconds: number;
}

/** Parts to outline, and why (a step or a fault the user clicked). */
export interface Highlight {
  label: string;
  parts: readonly string[];
}

/** What the page knows; components select the slice they draw. */
export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** What is running or last ran, as the controls name it. */
  label: string;
  /** Simulated share of the running run done, 0..1, and its length. */
  progress: number;
  runningDurationSeconds: number;
  /** The result on screen; kept while a new run is running, replaced when it is ready. */
  current: RunResult | undefined;
  /** The result before it, for the comparison. */
  previous: RunResult | undefined;
  error: string | undefined;
  /** The one time cursor every view shares. */
  cursorSeconds: number;
  window: TimeWindow;
  highlight: Highlight | undefined;
}

type Listener = () => void;

/** A tiny external store: React components subscribe through useSyncExternalStore. */
export class RunStore {
  private state: RunState = {
    status: 'idle',
    label: '',
    progress: 0,
    runningDurationSeconds: 0,
    current: undefined,
    previous: undefined,
    error: undefined,
    cursorSeconds: 0,
    window: { fromSeconds: 0, toSeconds: 1 },
    highlight: undefined,
  };
  private readonly listeners = new Set<Listener>();

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): RunState => this.state;

  update(change: Partial<RunState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** A new result goes on screen, the one before it is kept to compare, the cursor starts over. */
  showResult(result: RunResult): void {
    const durationSeconds = result.report.durationSeconds;
    this.update({
      status: 'done',
      progress: 1,
      previous: this.state.current,
      current: result,
      error: undefined,
      cursorSeconds: 0,
      window: { fromSeconds: 0, toSeconds: Math.max(1, durationSeconds) },
      highlight: undefined,
    });
  }

  /** Moves the cursor, kept inside the run. */
  setCursor(seconds: number): void {
    const durationSeconds = this.state.current?.report.durationSeconds ?? 0;
    this.update({ cursorSeconds: Math.min(durationSeconds, Math.max(0, seconds)) });
  }
}
