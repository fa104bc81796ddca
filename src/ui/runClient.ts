import type { RunStore } from './runStore.ts';
import type { RunRequest, RunResponse } from './worker/protocol.ts';

/**
 * Starts runs in a Web Worker and feeds what it says into the store. One run at a time: a new run
 * ends the worker of the one before it.
 */
export class RunClient {
  private worker: Worker | undefined;

  constructor(private readonly store: RunStore) {}

  run(scenario: string, seed: number | undefined): void {
    this.worker?.terminate();
    const worker = new Worker(new URL('./worker/runWorker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.store.update({
      status: 'running',
      scenario,
      seed,
      progress: 0,
      report: undefined,
      error: undefined,
    });
    worker.onmessage = (event: MessageEvent<RunResponse>) => {
      const message = event.data;
      if (message.type === 'progress') this.store.update({ progress: message.fraction });
      else if (message.type === 'report')
        this.finish({ status: 'done', report: message.report, progress: 1 });
      else this.finish({ status: 'error', error: message.message });
    };
    worker.onerror = (event) => this.finish({ status: 'error', error: event.message || 'the worker failed' });
    const request: RunRequest = { type: 'run', scenario, ...(seed === undefined ? {} : { seed }) };
    worker.postMessage(request);
  }

  private finish(change: Parameters<RunStore['update']>[0]): void {
    this.store.update(change);
    this.worker?.terminate();
    this.worker = undefined;
  }
}
