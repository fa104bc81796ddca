import { z } from 'zod';
import {
  celsius,
  durationMs,
  fraction,
  idSchema,
  oneOf,
  reference,
  strictObject,
  text,
  wholeNumber,
} from './common.ts';

/**
 * Checks: a measured quantity and its bounds. Every check has a `name`, the report gives its
 * `actual`, and `min` and/or `max` make the limit — `max` for "at most" (no user downtime), `min` for
 * "at least" when a scenario's point is that something does happen (the SD-root Pis crash), both
 * for a window (critical temperature 5 h to 7 h after the fans fail). Bounds are inclusive.
 */

export const SERVICES = ['www', 'admin'] as const;
const service = oneOf(
  SERVICES,
  'The service measured: www, the public site (the default), or admin, the admin side and uploads.',
).optional();

function check<Metric extends string, Bound extends z.ZodType, Shape extends z.core.$ZodLooseShape>(
  metric: Metric,
  bound: Bound,
  shape: Shape,
  description: string,
) {
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

const count = (description: string) => wholeNumber(description);
const duration = () => durationMs('A duration');

export const CHECK_METRICS = [
  'user-downtime',
  'failed-requests',
  'failed-share',
  'timed-out-requests',
  'admin-downtime',
  'db-interruption',
  'lost-writes',
  'split-brain',
  'latency',
  'utilisation',
  'temperature',
  'time-to-temperature',
  'crashes',
  'request-share',
  'plan-duration',
] as const;
export type CheckMetric = (typeof CHECK_METRICS)[number];

export const checkSchema = z
  .discriminatedUnion(
    'check',
    [
      check(
        'user-downtime',
        duration(),
        { service },
        'Time during which public requests fail or time out at the edge.',
      ),
      check(
        'failed-requests',
        count('Requests'),
        {
          service,
          requests: oneOf(
            ['all', 'reads', 'writes'],
            'Which requests count: all (the default), reads (page views, assets) or writes (comments, admin, uploads).',
          ).optional(),
        },
        'Public requests that failed or timed out.',
      ),
      check(
        'failed-share',
        fraction('A share of requests'),
        { service },
        'Share of public requests that failed or timed out.',
      ),
      check('timed-out-requests', count('Requests'), { service }, 'Public requests that timed out.'),
      check('admin-downtime', duration(), {}, 'Time during which the admin side is unavailable.'),
      check(
        'db-interruption',
        duration(),
        {},
        'The longest single time the web servers could not reach a writable MySQL primary.',
      ),
      check(
        'lost-writes',
        count('Writes'),
        {},
        'Writes acknowledged to a user that are missing from the primary after a failover.',
      ),
      check('split-brain', duration(), {}, 'Time during which two MySQL primaries accepted writes at once.'),
      check(
        'latency',
        duration(),
        { service, percentile: oneOf(['p50', 'p95', 'p99'], 'Which percentile of response time.') },
        'A percentile of public response time.',
      ),
      check(
        'utilisation',
        fraction('A utilisation'),
        { part: reference('a part') },
        'Peak utilisation of a part.',
      ),
      check(
        'temperature',
        celsius('A temperature'),
        { part: reference('a Raspberry Pi or a shelf') },
        'Peak temperature of a Pi or a shelf.',
      ),
      check(
        'time-to-temperature',
        duration(),
        {
          part: reference('a Raspberry Pi or a shelf'),
          temperature: celsius('The temperature to reach'),
          since: idSchema
            .optional()
            .describe("A fault's name or a plan step's name to time from; by default the start of the run."),
        },
        'How long until a part first reaches a temperature; a run where it never does fails a min or max.',
      ),
      check(
        'crashes',
        count('Crashes'),
        { part: reference('a VM host, VM or Raspberry Pi') },
        'How many times a part crashed.',
      ),
      check(
        'request-share',
        fraction('A share of requests'),
        {
          parts: z
            .array(reference('a VM or Pi running a web server'), { error: 'a list of VM or Pi ids' })
            .min(1, { error: 'at least one VM or Pi id' })
            .describe('Web servers whose requests are counted together.'),
        },
        'Share of public requests served by these web servers.',
      ),
      check('plan-duration', duration(), {}, 'From the start of the first plan step to the end of the last.'),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `a check: one of ${CHECK_METRICS.map((metric) => `"${metric}"`).join(', ')}`
          : undefined,
    },
  )
  .describe('A measured quantity and its bounds.');

export const checksSchema = z
  .array(checkSchema, { error: 'a list of checks' })
  .describe('What must hold for the run to pass.');

export type Check = z.output<typeof checkSchema>;
export type Service = (typeof SERVICES)[number];
