import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { Kernel } from '../../src/sim/kernel.ts';
import {
  CHANGE_LISTENERS_MAX,
  ChangeListeners,
  createModelContext,
  startPart,
  statesHandling,
  stateValueToString,
} from '../../src/model/part.ts';
import { LimitExceededError } from '../../src/sim/limits.ts';
import { vmMachine } from '../../src/model/vm.ts';

describe('startPart', () => {
  it('traces every state change with its cause and keeps the part history', () => {
    const kernel = new Kernel({ seed: 7 });
    const context = createModelContext(kernel);
    const machine = createMachine({
      initial: 'off',
      states: {
        off: { tags: ['down'], on: { POWER_ON: 'booting' } },
        booting: { tags: ['booting'], after: { 30_000: 'up' } },
        up: { tags: ['serving', 'accepting'] },
      },
    });
    const actor = startPart(context, 'host1', 'vmHost', machine, undefined);
    kernel.scheduleCallback(1000, () => actor.send({ type: 'POWER_ON' }));
    kernel.run({ untilMs: 60_000 });
    expect(context.parts.get('host1')?.states).toEqual([
      { atMs: 0, state: 'off', tags: ['down'] },
      { atMs: 1000, state: 'booting', tags: ['booting'] },
      { atMs: 31_000, state: 'up', tags: ['accepting', 'serving'] },
    ]);
    const events = kernel.trace.lines().map((line) => JSON.parse(line) as { event: string; to: string });
    expect(events.map((entry) => `${entry.event}->${entry.to}`)).toEqual([
      'xstate.init->off',
      'POWER_ON->booting',
      'xstate.after.30000.(machine).booting->up',
    ]);
  });

  it('refuses two parts with one name', () => {
    const context = createModelContext(new Kernel({ seed: 1 }));
    const machine = createMachine({ initial: 'a', states: { a: {} } });
    startPart(context, 'db1', 'mysql', machine, undefined);
    expect(() => startPart(context, 'db1', 'mysql', machine, undefined)).toThrow(/already exists/);
  });

  it('writes nested state values as dotted paths', () => {
    expect(stateValueToString({ running: { serving: 'busy' } })).toBe('running.serving.busy');
    expect(stateValueToString('off')).toBe('off');
  });

  it("counts crashes by the part's rule on the tags of the states left and entered", () => {
    const kernel = new Kernel({ seed: 1 });
    const context = createModelContext(kernel);
    const machine = createMachine({
      initial: 'up',
      states: {
        up: { tags: ['serving'], on: { FAIL: 'crashed', OFF: 'off' } },
        crashed: { tags: ['crashed'], on: { OFF: 'off' } },
        off: { tags: ['down'], on: { ON: 'up' } },
      },
    });
    const actor = startPart(context, 'pi1', 'pi', machine, undefined, {
      crashRule: (from, to) => to.has('crashed') && !from.has('crashed'),
    });
    const uncounted = startPart(context, 'pi2', 'pi', machine, undefined);
    // up → crashed → off → up → off → up → crashed: two crashes; switching off is not one.
    for (const type of ['FAIL', 'OFF', 'ON', 'OFF', 'ON', 'FAIL']) {
      actor.send({ type });
      uncounted.send({ type });
    }
    expect(context.parts.get('pi1')?.crashes).toBe(2);
    expect(context.parts.get('pi2')?.crashes).toBeUndefined();
  });

  it('lists the states that handle an event, through parent states too', () => {
    expect(statesHandling(vmMachine, 'HARD_STOP')).toEqual([
      'booting',
      'running',
      'shuttingDown',
      'migrating.preCopy',
      'migrating.stopAndCopy',
      'scaling',
    ]);
    expect(statesHandling(vmMachine, 'START')).toEqual(['stopped']);
  });
});

describe('ChangeListeners', () => {
  it('calls listeners in the order they subscribed, and refuses one past the bound', () => {
    const listeners = new ChangeListeners('host1');
    const calls: number[] = [];
    for (let index = 0; index < CHANGE_LISTENERS_MAX; index++) listeners.add(() => calls.push(index));
    listeners.notify();
    expect(calls).toHaveLength(CHANGE_LISTENERS_MAX);
    expect(calls.slice(0, 3)).toEqual([0, 1, 2]);
    expect(() => listeners.add(() => undefined)).toThrow(LimitExceededError);
    expect(() => listeners.add(() => undefined)).toThrow(/host1\.listeners/);
  });
});
