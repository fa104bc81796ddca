import { z } from 'zod';
import { durationMs, eventsPerMs, idSchema, strictObject } from '../schema/common.ts';
import type { PathSegment } from '../errors.ts';
import type { FaultCheckContext } from './types.ts';

/** Most occurrences one random fault may have in a run; a hazard that fires more is reported. */
export const FAULT_OCCURRENCES_MAX = 10_000;
/**
 * Most occurrences a random fault may be expected to have (rate × run duration), checked at
 * validation: a Poisson count with this mean stays far below FAULT_OCCURRENCES_MAX, so a fault that
 * validates does not hit that limit in the run.
 */
export const FAULT_EXPECTED_OCCURRENCES_MAX = 1_000;

/** Timing shared by every fault: exactly one of `at` (scheduled) and `rate` (random). */
const faultTiming = {
  name: idSchema.optional().describe('An id a check can measure from (time-to-temperature `since`).'),
  at: durationMs('When it happens, from the start of the run; before the end of the run').optional(),
  rate: eventsPerMs(
    `How often it happens at random; at most ${FAULT_EXPECTED_OCCURRENCES_MAX} expected occurrences in the run`,
  ).optional(),
};

/** Units of the timing fields, in the parsed scenario. */
export const TIMING_UNITS = { at: 'ms from the start of the run', rate: 'events per ms' } as const;

/** The schema of one fault kind: its literal `kind`, the shared timing, and its own fields. */
export function faultObject<const Kind extends string, Shape extends z.core.$ZodLooseShape>(
  kind: Kind,
  shape: Shape,
  description: string,
) {
  return strictObject({ kind: z.literal(kind), ...faultTiming, ...shape }, description);
}

/** A field saying how long the fault lasts. */
export const lasting = (what: string) => durationMs(`How long ${what} lasts`);

/** Checks a fault's target names one of `known`, a part of the kind the fault acts on. */
export function targetIn(
  context: FaultCheckContext,
  target: string,
  what: string,
  known: Iterable<string>,
): boolean {
  return context.issues.reference(targetPath(context), target, what, known);
}

export function targetPath(context: FaultCheckContext): PathSegment[] {
  return [...context.path, 'target'];
}

/** A fault that lasts: schedules its end after `durationMs`, when given. */
export function endAfter(
  context: { kernel: { scheduleCallback(delayMs: number, callback: () => void): number } },
  durationMs: number | undefined,
  end: () => void,
): void {
  if (durationMs !== undefined) context.kernel.scheduleCallback(durationMs, end);
}
