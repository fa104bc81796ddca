import { RingQueue } from '../../sim/ringQueue.ts';
import { UtilisationWindow } from './utilisationWindow.ts';

/**
 * A web server's PHP workers as a resource, standing apart from the kernel the way SimPy's
 * `Resource` does: a capacity (read afresh on each use, since a VM's cores can change), the
 * holders, a bounded queue of waiters (Apache's listen backlog), and the utilisation window fed
 * by the holders over time. It schedules nothing itself; the pipeline asks and is answered at once.
 *
 * A worker is taken in two steps. `reserve` claims it (the capacity counts it) while the request
 * waits for its data from the data tier; `occupy` turns the claim into busy time once the data is
 * there, and `cancel` gives a claim back that never became busy. Utilisation counts busy workers
 * only: with a data tier that answers at once (today's) the two steps happen at the same instant.
 *
 * Invariants, asserted on every change: 0 ≤ busy, 0 ≤ reserved, and a worker is reserved only
 * while busy + reserved < capacity. (A capacity that shrinks under load leaves busy above it
 * until enough workers finish; nothing new starts meanwhile.)
 */
export class WorkerPool {
  /** Workers rendering (counted in utilisation). */
  busy = 0;
  /** Workers claimed by requests waiting on the data tier (not yet counted in utilisation). */
  reserved = 0;
  readonly queue: RingQueue;
  private readonly window: UtilisationWindow;
  private lastChangeMs: number;
  /** Busy workers × ms since the start, up to lastChangeMs (the report's per-minute figures). */
  private busyWorkerMsTotal = 0;

  constructor(
    readonly name: string,
    private readonly capacity: () => number,
    queueLengthMax: number,
    nowMs: number,
    noteUtilisation: (utilisation: number) => void,
  ) {
    this.queue = new RingQueue(queueLengthMax, `${name}.queue`);
    this.window = new UtilisationWindow(noteUtilisation, nowMs);
    this.lastChangeMs = nowMs;
  }

  /** Whether a worker is free for a new request. */
  hasFreeWorker(): boolean {
    return this.busy + this.reserved < this.capacity();
  }

  /** Claims a free worker for a request that will first wait on the data tier. */
  reserve(): void {
    if (!this.hasFreeWorker())
      throw new Error(
        `WorkerPool ${this.name}: reserve with no free worker (busy ${this.busy}, reserved ${this.reserved})`,
      );
    this.reserved++;
  }

  /** Gives back a claim that never became busy (the data tier failed, or the request left). */
  cancel(): void {
    if (this.reserved <= 0) throw new Error(`WorkerPool ${this.name}: cancel with no reserved worker`);
    this.reserved--;
  }

  /** Turns a claim into a busy worker at nowMs. */
  occupy(nowMs: number): void {
    if (this.reserved <= 0) throw new Error(`WorkerPool ${this.name}: occupy with no reserved worker`);
    this.reserved--;
    this.change(nowMs, +1);
  }

  /** A busy worker finished at nowMs. */
  release(nowMs: number): void {
    if (this.busy <= 0) throw new Error(`WorkerPool ${this.name}: release with no busy worker`);
    this.change(nowMs, -1);
  }

  /** The host went down at nowMs: every worker stops, and the queue is dropped. */
  dropAll(nowMs: number): void {
    this.queue.clear();
    this.reserved = 0;
    this.change(nowMs, -this.busy);
  }

  /** Closes the open utilisation window at the end of a run (see UtilisationWindow.flush). */
  flushUtilisation(nowMs: number): void {
    this.change(nowMs, 0);
    this.window.flush(nowMs);
  }

  /** Busy workers × ms from the start up to nowMs (not before the last change). */
  busyWorkerMsAt(nowMs: number): number {
    return this.busyWorkerMsTotal + this.busy * Math.max(0, nowMs - this.lastChangeMs);
  }

  private change(nowMs: number, delta: number): void {
    const slots = Math.max(1, this.capacity());
    this.busyWorkerMsTotal += this.busy * (nowMs - this.lastChangeMs);
    this.window.add((this.busy / slots) * (nowMs - this.lastChangeMs));
    this.lastChangeMs = nowMs;
    this.busy += delta;
    this.window.closeIfDue(nowMs);
  }
}
