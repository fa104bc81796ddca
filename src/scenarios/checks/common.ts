import { z } from 'zod';
import { partIdsByKind, webServerIds } from '../crossCheck/estate.ts';
import { keysOf } from '../crossCheck/issues.ts';
import type { ServiceReport } from '../report.ts';
import type { Measurements } from '../run/measurements.ts';
import { durationMs, oneOf, strictObject, text, wholeNumber } from '../schema/common.ts';
import type { Scenario } from '../schema/scenario.ts';

export const SERVICES = ['www', 'admin', 'static'] as const;
export type Service = (typeof SERVICES)[number];

export const service = oneOf(
  SERVICES,
  'The service measured: www, the public pages (the default), admin, the admin side and uploads, or static, the files the CDN serves itself.',
).optional();

/** The schema of one check kind: its literal `check`, a name, inclusive bounds, and its own fields. */
export function checkObject<
  const Metric extends string,
  Bound extends z.ZodType,
  Shape extends z.core.$ZodLooseShape,
>(metric: Metric, bound: Bound, shape: Shape, description: string) {
  return strictObject(
    {
      check: z.literal(metric),
      name: text('What the check is called in the report.'),
      min: bound.optional().describe('The least the measured value may be (inclusive).'),
      max: bound.optional().describe('The most the measured value may be (inclusive).'),
      ...shape,
    },
    description,
  );
}

export const count = (description: string) => wholeNumber(description);
export const duration = () => durationMs('A duration');

/** For checks of the whole estate: they name no part, so there is nothing more to check. */
export function refersToNothing(): void {
  // Bounds and names are checked for every check in crossCheck/checks.ts.
}

/** A service's report, or the reason there is none. */
export function serviceOf(
  measurements: Measurements,
  name: string | undefined,
): ServiceReport | { missing: string } {
  return measurements.services[name ?? 'www'] ?? { missing: 'no such service' };
}

export function allPartIds(scenario: Scenario): string[] {
  return partIdsByKind(scenario.estate).flatMap(([, , ids]) => ids);
}

/** Parts with a temperature: Pis and shelves. */
export function hotPartIds(scenario: Scenario): string[] {
  return [...keysOf(scenario.estate.pis), ...keysOf(scenario.estate.shelves)];
}

export function crashablePartIds(scenario: Scenario): string[] {
  const { estate } = scenario;
  return [...keysOf(estate.hosts), ...keysOf(estate.vms), ...keysOf(estate.pis)];
}

/** Names a check can time from: plan steps and named faults. */
export function momentNames(scenario: Scenario): string[] {
  return [
    ...(scenario.plan ?? []).map((step) => step.name),
    ...(scenario.faults ?? []).flatMap((fault) => (fault.name === undefined ? [] : [fault.name])),
  ];
}

export { webServerIds };
