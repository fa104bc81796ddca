import type { RunStore } from './runStore.ts';
import type { RunRequest, RunResponse, ScenarioSource } from './worker/protocol.ts';
import type { ScenarioIssue } from '../scenarios/errors.ts';

/** The page's clock, for its own timing figures only (never in a run). */
const nowMs = (): number => performance.now();

function startWorker(): Worker {
  return new Worker(new URL('./worker/runWorker.ts', import.meta.url), { type: 'module' });
}

/**
 * Starts runs in a Web Worker and feeds what it says into the store. One run at a time: a new run
 * or a cancel ends the worker of the one before it; the result on screen stays until the new one
 * is ready. Validation of the editor's text has its own worker, so it never waits for a run.
 */
export class RunClient {
  private worker: Worker | undefined;
  private validator: Worker | undefined;
  private validations = 0;
  private readonly pending = new Map<number, (issues: ScenarioIssue[]) => void>();

  constructor(private readonly store: RunStore) {}

  run(source: ScenarioSource, seed: number | undefined, label: string): void {
    this.start({ type: 'run', source, ...(seed === undefined ? {} : { seed }) }, label);
  }

  /** Replays a `twin check` counterexample and puts the cursor where its property broke. */
  replay(token: string): void {
    this.start({ type: 'replay', token }, 'counterexample');
  }

  private start(request: RunRequest, label: string): void {
    this.worker?.terminate();
    const worker = startWorker();
    this.worker = worker;
    const startedMs = nowMs();
    this.store.update({ status: 'running', label, progress: 0, runningDurationSeconds: 0, error: undefined });
    worker.onmessage = (event: MessageEvent<RunResponse>) => {
      const message = event.data;
      if (message.type === 'started') this.store.update({ runningDurationSeconds: message.durationSeconds });
      else if (message.type === 'progress') this.store.update({ progress: message.fraction });
      else if (message.type === 'result') {
        this.stop();
        this.store.showResult({ ...message.result, label, elapsedMs: nowMs() - startedMs });
        const moment = message.result.counterexample?.moment;
        if (moment !== undefined) this.store.setCursor(moment.seconds);
      } else if (message.type === 'error') {
        this.stop();
        this.store.update({ status: 'error', error: message.message });
      }
    };
    worker.onerror = (event) => {
      this.stop();
      this.store.update({ status: 'error', error: event.message || 'the worker failed' });
    };
    worker.postMessage(request);
  }

  cancel(): void {
    this.stop();
    this.store.update({ status: this.store.getState().current === undefined ? 'idle' : 'done', progress: 0 });
  }

  /** Checks a scenario's text as the CLI would; resolves with its issues (none when it is valid). */
  validate(text: string, file: string): Promise<ScenarioIssue[]> {
    if (this.validator === undefined) {
      this.validator = startWorker();
      this.validator.onmessage = (event: MessageEvent<RunResponse>) => {
        const message = event.data;
        if (message.type !== 'validated') return;
        this.pending.get(message.id)?.(message.issues);
        this.pending.delete(message.id);
      };
    }
    const id = ++this.validations;
    const request: RunRequest = { type: 'validate', text, file, id };
    this.validator.postMessage(request);
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
