import { createActor } from 'xstate';
import type { Actor, AnyStateMachine, AnyStateNode, InputFrom, StateValue } from 'xstate';
import type { Kernel } from '../sim/kernel.ts';
import { SimClock } from '../sim/clock.ts';
import { LimitExceededError } from '../sim/limits.ts';

/** What every part of the estate needs from the simulation: the kernel and its XState clock. */
export interface ModelContext {
  readonly kernel: Kernel;
  readonly clock: SimClock;
  readonly parts: PartRegistry;
}

export function createModelContext(kernel: Kernel): ModelContext {
  return { kernel, clock: new SimClock(kernel), parts: new PartRegistry() };
}

/** One state a part entered, when, and the tags that say what it means (`serving`, `down`, …). */
export interface StateChange {
  atMs: number;
  state: string;
  tags: readonly string[];
}

/**
 * What a part's state tags mean, one vocabulary for every machine, so a reader (the report, the
 * UI, a monitor) asks what a state means rather than comparing state names:
 * - `serving`: does its job (takes requests, runs VMs, routes);
 * - `accepting`: takes new work (a VM in its migration pause still serves, but accepts nothing);
 * - `down`: off, stopped or failed, not on its way back by itself;
 * - `booting`: on its way up;
 * - `stopping`: winding down on purpose (a graceful shutdown);
 * - `crashed`: fell over and needs someone to power-cycle it;
 * - `stalled`: stuck waiting, e.g. a netboot waiting on the network;
 * - `throttled`: serving, slowed by heat;
 * - `syncing`: copying files to its peers;
 * - `unpowered`: drawing no power at all;
 * - MySQL's roles: `primary` (writable or locked), `replica` (applying the binlog), `readable`
 *   (answers the site's queries: a primary or a demoted one), `writable` (takes writes) and
 *   `receivesWrites` (the primary ships its writes there: a replica, or one being seeded).
 */
export type PartTag =
  | 'serving'
  | 'accepting'
  | 'down'
  | 'booting'
  | 'stopping'
  | 'relocating'
  | 'crashed'
  | 'stalled'
  | 'throttled'
  | 'syncing'
  | 'unpowered'
  | 'primary'
  | 'replica'
  | 'readable'
  | 'writable'
  | 'receivesWrites';

/**
 * Which change of state is a crash, read from the tags of the state left and the state entered.
 * A part kind whose machine has no such rule does not count crashes.
 */
export type CrashRule = (from: ReadonlySet<string>, to: ReadonlySet<string>) => boolean;

/** A part as the report sees it: its kind, its state history and its busiest moment. */
export interface PartRecord {
  readonly id: string;
  readonly kind: string;
  readonly states: StateChange[];
  /** Highest utilisation (0..1) seen, updated by the part or the request engine. */
  utilisationPeak: number;
  /** Crashes by its machine's crash rule (every one, past PART_STATES_MAX too); undefined without a rule. */
  crashes: number | undefined;
}

/**
 * State changes kept per part; a part that flaps more than this is reported as a limit hit. Sized
 * for the longest run the schema allows: the primary web server's file sync (every 5 minutes, two
 * changes each) makes 366 × 288 × 2 = 210,816 in a year. At about 150 bytes a change that is some
 * 32 MB for such a part; the bound is what keeps a part that flaps every second from taking more.
 */
export const PART_STATES_MAX = 250_000;

/** Every part in the run, in the order they were created, so reports list them reproducibly. */
export class PartRegistry {
  private readonly records = new Map<string, PartRecord>();
  private readonly truncated = new Set<string>();

  register(id: string, kind: string, countsCrashes = false): PartRecord {
    if (this.records.has(id)) throw new Error(`a part named "${id}" already exists`);
    const record: PartRecord = {
      id,
      kind,
      states: [],
      utilisationPeak: 0,
      crashes: countsCrashes ? 0 : undefined,
    };
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

/** Change listeners a part notifies; a part that gathers more than this is reported as a limit hit. */
export const CHANGE_LISTENERS_MAX = 1024;

/**
 * The parts a part tells when it changes (a VM's host, a Pi's file server…), in the order they
 * subscribed. Bounded, because a listener added on every event would otherwise grow without end.
 */
export class ChangeListeners {
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly owner: string) {}

  add(listener: () => void): void {
    if (this.listeners.length >= CHANGE_LISTENERS_MAX) {
      throw new LimitExceededError(
        `${this.owner}.listeners`,
        CHANGE_LISTENERS_MAX,
        'too many change listeners',
      );
    }
    this.listeners.push(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Calls `listeners` each time the actor's state value changes (not on changes of its context
 * alone), after the transition's actions have run.
 */
export function notifyOnStateChange(actor: Actor<AnyStateMachine>, listeners: ChangeListeners): void {
  let current = stateValueToString(actor.getSnapshot().value as StateValue);
  actor.subscribe((snapshot: { value: StateValue }) => {
    const next = stateValueToString(snapshot.value);
    if (next === current) return;
    current = next;
    listeners.notify();
  });
}

export interface PartOptions {
  /** Counts the part's crashes on its tagged transitions. */
  crashRule?: CrashRule;
}

/**
 * Starts a part's machine on the simulated clock. Every change of state value goes to the trace
 * (with the event that caused it) and to the part's state history with its tags; the part is
 * registered by id, and counts its crashes when it has a crash rule.
 */
export function startPart<TMachine extends AnyStateMachine>(
  context: ModelContext,
  id: string,
  kind: string,
  machine: TMachine,
  input: InputFrom<TMachine>,
  options: PartOptions = {},
): Actor<TMachine> {
  const { crashRule } = options;
  const record = context.parts.register(id, kind, crashRule !== undefined);
  let current: string | undefined;
  let currentTags: ReadonlySet<string> = new Set();
  const { kernel } = context;
  const actor = createActor(machine, {
    clock: context.clock,
    input,
    inspect: (inspection) => {
      if (inspection.type !== '@xstate.snapshot' || inspection.actorRef !== actor) return;
      const snapshot = inspection.snapshot as { value?: StateValue; tags?: ReadonlySet<string> };
      if (snapshot.value === undefined) return;
      const next = stateValueToString(snapshot.value);
      if (next === current) return;
      const tags = snapshot.tags ?? new Set<string>();
      if (crashRule !== undefined && current !== undefined && crashRule(currentTags, tags))
        record.crashes = (record.crashes ?? 0) + 1;
      kernel.trace.record({
        timeMs: kernel.nowMs,
        part: id,
        event: inspection.event.type,
        from: current ?? null,
        to: next,
      });
      context.parts.noteState(record, { atMs: kernel.nowMs, state: next, tags: [...tags].sort() });
      current = next;
      currentTags = tags;
    },
  });
  actor.start();
  return actor;
}

/**
 * The leaf states (as dotted paths, in the machine's order) in which the machine handles an event
 * type, itself or through a parent state: what to tell an operator whose action was refused.
 */
export function statesHandling(machine: AnyStateMachine, eventType: string): string[] {
  const found: string[] = [];
  const visit = (node: AnyStateNode, path: string[], inherited: boolean): void => {
    const handles = inherited || node.ownEvents.includes(eventType);
    const children = Object.values(node.states) as AnyStateNode[];
    if (children.length === 0) {
      if (handles && path.length > 0) found.push(path.join('.'));
      return;
    }
    for (const child of children) visit(child, [...path, child.key], handles);
  };
  visit(machine.root, [], false);
  return found;
}
