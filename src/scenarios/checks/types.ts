import type { z } from 'zod';
import type { IssueList } from '../crossCheck/issues.ts';
import type { PathSegment } from '../errors.ts';
import type { Measurements } from '../run/measurements.ts';
import type { Scenario } from '../schema/scenario.ts';

/** The unit a check measures in: base units in the scenario, shown as seconds, percent or °C. */
export type CheckUnit = 'ms' | 'fraction' | 'count' | 'celsius';

/** A check's measured value in its base unit, or the reason it could not be measured. */
export type Measured = { value: number } | { missing: string };

/** What a check's static check sees: the whole scenario, where its issues go, and its own path. */
export interface CheckCheckContext {
  readonly scenario: Scenario;
  readonly issues: IssueList;
  readonly path: readonly PathSegment[];
}

/**
 * Everything about one kind of check, in one module: the type checker refuses a definition that
 * lacks any part. `schema` is the zod object (its `check` a literal); `unit` is what `min`, `max`
 * and the measured value are in, which is also how the report shows them; `measure` reads the run
 * (a quantity that could not be measured fails the check, saying why); `doc` is the paragraph
 * docs/checks.md shows. Evaluation is the same for every kind: inclusive bounds.
 */
export interface CheckDefinition<Metric extends string, Schema extends z.ZodType<{ check: Metric }>> {
  readonly metric: Metric;
  readonly schema: Schema;
  readonly unit: CheckUnit;
  readonly doc: string;
  /** The check's static check: refuses parts or moments of the wrong kind. */
  crossCheck(check: z.output<Schema>, context: CheckCheckContext): void;
  measure(check: z.output<Schema>, measurements: Measurements): Measured;
}

/** Identity, so each module's definition is checked against CheckDefinition with its own types. */
export function defineCheck<const Metric extends string, Schema extends z.ZodType<{ check: Metric }>>(
  definition: CheckDefinition<Metric, Schema>,
): CheckDefinition<Metric, Schema> {
  return definition;
}
