import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/sim/eventQueue.ts';
import { LimitExceededError } from '../../src/sim/limits.ts';
import { checkProperty } from '../support/property.ts';

function drain(queue: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (queue.pop()) out.push([queue.poppedTimeMs, queue.poppedPayload]);
  return out;
}

describe('EventQueue', () => {
  it('pops events at one instant in the order they were pushed', () => {
    const queue = new EventQueue(100);
    for (let i = 0; i < 10; i++) queue.push(5, 1, i);
    expect(drain(queue).map(([, payload]) => payload)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('orders any pushes by (time, sequence), like a stable sort', () => {
    checkProperty(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 400 }), (times) => {
        const queue = new EventQueue(1000, 4);
        times.forEach((time, index) => queue.push(time, 1, index));
        const expected = times.map((time, index) => [time, index] as [number, number]);
        expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(queue)).toEqual(expected);
      }),
    );
  });

  it('refuses to grow past its bound and says which bound', () => {
    const queue = new EventQueue(3, 1);
    queue.push(1, 1, 0);
    queue.push(2, 1, 0);
    queue.push(3, 1, 0);
    expect(() => queue.push(4, 1, 0)).toThrow(LimitExceededError);
    expect(() => queue.push(4, 1, 0)).toThrow(/eventQueue.maxSize \(3\)/);
  });

  it('reports Infinity as the next time when empty', () => {
    expect(new EventQueue(1).peekTimeMs()).toBe(Infinity);
  });
});
