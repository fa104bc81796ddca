import { EventQueue } from './eventQueue.ts';
import { LimitExceededError, assertArgument } from './limits.ts';
import { RandomStreams } from './random.ts';
import { Trace } from './trace.ts';

/** A function run when its event comes due; it gets the number scheduled with it. */
export type EventHandler = (payload: number) => void;

export interface KernelOptions {
  seed: number;
  /** Most events pending at once. */
  queueSizeMax?: number;
  /** Most events one call to run() may process when it is given no smaller bound. */
  eventsPerRunMax?: number;
  /** Trace lines kept in memory. */
  traceLinesMax?: number;
  onTraceLine?: (line: string) => void;
}

export interface RunBounds {
  /** Run every event due at or before this time, then set the clock to it. */
  untilMs?: number;
  /** Stop after this many events. */
  eventsMax?: number;
}

export type StopReason = 'until' | 'empty' | 'eventsMax' | 'eventsPerRunMax' | 'stopped' | 'limit';

export interface RunResult {
  stoppedBy: StopReason;
  nowMs: number;
  eventsProcessed: number;
  /** Set when the run ended on a bound the caller did not ask for, saying which. */
  limitMessage?: string;
}

const CALLBACK_HANDLER = 0;

/**
 * The simulation kernel: a simulated clock in milliseconds, one event queue ordered by (time,
 * sequence), the run's random streams and its trace. It knows nothing of what it simulates.
 *
 * Two ways to schedule: a registered handler with a numeric payload (no allocation, for the hot
 * path), or a callback (a closure, cancellable in O(1), for actors' timers and rare events).
 */
export class Kernel {
  readonly random: RandomStreams;
  readonly trace: Trace;
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly callbacks = new Map<number, () => void>();
  private readonly eventsPerRunMax: number;
  private currentMs = 0;
  private processedTotal = 0;
  private stopRequested = false;
  private running = false;

  constructor(options: KernelOptions) {
    this.random = new RandomStreams(options.seed);
    this.queue = new EventQueue(options.queueSizeMax ?? 16_000_000);
    this.eventsPerRunMax = options.eventsPerRunMax ?? 2_000_000_000;
    this.trace = new Trace({ linesMax: options.traceLinesMax ?? 1_000_000, onLine: options.onTraceLine });
    this.handlers.push(this.runCallback);
  }

  get nowMs(): number {
    return this.currentMs;
  }

  get eventsProcessed(): number {
    return this.processedTotal;
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Registers a handler for the hot path and returns the id to schedule it by. */
  registerHandler(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Schedules a registered handler after delayMs; returns the event's sequence number. Both are
   * checked at the call, where the mistake is, rather than when the event comes due: a delay must
   * be finite and non-negative (an infinite one would sit in the queue for ever), and the handler
   * id one that registerHandler returned.
   */
  schedule(delayMs: number, handlerId: number, payload = 0): number {
    // Written as negated comparisons so that NaN fails too; `>>> 0` keeps only whole ids ≥ 0.
    if (!(delayMs >= 0 && delayMs < Infinity))
      throw new RangeError(`schedule: delayMs must be a finite, non-negative number, got ${delayMs}`);
    if (handlerId >>> 0 !== handlerId || !(handlerId < this.handlers.length))
      throw new RangeError(
        `schedule: unknown handler id ${handlerId} (${this.handlers.length} registered, ids 0..${this.handlers.length - 1})`,
      );
    return this.queue.push(this.currentMs + delayMs, handlerId, payload);
  }

  /** Schedules a closure after delayMs; the returned id cancels it. */
  scheduleCallback(delayMs: number, callback: () => void): number {
    const id = this.schedule(delayMs, CALLBACK_HANDLER, 0);
    this.callbacks.set(id, callback);
    return id;
  }

  /** Schedules a closure at an absolute time, which must not be in the past. */
  scheduleCallbackAt(timeMs: number, callback: () => void): number {
    assertArgument(
      timeMs >= this.currentMs,
      `scheduleCallbackAt: ${timeMs} ms is before now (${this.currentMs} ms)`,
    );
    return this.scheduleCallback(timeMs - this.currentMs, callback);
  }

  /** Cancels a pending callback in O(1); false when it already ran or was cancelled. */
  cancelCallback(id: number): boolean {
    return this.callbacks.delete(id);
  }

  /** Asks the current run to stop after the event being processed. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Processes events in (time, sequence) order until a bound is met. With no bound it runs until
   * the queue is empty or eventsPerRunMax is reached; a run that stops on a limit says so.
   */
  run(bounds: RunBounds = {}): RunResult {
    assertArgument(!this.running, 'run: the kernel is already running (run is not re-entrant)');
    const untilMs = bounds.untilMs ?? Infinity;
    assertArgument(
      !(untilMs < this.currentMs),
      `run: untilMs (${untilMs}) is before now (${this.currentMs})`,
    );
    const requestedMax = bounds.eventsMax ?? Infinity;
    assertArgument(requestedMax >= 0, `run: eventsMax must be non-negative, got ${requestedMax}`);
    const eventsMax = Math.min(requestedMax, this.eventsPerRunMax);
    const queue = this.queue;
    const handlers = this.handlers;
    let processed = 0;
    this.stopRequested = false;
    this.running = true;
    try {
      for (;;) {
        if (this.stopRequested) return this.finish('stopped', processed);
        if (queue.size === 0) {
          if (untilMs !== Infinity) this.currentMs = untilMs;
          return this.finish(untilMs === Infinity ? 'empty' : 'until', processed);
        }
        if (queue.peekTimeMs() > untilMs) {
          this.currentMs = untilMs;
          return this.finish('until', processed);
        }
        if (processed >= eventsMax) {
          return this.finish(
            requestedMax <= this.eventsPerRunMax ? 'eventsMax' : 'eventsPerRunMax',
            processed,
          );
        }
        queue.pop();
        this.currentMs = queue.poppedTimeMs;
        processed++;
        (handlers[queue.poppedHandlerId] as EventHandler)(queue.poppedPayload);
      }
    } catch (error) {
      if (error instanceof LimitExceededError) {
        const result = this.finish('limit', processed);
        result.limitMessage = error.message;
        return result;
      }
      throw error;
    } finally {
      this.running = false;
    }
  }

  private finish(stoppedBy: StopReason, processed: number): RunResult {
    this.processedTotal += processed;
    const result: RunResult = { stoppedBy, nowMs: this.currentMs, eventsProcessed: processed };
    if (stoppedBy === 'eventsPerRunMax') {
      result.limitMessage = `limit eventsPerRunMax (${this.eventsPerRunMax}) reached at ${this.currentMs} ms`;
    }
    return result;
  }

  // An arrow function so it can sit in the handler table without binding.
  private readonly runCallback = (): void => {
    const id = this.queue.poppedSequence;
    const callback = this.callbacks.get(id);
    // A missing callback was cancelled: lazy deletion, skipped here.
    if (callback === undefined) return;
    this.callbacks.delete(id);
    callback();
  };
}
