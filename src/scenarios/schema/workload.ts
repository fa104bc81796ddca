import { z } from 'zod';
import { REQUEST_ENGINE_DEFAULTS } from '../../model/requests/engine.ts';
import { PAGE_TIME_DISTRIBUTIONS } from '../../model/requests/pageTime.ts';
import { arrivalCurveSchema } from './arrivals.ts';
import {
  durationMs,
  positiveDurationMs,
  fraction,
  oneOf,
  sizeBytes,
  strictObject,
  wholeNumber,
} from './common.ts';

/** The most users the request engine simulates at once; a larger crowd is refused here, not mid-run. */
export const CROWD_USERS_MAX = REQUEST_ENGINE_DEFAULTS.usersMax;

/** A number of simultaneous users, from none to the engine's maximum. */
const users = (description: string) => wholeNumber(description, 0, CROWD_USERS_MAX);

/**
 * The crowd: how many users are on the site over time. Each user asks for a page, waits the think
 * time, and asks again; which page is drawn from the mix.
 */

const constantCrowdSchema = strictObject(
  {
    shape: z.literal('constant'),
    users: users('Simultaneous users throughout.'),
  },
  'The same number of users throughout.',
);

const rampCrowdSchema = strictObject(
  {
    shape: z.literal('ramp'),
    from: users('Users at the start of the ramp.'),
    to: users('Users at its end, held after.'),
    start: durationMs('When the ramp starts'),
    over: durationMs('How long it takes'),
  },
  'A linear change from one crowd size to another.',
);

const launchCrowdSchema = strictObject(
  {
    shape: z.literal('launch'),
    baseline: users('Users before the launch and after it has died down.'),
    peak: users('Simultaneous users at the peak, e.g. 10,000 for the Pi Zero.'),
    at: durationMs('When the launch is announced, from the start of the run'),
    rampUp: durationMs('From the announcement to the peak'),
    hold: durationMs('How long the peak lasts').optional(),
    decay: durationMs('Half-life of the decline from the peak back to the baseline'),
  },
  'A launch-day spike: a baseline, a rise to the peak, a hold, and an exponential decay.',
);

export const crowdSchema = z
  .discriminatedUnion('shape', [constantCrowdSchema, rampCrowdSchema, launchCrowdSchema], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'a crowd with shape "constant", "ramp" or "launch"' : undefined,
  })
  .describe('Simultaneous users over time.');

export const PAGE_KINDS = [
  'cached',
  'uncached',
  'loggedIn',
  'comments',
  'admin',
  'uploads',
  'static',
  'slow',
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

const pageKindDescriptions: Record<PageKind, string> = {
  cached: 'Public pages found in the page cache',
  uncached: 'Public pages WordPress must render',
  loggedIn: 'Pages for logged-in users, which Supercache bypasses (staticify does not)',
  comments: 'Comment posts: a DB write that invalidates Supercache',
  admin: 'Admin and content-creation requests, served only by the primary web server',
  uploads: 'Media uploads, rsynced from the primary to the other web servers',
  static: 'Static assets: images, CSS, scripts',
  slow: 'Rarely used slow functions, such as registering a Raspberry Jam',
};

export const mixSchema = strictObject(
  Object.fromEntries(
    PAGE_KINDS.map((kind) => [kind, fraction(pageKindDescriptions[kind]).optional()]),
  ) as Record<PageKind, z.ZodOptional<ReturnType<typeof fraction>>>,
  'Share of requests of each kind; the shares given must add up to 100%, and a kind left out is 0%.',
);

const arrivalsSchema = strictObject(
  {
    rate: arrivalCurveSchema.describe('Requests arriving per unit of time, over the run.'),
    mix: mixSchema.optional(),
  },
  "Open arrivals: anonymous one-off requests at a Poisson rate, beside the crowd; with the workload's mix unless given their own.",
);

const classRuleSchema = strictObject(
  {
    pattern: z
      .string({ error: 'a regular expression such as ^/jam/register' })
      .refine(isRegExp, { error: 'a valid regular expression such as ^/jam/register' })
      .describe("A regular expression tested against each request's path and query string."),
    method: z
      .string({ error: 'an HTTP method such as POST' })
      .optional()
      .describe('Only requests of this method.'),
    kind: oneOf(PAGE_KINDS, 'The class these requests are replayed as.'),
  },
  'A rule classing requests of an access log; rules are tried in order, before the defaults.',
);

const accessLogSchema = strictObject(
  {
    file: z
      .string({ error: 'a file name' })
      .min(1, { error: 'a file name' })
      .describe('An access log in the Apache/nginx combined format, relative to the scenario file.'),
    mode: oneOf(
      ['exact', 'scaled', 'fitted'],
      "exact: each line at its second, spread within it; scaled: each line ×scale (thinned below 1); fitted: a Poisson rate per minute with the log's mix.",
    ),
    scale: z
      .number({ error: 'a number above 0' })
      .positive({ error: 'a number above 0' })
      .max(1000, { error: 'a number above 0, at most 1000' })
      .optional()
      .describe("How many times the log's traffic to replay (scaled and fitted; default 1)."),
    classes: z
      .array(classRuleSchema, { error: 'a list of rules' })
      .max(100, { error: 'a list of at most 100 rules' })
      .optional()
      .describe('Rules that class requests before the defaults (comments, admin, static, query strings).'),
  },
  'Requests replayed from an access log, beside the crowd and any arrivals.',
);

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const workloadSchema = strictObject(
  {
    crowd: crowdSchema,
    arrivals: arrivalsSchema.optional(),
    accessLog: accessLogSchema.optional(),
    thinkTime: positiveDurationMs("Mean pause between one user's requests"),
    mix: mixSchema,
    requestTimeout: positiveDurationMs(
      'A request still unanswered after this has timed out, as the user sees it',
    ),
    pageTimes: oneOf(
      PAGE_TIME_DISTRIBUTIONS,
      'How an uncached page\'s CPU time varies around its mean: "uniform" ±20 % (the default, assumed) or "exponential" (assumed; what M/M/c theory takes).',
    ).optional(),
    uploadSize: sizeBytes('Size of each upload; required when the mix has uploads').optional(),
    slowPageFactor: z
      .number({ error: 'a number ≥ 1' })
      .min(1, { error: 'a number ≥ 1' })
      .optional()
      .describe(
        "How many times an uncached page's CPU time a slow function takes; required when the mix has slow requests.",
      ),
  },
  'Who uses the site, how often, and for what.',
);

export type Workload = z.output<typeof workloadSchema>;
export type Crowd = z.output<typeof crowdSchema>;
export type PageMix = z.output<typeof mixSchema>;
export type Arrivals = z.output<typeof arrivalsSchema>;
export type AccessLogSpec = z.output<typeof accessLogSchema>;
export type { ArrivalCurve } from './arrivals.ts';
