import { z } from 'zod';
import { durationMs, strictObject, text } from '../schema/common.ts';

/**
 * The fields every step has. A step starts at its `at` time, or when the previous step ends; how
 * long it takes comes from the model (copying a disk takes what its size and the link allow)
 * unless the step gives a `duration`.
 */
export const stepTiming = {
  name: text('What the step is called in the report, e.g. "Move web2 to the new HEX host".'),
  at: durationMs(
    'Start at this time from the beginning of the run, instead of after the previous step',
  ).optional(),
  duration: durationMs('How long the step takes, instead of what the model computes').optional(),
};

/** A step's schema: its `action`, the timing fields and its own, described as the JSON Schema shows it. */
export function stepSchema<Action extends string, Shape extends z.core.$ZodLooseShape>(
  action: Action,
  shape: Shape,
  description: string,
) {
  return strictObject({ action: z.literal(action), ...stepTiming, ...shape }, description);
}
