import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEADLINE_RESOLUTION_MS, DeadlineFifo } from '../../../src/model/requests/deadlineFifo.ts';
import { Kernel } from '../../../src/sim/kernel.ts';
import { checkProperty } from '../../support/property.ts';

describe('the deadline FIFO', () => {
  it('hands every payload over at or after its deadline, at most the resolution late, in arming order', () => {
    checkProperty(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 30_000 }),
        (gapsMs, delayMs) => {
          const kernel = new Kernel({ seed: 1 });
          const armedAtMs: number[] = [];
          const handled: { payload: number; atMs: number }[] = [];
          const fifo = new DeadlineFifo(kernel, delayMs, (payload) =>
            handled.push({ payload, atMs: kernel.nowMs }),
          );
          const arm = kernel.registerHandler((payload) => {
            armedAtMs.push(kernel.nowMs);
            fifo.arm(payload);
          });
          let atMs = 0;
          gapsMs.forEach((gapMs, index) => {
            atMs += gapMs;
            kernel.schedule(atMs, arm, index);
          });
          kernel.run();
          expect(handled.map((entry) => entry.payload)).toEqual(gapsMs.map((_, index) => index));
          handled.forEach(({ payload, atMs: handledAtMs }) => {
            const lateMs = handledAtMs - ((armedAtMs[payload] as number) + delayMs);
            expect(lateMs).toBeGreaterThanOrEqual(0);
            expect(lateMs).toBeLessThanOrEqual(DEADLINE_RESOLUTION_MS);
          });
          expect(fifo.pending).toBe(0);
        },
      ),
    );
  });

  it('batches: many deadlines in a second cost about one kernel event per resolution step', () => {
    const kernel = new Kernel({ seed: 1 });
    let handled = 0;
    const fifo = new DeadlineFifo(kernel, 30_000, () => handled++);
    const arm = kernel.registerHandler(() => fifo.arm(0));
    // 10,000 deadlines armed over one second.
    for (let i = 0; i < 10_000; i++) kernel.schedule(i / 10, arm);
    const armEvents = 10_000;
    const result = kernel.run();
    expect(handled).toBe(10_000);
    // One event per batch: a second of deadlines takes about 1000 / 100 + 1 batches, not 10,000.
    expect(result.eventsProcessed - armEvents).toBeLessThanOrEqual(12);
  });

  it('refuses a deadline of no length', () => {
    const kernel = new Kernel({ seed: 1 });
    expect(() => new DeadlineFifo(kernel, 0, () => undefined)).toThrow(RangeError);
    expect(() => new DeadlineFifo(kernel, Infinity, () => undefined)).toThrow(RangeError);
  });

  it('says so when more deadlines are pending than its bound', () => {
    const kernel = new Kernel({ seed: 1 });
    const fifo = new DeadlineFifo(kernel, 1_000, () => undefined, 'test.deadlines', 2);
    fifo.arm(1);
    fifo.arm(2);
    expect(() => fifo.arm(3)).toThrow(/test.deadlines/);
  });
});
