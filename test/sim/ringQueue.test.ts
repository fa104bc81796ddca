import { describe, expect, it } from 'vitest';
import { RingQueue } from '../../src/sim/ringQueue.ts';

describe('RingQueue', () => {
  it('is first in, first out across growth and wrap-around', () => {
    const queue = new RingQueue(1000);
    const shifted: number[] = [];
    for (let i = 0; i < 300; i++) {
      queue.push(i);
      if (i % 3 === 0) shifted.push(queue.shift());
    }
    while (queue.length > 0) shifted.push(queue.shift());
    expect(shifted).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('refuses a value past its bound, naming the queue', () => {
    const queue = new RingQueue(2, 'web1.waiting');
    queue.push(1);
    queue.push(2);
    expect(queue.isFull).toBe(true);
    expect(() => queue.push(3)).toThrow(/web1.waiting.maxLength \(2\)/);
  });

  it('refuses to shift from an empty queue', () => {
    expect(() => new RingQueue(2).shift()).toThrow(/empty/);
  });
});
