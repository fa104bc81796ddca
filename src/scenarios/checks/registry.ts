import type { z } from 'zod';
import { adminDowntime } from './adminDowntime.ts';
import { availability } from './availability.ts';
import { crashes } from './crashes.ts';
import { dbInterruption } from './dbInterruption.ts';
import { failedRequests } from './failedRequests.ts';
import { failedShare } from './failedShare.ts';
import { latency } from './latency.ts';
import { lostWrites } from './lostWrites.ts';
import { planDuration } from './planDuration.ts';
import { requestShare } from './requestShare.ts';
import { splitBrain } from './splitBrain.ts';
import { temperature } from './temperature.ts';
import { timedOutRequests } from './timedOutRequests.ts';
import { timeToTemperature } from './timeToTemperature.ts';
import type { CheckDefinition } from './types.ts';
import { userDowntime } from './userDowntime.ts';
import { utilisation } from './utilisation.ts';
import type { FieldOfEach } from '../vocabularyTypes.ts';

/**
 * Every kind of check, one module each. The schema's union, the metric list, the JSON Schema and
 * docs/checks.md derive from this list: adding a check is a new module and one line here.
 */
export const CHECK_DEFINITIONS = [
  userDowntime,
  availability,
  failedRequests,
  failedShare,
  timedOutRequests,
  adminDowntime,
  dbInterruption,
  lostWrites,
  splitBrain,
  latency,
  utilisation,
  temperature,
  timeToTemperature,
  crashes,
  requestShare,
  planDuration,
] as const;

type Definitions = typeof CHECK_DEFINITIONS;
export type CheckMetric = Definitions[number]['metric'];
/** The zod schemas of the kinds, as a tuple (what z.discriminatedUnion takes). */
export type CheckSchemas = FieldOfEach<Definitions, 'schema'>;
export type CheckOf<Metric extends CheckMetric> = z.output<
  Extract<Definitions[number], { metric: Metric }>['schema']
>;

export const CHECK_METRICS = CHECK_DEFINITIONS.map(
  (definition) => definition.metric,
) as unknown as FieldOfEach<Definitions, 'metric'>;

export function checkSchemas(): CheckSchemas {
  return CHECK_DEFINITIONS.map((definition) => definition.schema) as unknown as CheckSchemas;
}

const byMetric = new Map<string, (typeof CHECK_DEFINITIONS)[number]>(
  CHECK_DEFINITIONS.map((definition) => [definition.metric, definition]),
);

/**
 * The definition of a check's kind, typed for that check. The cast is the one place the union of
 * checks meets the union of definitions: each definition is keyed by the metric its schema parses.
 */
export function checkDefinition<Metric extends CheckMetric>(check: {
  check: Metric;
}): CheckDefinition<Metric, z.ZodType<CheckOf<Metric> & { check: Metric }>> {
  const definition = byMetric.get(check.check);
  if (definition === undefined) throw new Error(`check "${check.check}" is not registered`);
  return definition as unknown as CheckDefinition<Metric, z.ZodType<CheckOf<Metric> & { check: Metric }>>;
}
