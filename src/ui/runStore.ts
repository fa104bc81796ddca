import type { Report } from '../scenarios/report.ts';

/** What the page knows about the current run; components select the slice they draw. */
export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error';
  scenario: string;
  seed: number | undefined;
  /** Simulated share of the run done, 0..1. */
  progress: number;
  report: Report | undefined;
  error: string | undefined;
}

type Listener = () => void;

/** A tiny external store: React components subscribe through useSyncExternalStore. */
export class RunStore {
  private state: RunState = {
    status: 'idle',
    scenario: '',
    seed: undefined,
    progress: 0,
    report: undefined,
    error: undefined,
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
}
