import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';

describe('Kernel', () => {
  it('runs events due at or before untilMs, then sets the clock to untilMs', () => {
    const kernel = new Kernel({ seed: 1 });
    const seen: number[] = [];
    const handler = kernel.registerHandler((payload) => seen.push(payload));
    kernel.schedule(1000, handler, 1);
    kernel.schedule(2000, handler, 2);
    kernel.schedule(2001, handler, 3);
    const result = kernel.run({ untilMs: 2000 });
    expect(seen).toEqual([1, 2]);
    expect(result).toEqual({ stoppedBy: 'until', nowMs: 2000, eventsProcessed: 2 });
    expect(kernel.pendingEvents).toBe(1);
  });

  it('says when it stopped because the queue emptied', () => {
    const kernel = new Kernel({ seed: 1 });
    kernel.scheduleCallback(5, () => undefined);
    expect(kernel.run()).toMatchObject({ stoppedBy: 'empty', nowMs: 5, eventsProcessed: 1 });
  });

  it('stops after eventsMax events and says so', () => {
    const kernel = new Kernel({ seed: 1 });
    const tick = kernel.registerHandler(() => kernel.schedule(1, tick));
    kernel.schedule(0, tick);
    expect(kernel.run({ eventsMax: 10 })).toMatchObject({
      stoppedBy: 'eventsMax',
      eventsProcessed: 10,
      nowMs: 9,
    });
  });

  it('reports its own per-run limit when a run would otherwise never end', () => {
    const kernel = new Kernel({ seed: 1, eventsPerRunMax: 100 });
    const tick = kernel.registerHandler(() => kernel.schedule(1, tick));
    kernel.schedule(0, tick);
    const result = kernel.run();
    expect(result.stoppedBy).toBe('eventsPerRunMax');
    expect(result.limitMessage).toMatch(/eventsPerRunMax \(100\)/);
  });

  it('turns a full event queue into a run result that names the limit', () => {
    const kernel = new Kernel({ seed: 1, queueSizeMax: 8 });
    const burst = kernel.registerHandler(() => {
      for (let i = 0; i < 20; i++) kernel.schedule(1, burst);
    });
    kernel.schedule(0, burst);
    const result = kernel.run();
    expect(result.stoppedBy).toBe('limit');
    expect(result.limitMessage).toMatch(/eventQueue.maxSize \(8\)/);
  });

  it('cancels a callback in O(1) and skips it when due', () => {
    const kernel = new Kernel({ seed: 1 });
    const seen: string[] = [];
    const id = kernel.scheduleCallback(10, () => seen.push('cancelled'));
    kernel.scheduleCallback(10, () => seen.push('kept'));
    expect(kernel.cancelCallback(id)).toBe(true);
    expect(kernel.cancelCallback(id)).toBe(false);
    kernel.run();
    expect(seen).toEqual(['kept']);
  });

  it('stops after the current event when asked', () => {
    const kernel = new Kernel({ seed: 1 });
    const seen: number[] = [];
    kernel.scheduleCallback(1, () => {
      seen.push(1);
      kernel.stop();
    });
    kernel.scheduleCallback(2, () => seen.push(2));
    expect(kernel.run()).toMatchObject({ stoppedBy: 'stopped', nowMs: 1 });
    expect(seen).toEqual([1]);
    kernel.run();
    expect(seen).toEqual([1, 2]);
  });

  it('rejects negative and NaN delays and a run into the past', () => {
    const kernel = new Kernel({ seed: 1 });
    expect(() => kernel.scheduleCallback(-1, () => undefined)).toThrow(/non-negative/);
    expect(() => kernel.scheduleCallback(Number.NaN, () => undefined)).toThrow(/non-negative/);
    kernel.run({ untilMs: 100 });
    expect(() => kernel.run({ untilMs: 50 })).toThrow(/before now/);
    expect(() => kernel.scheduleCallbackAt(10, () => undefined)).toThrow(/before now/);
  });

  it('refuses an infinite delay at the call, and nothing is queued', () => {
    const kernel = new Kernel({ seed: 1 });
    const handler = kernel.registerHandler(() => undefined);
    expect(() => kernel.schedule(Infinity, handler)).toThrow(/finite/);
    expect(() => kernel.scheduleCallback(Number.POSITIVE_INFINITY, () => undefined)).toThrow(/finite/);
    expect(kernel.pendingEvents).toBe(0);
    // The largest finite delay is still accepted: the bound is finiteness, not size.
    kernel.schedule(Number.MAX_VALUE, handler);
    expect(kernel.pendingEvents).toBe(1);
  });

  it('refuses an unknown handler id at the call, not when the event comes due', () => {
    const kernel = new Kernel({ seed: 1 });
    const handler = kernel.registerHandler(() => undefined);
    expect(() => kernel.schedule(1, handler + 1)).toThrow(/unknown handler id/);
    expect(() => kernel.schedule(1, -1)).toThrow(/unknown handler id/);
    expect(() => kernel.schedule(1, 0.5)).toThrow(/unknown handler id/);
    expect(() => kernel.schedule(1, Number.NaN)).toThrow(/unknown handler id/);
    expect(kernel.pendingEvents).toBe(0);
    // Registering another handler makes the next id valid.
    const next = kernel.registerHandler(() => undefined);
    expect(next).toBe(handler + 1);
    kernel.schedule(1, next);
    expect(kernel.run()).toMatchObject({ stoppedBy: 'empty', eventsProcessed: 1 });
  });
});
