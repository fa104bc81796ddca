import { LimitExceededError, assertArgument } from './limits.ts';

/**
 * A binary min-heap of events ordered by (time, sequence number), kept as parallel typed arrays so
 * that pushing and popping an event allocates nothing. Events at one instant leave in the order
 * they were pushed, which is what makes a run reproducible.
 *
 * The popped event is exposed through the `popped*` fields rather than a returned object, again to
 * keep the hot path free of allocation.
 */
export class EventQueue {
  private timesMs: Float64Array;
  private sequences: Float64Array;
  private handlerIds: Int32Array;
  private payloads: Float64Array;
  private capacity: number;
  private count = 0;
  private nextSequence = 0;

  poppedTimeMs = 0;
  poppedSequence = 0;
  poppedHandlerId = 0;
  poppedPayload = 0;

  constructor(
    readonly maxSize: number,
    initialCapacity = 1024,
  ) {
    assertArgument(
      Number.isInteger(maxSize) && maxSize > 0,
      `maxSize must be a positive integer, got ${maxSize}`,
    );
    this.capacity = Math.max(1, Math.min(initialCapacity, maxSize));
    this.timesMs = new Float64Array(this.capacity);
    this.sequences = new Float64Array(this.capacity);
    this.handlerIds = new Int32Array(this.capacity);
    this.payloads = new Float64Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The time of the earliest event; Infinity when the queue is empty. */
  peekTimeMs(): number {
    return this.count > 0 ? (this.timesMs[0] as number) : Infinity;
  }

  /** Adds an event and returns its sequence number, which also serves as its identity. */
  push(timeMs: number, handlerId: number, payload: number): number {
    if (this.count === this.capacity) this.grow();
    const sequence = this.nextSequence++;
    const times = this.timesMs;
    const sequences = this.sequences;
    let index = this.count++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent] as number;
      if (parentTime < timeMs || (parentTime === timeMs && (sequences[parent] as number) < sequence)) break;
      this.moveSlot(parent, index);
      index = parent;
    }
    times[index] = timeMs;
    sequences[index] = sequence;
    this.handlerIds[index] = handlerId;
    this.payloads[index] = payload;
    return sequence;
  }

  /** Removes the earliest event into the popped* fields; false when the queue is empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.timesMs;
    const sequences = this.sequences;
    this.poppedTimeMs = times[0] as number;
    this.poppedSequence = sequences[0] as number;
    this.poppedHandlerId = this.handlerIds[0] as number;
    this.poppedPayload = this.payloads[0] as number;
    const last = --this.count;
    if (last === 0) return true;
    const timeMs = times[last] as number;
    const sequence = sequences[last] as number;
    const handlerId = this.handlerIds[last] as number;
    const payload = this.payloads[last] as number;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last) {
        const rightTime = times[right] as number;
        const leftTime = times[child] as number;
        if (
          rightTime < leftTime ||
          (rightTime === leftTime && (sequences[right] as number) < (sequences[child] as number))
        )
          child = right;
      }
      const childTime = times[child] as number;
      if (timeMs < childTime || (timeMs === childTime && sequence < (sequences[child] as number))) break;
      this.moveSlot(child, index);
      index = child;
    }
    times[index] = timeMs;
    sequences[index] = sequence;
    this.handlerIds[index] = handlerId;
    this.payloads[index] = payload;
    return true;
  }

  private moveSlot(from: number, to: number): void {
    this.timesMs[to] = this.timesMs[from] as number;
    this.sequences[to] = this.sequences[from] as number;
    this.handlerIds[to] = this.handlerIds[from] as number;
    this.payloads[to] = this.payloads[from] as number;
  }

  private grow(): void {
    if (this.capacity >= this.maxSize) {
      throw new LimitExceededError('eventQueue.maxSize', this.maxSize, 'too many pending events at once');
    }
    const capacity = Math.min(this.capacity * 2, this.maxSize);
    const times = new Float64Array(capacity);
    times.set(this.timesMs);
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    const handlerIds = new Int32Array(capacity);
    handlerIds.set(this.handlerIds);
    const payloads = new Float64Array(capacity);
    payloads.set(this.payloads);
    this.timesMs = times;
    this.sequences = sequences;
    this.handlerIds = handlerIds;
    this.payloads = payloads;
    this.capacity = capacity;
  }
}
