import type { z } from 'zod';
import type { Kernel } from '../../sim/kernel.ts';
import type { IssueList } from '../crossCheck/issues.ts';
import type { PathSegment } from '../errors.ts';
import type { EstateRuntime } from '../run/estateRuntime.ts';
import type { Scenario } from '../schema/scenario.ts';

/**
 * What injecting a fault did: it changed something, it could change nothing (rebooting a host that
 * is already off), or the estate refused it for a reason the report gives. A refusal is a value:
 * an exception while injecting is a bug and propagates.
 */
export type FaultOutcome = { tookEffect: boolean } | { refused: string };

/** What a fault's static check sees: the whole scenario, where its issues go, and its own path. */
export interface FaultCheckContext {
  readonly scenario: Scenario;
  readonly issues: IssueList;
  readonly path: readonly PathSegment[];
}

/** What a fault acts on at run time, and the scenario that built it (for ids the model keys otherwise). */
export interface FaultRunContext {
  readonly kernel: Kernel;
  readonly estate: EstateRuntime;
  readonly scenario: Scenario;
}

/**
 * Everything about one kind of fault, in one module: the type checker refuses a definition that
 * lacks any part. `schema` is the zod object the file is validated with (its `kind` a literal);
 * `units` names the unit of each field in the parsed scenario (the file writes them with units);
 * `doc` is the paragraph docs/faults.md shows.
 */
export interface FaultDefinition<Kind extends string, Schema extends z.ZodType<{ kind: Kind }>> {
  readonly kind: Kind;
  readonly schema: Schema;
  readonly units: Readonly<Record<string, string>>;
  readonly doc: string;
  /** The fault's static effect on the estate as planned: refuses targets of the wrong kind. */
  crossCheck(fault: z.output<Schema>, context: FaultCheckContext): void;
  /** Does what the fault does, now. */
  inject(fault: z.output<Schema>, context: FaultRunContext): FaultOutcome;
}

/** Identity, so each module's definition is checked against FaultDefinition with its own types. */
export function defineFault<const Kind extends string, Schema extends z.ZodType<{ kind: Kind }>>(
  definition: FaultDefinition<Kind, Schema>,
): FaultDefinition<Kind, Schema> {
  return definition;
}
