import { z } from 'zod';
import { durationMs, eventsPerMs, strictObject } from './common.ts';

/**
 * Open arrivals: anonymous visitors who each make one request, arriving as a Poisson process
 * whatever the site's state (they do not wait for a previous answer, as a crowd's users do). The
 * rate follows a curve over the run, like the crowd's size. Rates are written as event rates
 * (`50/s`, `3000/min`) and held in requests per millisecond.
 */

const rate = (description: string) => eventsPerMs(description);

/** Most entries a per-minute table may hold: a minute each for the longest run (366 days). */
export const ARRIVAL_TABLE_MINUTES_MAX = 366 * 24 * 60;

const constantArrivalsSchema = strictObject(
  { shape: z.literal('constant'), rate: rate('Requests throughout') },
  'The same arrival rate throughout.',
);

const rampArrivalsSchema = strictObject(
  {
    shape: z.literal('ramp'),
    from: rate('Rate at the start of the ramp'),
    to: rate('Rate at its end, held after'),
    start: durationMs('When the ramp starts'),
    over: durationMs('How long it takes'),
  },
  'A linear change from one arrival rate to another.',
);

const launchArrivalsSchema = strictObject(
  {
    shape: z.literal('launch'),
    baseline: rate('Rate before the launch and after it has died down'),
    peak: rate('Rate at the peak'),
    at: durationMs('When the launch is announced, from the start of the run'),
    rampUp: durationMs('From the announcement to the peak'),
    hold: durationMs('How long the peak lasts').optional(),
    decay: durationMs('Half-life of the decline from the peak back to the baseline'),
  },
  'A launch-day spike in arrivals: a baseline, a rise to the peak, a hold, and an exponential decay.',
);

const tableArrivalsSchema = strictObject(
  {
    shape: z.literal('table'),
    perMinute: z
      .array(rate('One minute’s rate'), { error: 'a list of rates such as [20/s, 50/s, 35/s]' })
      .min(1, { error: 'a list of at least one rate' })
      .max(ARRIVAL_TABLE_MINUTES_MAX, { error: `a list of at most ${ARRIVAL_TABLE_MINUTES_MAX} rates` })
      .describe('The rate of each minute from the start of the run; the last holds after the table ends.'),
  },
  'An arrival rate given minute by minute (from a measurement, or a fitted access log).',
);

const arrivalCurveSchema = z.discriminatedUnion(
  'shape',
  [constantArrivalsSchema, rampArrivalsSchema, launchArrivalsSchema, tableArrivalsSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'an arrival curve with shape "constant", "ramp", "launch" or "table"'
        : undefined,
  },
);

export { arrivalCurveSchema };
export type ArrivalCurve = z.output<typeof arrivalCurveSchema>;
