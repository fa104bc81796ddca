import { z } from 'zod';
import { faultModelSchema } from '../check/faultModelSchema.ts';
import { checksSchema } from './checks.ts';
import { positiveDurationMs, strictObject, text, wholeNumber } from './common.ts';
import { estateSchema } from './estate.ts';
import { faultsSchema } from './faults.ts';
import { planSchema } from './plan.ts';
import { sloSchema } from './slo.ts';
import { sweepSchema } from './sweep.ts';
import { whatIfSchema } from './whatIf.ts';
import { workloadSchema } from './workload.ts';
import { isLocalDateTime } from '../wallClock.ts';

/** A scenario file: the estate, who uses it, the runbook, what goes wrong and what must hold. */
export const scenarioSchema = strictObject(
  {
    $schema: z.string().optional().describe('The JSON Schema this file follows, for editors.'),
    name: text("The scenario's name, as `twin list` shows it."),
    description: text('One line on what it rehearses.').optional(),
    source: text('Where its numbers come from, e.g. the seed file; "user" for your own.').optional(),
    seed: wholeNumber('Seed for every random stream in the run; the same seed gives the same run.'),
    duration: positiveDurationMs('Simulated time to run'),
    startsAt: z
      .string({ error: 'a local date and time such as 2017-02-27T12:00' })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
        error: 'a local date and time such as 2017-02-27T12:00',
        abort: true,
      })
      .refine(isLocalDateTime, { error: 'a real local date and time such as 2017-02-27T12:00' })
      .optional()
      .describe('Wall-clock label for time zero, so reports can say "12:45" rather than "45m".'),
    estate: estateSchema,
    workload: workloadSchema,
    plan: planSchema.optional(),
    faults: faultsSchema.optional(),
    checks: checksSchema.optional(),
    slo: sloSchema.optional(),
    faultModel: faultModelSchema.optional(),
    expectFailures: z
      .array(text('A check name.'), { error: 'a list of check names' })
      .optional()
      .describe('Checks this scenario is meant to fail: broken variants that show what a mistake costs.'),
    sweep: sweepSchema.optional(),
    whatIf: whatIfSchema.optional(),
  },
  'An estate-twin scenario.',
);

export type Scenario = z.output<typeof scenarioSchema>;
/** The scenario as written, before units are parsed: what a YAML file holds. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
