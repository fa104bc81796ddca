import type { z } from 'zod';
import type { Kernel } from '../../sim/kernel.ts';
import type { PathSegment } from '../errors.ts';
import type { IssueList } from '../crossCheck/issues.ts';
import type { EstateRuntime } from '../run/estateRuntime.ts';
import type { Estate } from '../schema/estate.ts';
import type { EstateAsPlanned } from './plannedEstate.ts';

/**
 * What every plan action is made of. One module per action exports one of these, and the
 * registry (registry.ts) lists them: the schema's union, the kind list, the JSON Schema and
 * docs/actions.md are derived from it, and the runner and the cross-check call into it. Every
 * member is required, so the type checker refuses an action that lacks any part.
 */
export interface ActionDefinition<Schema extends z.ZodObject> {
  /** The `action:` written in a scenario file. */
  readonly kind: StepOf<Schema>['action'];
  /** The step as a file gives it, with a `.describe()` on every field (the JSON Schema's text). */
  readonly schema: Schema;
  /** One paragraph for docs/actions.md: what the step does, how long it takes, when it is refused. */
  readonly doc: string;
  /** The unit of each field that has one, e.g. `{ maxLag: 'duration' }`, for the docs' table. */
  readonly units: Readonly<Record<string, string>>;
  /**
   * The least time the step takes as written (its `duration`, or a floor the action always
   * needs): the runner never ends it earlier, and validation uses it to foresee a later `at`
   * that cannot be kept.
   */
  leastDurationMs(step: StepOf<Schema>): number;
  /**
   * The step's effect on the estate as planned, checked against the estate as the earlier steps
   * left it: problems go to `context.issues`, the change to `context.state`.
   */
  plan(step: StepOf<Schema>, context: ActionPlanContext): void;
  /** Acts on the running estate and says how the step ends, or refuses it. */
  begin(step: StepOf<Schema>, context: ActionRunContext): StepStart;
}

/** Any registered action, whatever its kind and step type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyActionDefinition = ActionDefinition<any>;

/** The step an action's schema parses to. */
export type StepOf<Schema extends z.ZodObject> = z.output<Schema> & { action: string };

/** Gives an action its type; an entry that lacks a member does not compile. */
export function defineAction<Schema extends z.ZodObject>(
  definition: ActionDefinition<Schema>,
): ActionDefinition<Schema> {
  return definition;
}

/** What a step's static check sees: where it is in the file and the estate as planned so far. */
export interface ActionPlanContext {
  readonly path: readonly PathSegment[];
  readonly issues: IssueList;
  readonly estate: Estate;
  readonly state: EstateAsPlanned;
  /** Whether `id` (at the step's field `key`) names a VM; reports it when it does not. */
  vmKnown(key: string, id: string): boolean;
}

/** What a step sees at run time. */
export interface ActionRunContext {
  readonly kernel: Kernel;
  readonly estate: EstateRuntime;
  /**
   * Whether the web server on a machine is back in service: every CDN node that knows it at its
   * current address health-checks it up.
   */
  backInService(machineId: string): boolean;
}

/**
 * The estate or the runner declined a step, and why. A refusal is an outcome the report shows;
 * an exception is a bug and is never turned into one.
 */
export interface Refusal {
  readonly refused: string;
}

/** Polled once a second (and at the step's earliest end): true when the step has ended. */
export type StepPoll = () => boolean | Refusal;

/** A step that started, with the condition that ends it, or a step refused at its start. */
export type StepStart = Refusal | { readonly until: StepPoll };

export function refuse(reason: string): Refusal {
  return { refused: reason };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

/** A step that has ended as soon as it started. */
export const ENDS_AT_ONCE: StepStart = { until: () => true };
