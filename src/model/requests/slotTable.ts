import { assertArgument } from '../../sim/limits.ts';

/** Where a request is on its path; a slot whose phase is FREE holds no request. */
export const FREE = 0;
/** On its way from the CDN node to a web server (or being re-routed after a refusal). */
export const TO_BACKEND = 1;
/** Waiting in a web server's queue for a PHP worker. */
export const QUEUED = 2;
/** Holding a busy PHP worker: rendering (its queries answered, or none needed). */
export const IN_SERVICE = 3;
/** Rendered; its write (if any) is with the data tier and its response on the way back. */
export const RESPONDING = 4;
/** Holding a reserved PHP worker while the data tier runs its page's queries. */
export const AWAITING_DATA = 5;

/** Slots per sequence number in an event payload: payload = sequence × SLOT_SPACE + slot. */
export const SLOT_SPACE = 2 ** 21;
const SEQUENCE_WRAP = 2 ** 31;

/**
 * The requests in the system, one numeric slot each in typed arrays (no object per request): what
 * a request is, where it is and who asked. A slot is reused once its request has an outcome; each
 * reuse bumps its sequence number, so an event scheduled for an earlier request in the same slot
 * (a payload of sequence and slot) is recognised as stale and dropped.
 *
 * Invariants: a slot is free exactly when it is on the free list (checked by checkConservation);
 * a free slot is never released again (checked on every release).
 */
export class SlotTable {
  readonly capacity: number;
  readonly kind: Uint8Array;
  readonly phase: Uint8Array;
  /** 1 once the user gave up: the work may go on, but nobody waits for the answer. */
  readonly abandoned: Uint8Array;
  /** 1 when the page was rendered by WordPress rather than served from a cache. */
  readonly uncached: Uint8Array;
  /** 1 when the CDN node sent it to the address the server answers on now. */
  readonly addressOk: Uint8Array;
  readonly attempts: Uint8Array;
  readonly page: Int32Array;
  readonly server: Int32Array;
  readonly front: Int32Array;
  /** The closed-loop user who asked, or -1 for open arrivals and internal work. */
  readonly user: Int32Array;
  readonly arrivalMs: Float64Array;
  private readonly sequence: Uint32Array;
  private readonly freeList: Int32Array;
  private freeCount: number;

  constructor(capacity: number) {
    assertArgument(
      Number.isInteger(capacity) && capacity > 0 && capacity < SLOT_SPACE,
      `SlotTable: capacity must be a whole number in 1..${SLOT_SPACE - 1}, got ${capacity}`,
    );
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.abandoned = new Uint8Array(capacity);
    this.uncached = new Uint8Array(capacity);
    this.addressOk = new Uint8Array(capacity);
    this.attempts = new Uint8Array(capacity);
    this.page = new Int32Array(capacity);
    this.server = new Int32Array(capacity);
    this.front = new Int32Array(capacity);
    this.user = new Int32Array(capacity);
    this.sequence = new Uint32Array(capacity);
    this.arrivalMs = new Float64Array(capacity);
    this.freeList = new Int32Array(capacity);
    // Slot 0 is handed out first, then 1, … (the order the engine has always used).
    for (let i = 0; i < capacity; i++) this.freeList[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Slots holding a request now. */
  get inUse(): number {
    return this.capacity - this.freeCount;
  }

  /** A fresh slot for a request arriving at nowMs, or -1 when every slot is taken. */
  allocate(kind: number, page: number, user: number, nowMs: number): number {
    if (this.freeCount === 0) return -1;
    const slot = this.freeList[--this.freeCount] as number;
    this.kind[slot] = kind;
    this.page[slot] = page;
    this.user[slot] = user;
    this.arrivalMs[slot] = nowMs;
    this.abandoned[slot] = 0;
    this.attempts[slot] = 0;
    this.uncached[slot] = 0;
    this.server[slot] = -1;
    this.front[slot] = -1;
    this.phase[slot] = TO_BACKEND;
    return slot;
  }

  /** Frees a slot; releasing a free slot is a bug (it would be handed out twice) and throws. */
  release(slot: number): void {
    if (this.phase[slot] === FREE) throw new Error(`SlotTable: slot ${slot} released twice`);
    this.phase[slot] = FREE;
    this.sequence[slot] = ((this.sequence[slot] as number) + 1) % SEQUENCE_WRAP;
    this.freeList[this.freeCount++] = slot;
  }

  /** The number an event for this slot's current request carries. */
  payload(slot: number): number {
    return (this.sequence[slot] as number) * SLOT_SPACE + slot;
  }

  /** The slot an event is for, or -1 when the slot has moved on (a stale event). */
  slotOf(payload: number): number {
    const slot = payload % SLOT_SPACE;
    const sequence = (payload - slot) / SLOT_SPACE;
    if (this.sequence[slot] !== sequence || this.phase[slot] === FREE) return -1;
    return slot;
  }

  /**
   * Costly (a pass over every slot): every slot is either free and on the free list once, or in
   * use and not on it. Throws naming the first slot that is neither.
   */
  checkConservation(): void {
    const listed = new Uint8Array(this.capacity);
    for (let i = 0; i < this.freeCount; i++) {
      const slot = this.freeList[i] as number;
      if (listed[slot] === 1) throw new Error(`SlotTable: slot ${slot} is on the free list twice`);
      listed[slot] = 1;
      if (this.phase[slot] !== FREE)
        throw new Error(`SlotTable: slot ${slot} is on the free list but in use`);
    }
    let free = 0;
    for (let slot = 0; slot < this.capacity; slot++) if (this.phase[slot] === FREE) free++;
    if (free !== this.freeCount)
      throw new Error(`SlotTable: ${free} slots are free but ${this.freeCount} are on the free list`);
  }
}
