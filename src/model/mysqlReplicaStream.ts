import { RingQueue } from '../sim/ringQueue.ts';

/**
 * What one MySQL server holds of the primary's history, counted in writes: the writes it has
 * applied (a prefix of the history) and those shipped to it and not yet applied, each with the
 * time it will have been applied. The positions obey applied ≤ shipped ≤ committed, where
 * committed is the primary's history length; `assertOrder` checks it, and the stream checks it
 * itself on every write it receives.
 *
 * The checks are always on: each is two integer comparisons per write shipped to a replica (and
 * one pass over the servers at a promotion), nothing next to the write's own bookkeeping.
 */
export class ReplicaStream {
  /** Writes of the history this server has applied (a prefix of it). */
  appliedSeq = 0;
  /** Times at which the writes sent and not yet applied will have been applied, in order. */
  readonly pending: RingQueue;
  /** When the last write sent will have been applied (0 when none is on its way). */
  lastArrivalMs = 0;
  /** When seeding ends: no write is applied before it. */
  seedEndMs = 0;

  constructor(
    readonly serverId: string,
    backlogMax: number,
  ) {
    this.pending = new RingQueue(backlogMax, `mysql.${serverId}.pending`);
  }

  /** Writes shipped to this server: those applied and those still on their way. */
  get shippedSeq(): number {
    return this.appliedSeq + this.pending.length;
  }

  /**
   * Takes one more write of a history `committedSeq` long, applied at `arrivalMs`. Shipping a
   * write the primary has not committed is a bug in the caller, and is refused here.
   */
  receive(arrivalMs: number, committedSeq: number): void {
    this.pending.push(arrivalMs);
    this.lastArrivalMs = arrivalMs;
    this.assertOrder(committedSeq);
  }

  /** Applies every write due by `nowMs`. */
  drain(nowMs: number): void {
    while (this.pending.length > 0 && this.pending.peek() <= nowMs) {
      this.pending.shift();
      this.appliedSeq++;
    }
  }

  /** Drops the writes on their way (they are fetched again, or lost, by the caller's choice). */
  dropPending(): void {
    this.pending.clear();
    this.lastArrivalMs = 0;
  }

  /**
   * Throws when applied ≤ shipped ≤ committed does not hold: a broken position is a bug in the
   * model (exit 3), never bad input.
   */
  assertOrder(committedSeq: number): void {
    const shipped = this.shippedSeq;
    if (this.appliedSeq >= 0 && shipped <= committedSeq) return;
    throw new Error(
      `MySQL invariant: ${this.serverId} has applied ${this.appliedSeq}, shipped ${shipped}, committed ${committedSeq}; expected 0 ≤ applied ≤ shipped ≤ committed`,
    );
  }
}
