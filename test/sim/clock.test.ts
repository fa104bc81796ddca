import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup, assign } from 'xstate';
import { Kernel } from '../../src/sim/kernel.ts';
import { SimClock } from '../../src/sim/clock.ts';

describe('SimClock with XState actors', () => {
  it('fires chained delayed transitions at their deadlines in one run: a -1000-> b -1000-> c', () => {
    const kernel = new Kernel({ seed: 1 });
    const machine = createMachine({
      initial: 'a',
      states: { a: { after: { 1000: 'b' } }, b: { after: { 1000: 'c' } }, c: {} },
    });
    const actor = createActor(machine, { clock: new SimClock(kernel) }).start();
    const reachedAt: Record<string, number> = {};
    actor.subscribe((snapshot) => (reachedAt[String(snapshot.value)] = kernel.nowMs));
    kernel.run({ untilMs: 1999 });
    expect(actor.getSnapshot().value).toBe('b');
    kernel.run({ untilMs: 2000 });
    expect(actor.getSnapshot().value).toBe('c');
    expect(reachedAt).toEqual({ b: 1000, c: 2000 });
  });

  it('fires 1,000 chained 1 ms timers in one run to t=1000', () => {
    const kernel = new Kernel({ seed: 1 });
    const machine = setup({ types: { context: {} as { ticks: number } } }).createMachine({
      context: { ticks: 0 },
      initial: 'ticking',
      states: {
        ticking: {
          after: {
            1: [
              {
                guard: ({ context }) => context.ticks + 1 >= 1000,
                target: 'done',
                actions: assign({ ticks: ({ context }) => context.ticks + 1 }),
              },
              {
                target: 'ticking',
                reenter: true,
                actions: assign({ ticks: ({ context }) => context.ticks + 1 }),
              },
            ],
          },
        },
        done: {},
      },
    });
    const actor = createActor(machine, { clock: new SimClock(kernel) }).start();
    kernel.run({ untilMs: 1000 });
    expect(actor.getSnapshot().context.ticks).toBe(1000);
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('cancels a delayed transition when the state is left first', () => {
    const kernel = new Kernel({ seed: 1 });
    const machine = createMachine({
      initial: 'waiting',
      states: {
        waiting: { after: { 500: 'timedOut' }, on: { ANSWER: 'answered' } },
        timedOut: {},
        answered: {},
      },
    });
    const actor = createActor(machine, { clock: new SimClock(kernel) }).start();
    kernel.scheduleCallback(100, () => actor.send({ type: 'ANSWER' }));
    kernel.run({ untilMs: 10_000 });
    expect(actor.getSnapshot().value).toBe('answered');
    expect(kernel.pendingEvents).toBe(0);
  });
});
