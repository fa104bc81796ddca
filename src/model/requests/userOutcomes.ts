import type { Kernel } from '../../sim/kernel.ts';
import type { Crowd } from './crowd.ts';
import { isWriteKind, KIND_INTERNAL, SERVICE_NONE, serviceCode } from './kinds.ts';
import type { OutcomeLog } from './outcomeLog.ts';
import type { SlotTable } from './slotTable.ts';
import type { RequestOutcome } from './types.ts';

/**
 * The end of a request's path, as its user sees it: the outcome is booked in the outcome log (at
 * the second the user saw it), the user (if one of the crowd) goes on thinking, and the slot is
 * freed. A request whose user already gave up has its outcome (a timeout) and only frees its slot.
 */
export class UserOutcomes {
  constructor(
    private readonly kernel: Kernel,
    private readonly slots: SlotTable,
    private readonly log: OutcomeLog,
    private readonly crowd: Crowd,
    private readonly userTimeoutMs: number,
  ) {}

  /** The response reached the user at deliveredMs: ok, or timed out if after their deadline. */
  finishOk(slot: number, deliveredMs: number): void {
    const slots = this.slots;
    const arrivalMs = slots.arrivalMs[slot] as number;
    const kind = slots.kind[slot] as number;
    const user = slots.user[slot] as number;
    const timeoutAtMs = arrivalMs + this.userTimeoutMs;
    if (deliveredMs > timeoutAtMs) {
      // Booked when the user asked: the site failed them then, though they gave up later.
      this.record(kind, 'timedOut', arrivalMs, this.userTimeoutMs);
      if (user >= 0) this.crowd.userContinues(user, timeoutAtMs);
    } else {
      this.record(kind, 'ok', deliveredMs, deliveredMs - arrivalMs);
      if (user >= 0) this.crowd.userContinues(user, deliveredMs);
    }
    slots.release(slot);
  }

  /** The request failed now, for `reason` (counted whether or not its user still waited). */
  fail(slot: number, reason: string): void {
    const slots = this.slots;
    this.log.noteFailure(reason);
    if (slots.abandoned[slot] === 0) {
      const nowMs = this.kernel.nowMs;
      this.record(slots.kind[slot] as number, 'failed', nowMs, 0);
      const user = slots.user[slot] as number;
      if (user >= 0) this.crowd.userContinues(user, nowMs);
    }
    slots.release(slot);
  }

  /** A request was refused before it had a slot (every slot taken). */
  refuse(kind: number, reason: string): void {
    this.log.noteFailure(reason);
    this.record(kind, 'failed', this.kernel.nowMs, 0);
  }

  /** A request's deadline came (the FIFO hands over finished ones too: they are skipped). */
  timeout(payload: number): void {
    const slots = this.slots;
    const slot = slots.slotOf(payload);
    if (slot < 0 || slots.abandoned[slot] === 1) return;
    const kind = slots.kind[slot] as number;
    if (kind === KIND_INTERNAL) return;
    slots.abandoned[slot] = 1;
    this.record(kind, 'timedOut', slots.arrivalMs[slot] as number, this.userTimeoutMs);
    const user = slots.user[slot] as number;
    if (user >= 0) this.crowd.userContinues(user, this.kernel.nowMs);
  }

  /** Outcomes booked so far, all services. */
  total(servicesCount: number): number {
    let outcomes = 0;
    for (let service = 0; service < servicesCount; service++) {
      const { ok, failed, timedOut } = this.log.totals(service);
      outcomes += ok + failed + timedOut;
    }
    return outcomes;
  }

  private record(kind: number, outcome: RequestOutcome, atMs: number, latencyMs: number): void {
    const service = serviceCode(kind);
    if (service === SERVICE_NONE) return;
    this.log.record(service, outcome, atMs, latencyMs, isWriteKind(kind), this.kernel.nowMs);
  }
}
