import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext, startPart, stateValueToString } from '../../src/model/part.ts';

describe('startPart', () => {
  it('traces every state change with its cause and keeps the part history', () => {
    const kernel = new Kernel({ seed: 7 });
    const context = createModelContext(kernel);
    const machine = createMachine({
      initial: 'off',
      states: { off: { on: { POWER_ON: 'booting' } }, booting: { after: { 30_000: 'up' } }, up: {} },
    });
    const actor = startPart(context, 'host1', 'vmHost', machine, undefined);
    kernel.scheduleCallback(1000, () => actor.send({ type: 'POWER_ON' }));
    kernel.run({ untilMs: 60_000 });
    expect(context.parts.get('host1')?.states).toEqual([
      { atMs: 0, state: 'off' },
      { atMs: 1000, state: 'booting' },
      { atMs: 31_000, state: 'up' },
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
});
