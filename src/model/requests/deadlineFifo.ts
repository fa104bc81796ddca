import type { Kernel } from '../../sim/kernel.ts';
import { assertArgument } from '../../sim/limits.ts';
import { RingQueue } from '../../sim/ringQueue.ts';

/** Deadlines still to come, met or not (a launch's 30 s timeout: tens of thousands at once). */
export const DEADLINES_PENDING_MAX = 4_000_000;
/**
 * How far apart due deadlines are handled, at most: a deadline is handled between 0 and this
 * late. A user who gives up after 30 s is let go up to a tenth of a second late (their outcome is
 * booked at the exact deadline by the outcome log's caller), for one kernel event per batch
 * instead of one per request.
 */
export const DEADLINE_RESOLUTION_MS = 100;

/**
 * Deadlines of one fixed length after the moment they are armed, kept as a FIFO: since every
 * deadline is the same length after its arming, they fall due in the order they were armed, so one
 * queue of (deadline, payload) and a single kernel event for its head stand in for an event per
 * deadline, which keeps the kernel's queue to the work actually in progress.
 *
 * A deadline cannot be cancelled: the handler is given every payload whose deadline has come, and
 * tells a stale one (its request already finished) from a live one itself.
 */
export class DeadlineFifo {
  private readonly deadlinesMs: RingQueue;
  private readonly payloads: RingQueue;
  private armed = false;
  private readonly handlerId: number;

  constructor(
    private readonly kernel: Kernel,
    /** The length of every deadline. */
    readonly delayMs: number,
    private readonly onDue: (payload: number) => void,
    name = 'deadlines',
    pendingMax = DEADLINES_PENDING_MAX,
  ) {
    assertArgument(
      delayMs > 0 && delayMs < Infinity,
      `DeadlineFifo: delayMs must be positive, got ${delayMs}`,
    );
    // Bounded, and a run past it says so (RingQueue throws a LimitExceededError).
    this.deadlinesMs = new RingQueue(pendingMax, name);
    this.payloads = new RingQueue(pendingMax, name);
    this.handlerId = kernel.registerHandler(() => this.onDeadlinesDue());
  }

  /** Deadlines armed and not yet handled. */
  get pending(): number {
    return this.deadlinesMs.length;
  }

  /** Arms a deadline delayMs from now for `payload`. */
  arm(payload: number): void {
    this.deadlinesMs.push(this.kernel.nowMs + this.delayMs);
    this.payloads.push(payload);
    if (this.armed) return;
    this.armed = true;
    this.kernel.schedule(this.delayMs, this.handlerId);
  }

  /** Hands every due payload to onDue in arming order, then re-arms for the next batch. */
  private onDeadlinesDue(): void {
    const nowMs = this.kernel.nowMs;
    const deadlines = this.deadlinesMs;
    // Bounded by the FIFO's length.
    while (deadlines.length > 0 && deadlines.peek() <= nowMs) {
      deadlines.shift();
      this.onDue(this.payloads.shift());
    }
    if (deadlines.length > 0)
      this.kernel.schedule(Math.max(deadlines.peek() - nowMs, DEADLINE_RESOLUTION_MS), this.handlerId);
    else this.armed = false;
  }
}
