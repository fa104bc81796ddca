import { setup } from 'xstate';
import type { Actor } from 'xstate';
import { startPart, stateValueToString } from './part.ts';
import type { ModelContext } from './part.ts';

type FanEvent = { type: 'FAIL' } | { type: 'REPAIR' };

/** A shelf fan: running or failed (001_c0c3c660f1f73f92.txt: "dual fan failure"). */
export const fanMachine = setup({ types: { events: {} as FanEvent } }).createMachine({
  id: 'fan',
  initial: 'running',
  states: {
    running: { on: { FAIL: 'failed' } },
    failed: { on: { REPAIR: 'running' } },
  },
});

export class Fan {
  private readonly actor: Actor<typeof fanMachine>;

  constructor(
    context: ModelContext,
    readonly id: string,
    private readonly onChange: () => void,
  ) {
    this.actor = startPart(context, id, 'fan', fanMachine, undefined);
  }

  get state(): string {
    return stateValueToString(this.actor.getSnapshot().value);
  }

  isRunning(): boolean {
    return this.actor.getSnapshot().matches('running');
  }

  /** Fault: the fan stops. */
  fail(): void {
    if (!this.isRunning()) return;
    this.actor.send({ type: 'FAIL' });
    this.onChange();
  }

  /** Operator: the fan is replaced. */
  repair(): void {
    if (this.isRunning()) return;
    this.actor.send({ type: 'REPAIR' });
    this.onChange();
  }
}
