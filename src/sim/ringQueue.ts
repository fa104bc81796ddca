import { LimitExceededError, assertArgument } from './limits.ts';
import { log2 } from './portableMath.ts';

/**
 * A bounded first-in-first-out queue of numbers in a power-of-two ring buffer. Worker pools use it
 * for waiting requests; it allocates only when it doubles, and refuses to pass its bound.
 */
export class RingQueue {
  private buffer: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    readonly maxLength: number,
    readonly name = 'ringQueue',
  ) {
    assertArgument(
      Number.isInteger(maxLength) && maxLength > 0,
      `maxLength must be a positive integer, got ${maxLength}`,
    );
    this.buffer = new Float64Array(Math.min(64, 1 << Math.ceil(log2(maxLength))));
  }

  get length(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.maxLength;
  }

  push(value: number): void {
    if (this.count === this.buffer.length) {
      if (this.count >= this.maxLength) {
        throw new LimitExceededError(`${this.name}.maxLength`, this.maxLength, 'queue is full');
      }
      this.grow();
    } else if (this.count >= this.maxLength) {
      throw new LimitExceededError(`${this.name}.maxLength`, this.maxLength, 'queue is full');
    }
    this.buffer[(this.head + this.count++) & (this.buffer.length - 1)] = value;
  }

  /** Removes and returns the oldest value; the caller checks `length` first. */
  shift(): number {
    if (this.count === 0) throw new RangeError(`${this.name}: shift from an empty queue`);
    const value = this.buffer[this.head] as number;
    this.head = (this.head + 1) & (this.buffer.length - 1);
    this.count--;
    return value;
  }

  peek(): number {
    if (this.count === 0) throw new RangeError(`${this.name}: peek at an empty queue`);
    return this.buffer[this.head] as number;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const grown = new Float64Array(this.buffer.length * 2);
    const mask = this.buffer.length - 1;
    for (let i = 0; i < this.count; i++) grown[i] = this.buffer[(this.head + i) & mask] as number;
    this.buffer = grown;
    this.head = 0;
  }
}
