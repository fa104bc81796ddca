import { z } from 'zod';
import { FAULT_KINDS } from '../faults/registry.ts';
import { durationMs, idSchema, strictObject, wholeNumber } from '../schema/common.ts';

/**
 * What `twin check` may vary, as a scenario states it. Every field is optional: the default model
 * derives from the estate (every fault kind on every part it is valid for) and the bounds below.
 */
export const faultModelSchema = strictObject(
  {
    kinds: z
      .array(z.enum(FAULT_KINDS as unknown as [string, ...string[]]), { error: 'a list of fault kinds' })
      .optional()
      .describe('Fault kinds the check may draw; every registered kind when absent.'),
    targets: z
      .array(idSchema, { error: 'a list of part ids' })
      .optional()
      .describe('Parts the faults may hit; every part a kind is valid for when absent.'),
    faultsMax: wholeNumber('Most faults in one run (default 3).', 0, 20).optional(),
    durationMin: durationMs('Shortest a lasting fault lasts (default 10 s)').optional(),
    durationMax: durationMs('Longest a lasting fault lasts (default 10 min)').optional(),
    stepPauseMax: durationMs(
      "Longest an operator may pause before a step, beyond the plan's timing (default 60 s)",
    ).optional(),
    crowdMinPercent: wholeNumber(
      "Smallest crowd, in percent of the scenario's (default 80).",
      1,
      1000,
    ).optional(),
    crowdMaxPercent: wholeNumber(
      "Largest crowd, in percent of the scenario's (default 120).",
      1,
      1000,
    ).optional(),
    healBound: durationMs(
      'After the last fault heals, how soon the public site must serve again (default 5 min)',
    ).optional(),
  },
  'What `twin check` may vary: fault kinds, targets, how many and how long, operator pauses, the crowd.',
);

export type FaultModelInput = z.output<typeof faultModelSchema>;
