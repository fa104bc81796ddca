import { createActor } from 'xstate';
import type { Actor, AnyStateMachine, InputFrom, StateValue } from 'xstate';
import type { Kernel } from '../sim/kernel.ts';
import { SimClock } from '../sim/clock.ts';

/** What every part of the estate needs from the simulation: the kernel and its XState clock. */
export interface ModelContext {
  readonly kernel: Kernel;
  readonly clock: SimClock;
  readonly parts: PartRegistry;
}

export function createModelContext(kernel: Kernel): ModelContext {
  return { kernel, clock: new SimClock(kernel), parts: new PartRegistry() };
}

/** One state a part entered, and when. */
export interface StateChange {
  atMs: number;
  state: string;
}

/** A part as the report sees it: its kind, its state history and its busiest moment. */
export interface PartRecord {
  readonly id: string;
  readonly kind: string;
  readonly states: StateChange[];
  /** Highest utilisation (0..1) seen, updated by the part or the request engine. */
  utilisationPeak: number;
}

/** State changes kept per part; a part that flaps more than this is reported as a limit hit. */
export const PART_STATES_MAX = 10_000;

/** Every part in the run, in the order they were created, so reports list them reproducibly. */
export class PartRegistry {
  private readonly records = new Map<string, PartRecord>();
  private readonly truncated = new Set<string>();

  register(id: string, kind: string): PartRecord {
    if (this.records.has(id)) throw new Error(`a part named "${id}" already exists`);
    const record: PartRecord = { id, kind, states: [], utilisationPeak: 0 };
    this.records.set(id, record);
    return record;
  }

  get(id: string): PartRecord | undefined {
    return this.records.get(id);
  }

  all(): PartRecord[] {
    return [...this.records.values()];
  }

  /** Records a state change in a part's history, up to PART_STATES_MAX. */
  noteState(record: PartRecord, change: StateChange): void {
    if (record.states.length < PART_STATES_MAX) record.states.push(change);
    else this.truncated.add(record.id);
  }

  /** Parts whose history outgrew PART_STATES_MAX, as limit messages. */
  limitsHit(): string[] {
    return [...this.truncated].map(
      (id) =>
        `part ${id}: more than ${PART_STATES_MAX} state changes; the report keeps the first ${PART_STATES_MAX}`,
    );
  }

  /** Keeps the highest utilisation seen for a part. */
  noteUtilisation(id: string, utilisation: number): void {
    const record = this.records.get(id);
    if (record !== undefined && utilisation > record.utilisationPeak) record.utilisationPeak = utilisation;
  }
}

/** A nested XState value as one dotted string, e.g. `running.serving`. */
export function stateValueToString(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([parent, child]) => (child === undefined ? parent : `${parent}.${stateValueToString(child)}`))
    .join(',');
}

/**
 * Starts a part's machine on the simulated clock. Every change of state value goes to the trace
 * (with the event that caused it) and to the part's state history; the part is registered by id.
 */
export function startPart<TMachine extends AnyStateMachine>(
  context: ModelContext,
  id: string,
  kind: string,
  machine: TMachine,
  input: InputFrom<TMachine>,
): Actor<TMachine> {
  const record = context.parts.register(id, kind);
  let current: string | undefined;
  const { kernel } = context;
  const actor = createActor(machine, {
    clock: context.clock,
    input,
    inspect: (inspection) => {
      if (inspection.type !== '@xstate.snapshot' || inspection.actorRef !== actor) return;
      const snapshot = inspection.snapshot as { value?: StateValue };
      if (snapshot.value === undefined) return;
      const next = stateValueToString(snapshot.value);
      if (next === current) return;
      kernel.trace.record({
        timeMs: kernel.nowMs,
        part: id,
        event: inspection.event.type,
        from: current ?? null,
        to: next,
      });
      context.parts.noteState(record, { atMs: kernel.nowMs, state: next });
      current = next;
    },
  });
  actor.start();
  return actor;
}
