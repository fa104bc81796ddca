import { z } from 'zod';

/**
 * The run report, defined once with zod: the TypeScript type is inferred from it, and tests parse
 * every built-in scenario's report with it, so the JSON a user scripts against cannot drift from
 * the type. Times in a report are simulated seconds from the start of the run.
 */
const latencySummary = z.strictObject({
  p50: z.number().nonnegative(),
  p95: z.number().nonnegative(),
  p99: z.number().nonnegative(),
});

/** One service's service-level measures; the definitions are in the README ("Service-level measures"). */
export const serviceReportSchema = z.strictObject({
  /** Every request users made whose outcome is known: answered + failed + timedOut. */
  requests: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  timedOut: z.number().int().nonnegative(),
  /** Of failed + timedOut, those that were writes (comments, admin, uploads); the rest were page views. */
  failedWrites: z.number().int().nonnegative(),
  /** Seconds no request could be served, or more than the error threshold failed or timed out. */
  downSeconds: z.number().nonnegative(),
  /** Seconds holding any failed or timed-out request. */
  erroredSeconds: z.number().nonnegative(),
  /** The share of requests answered within the latency objective. */
  availability: z.number().min(0).max(1),
  /** Every request: answered, failed (when it failed) and timed out (at the timeout). */
  latencyMs: latencySummary,
  /** Answered requests only. */
  latencyAnsweredMs: latencySummary,
});

/** The objectives the measures used, with defaults filled in. */
export const sloReportSchema = z.strictObject({
  errorThresholdShare: z.number().min(0).max(1),
  latencyObjectiveMs: z.number().nonnegative(),
});

export const partReportSchema = z.strictObject({
  kind: z.string(),
  /** The busiest minute's utilisation (README, "Utilisation"). */
  utilisationPeak: z.number().min(0).max(1),
  /** The mean of the minutes' utilisation; absent for a part that does no measured work (a fan). */
  utilisationMean: z.number().min(0).max(1).optional(),
  /** Public requests a web server answered (web servers only). */
  requestsAnswered: z.number().int().nonnegative().optional(),
  states: z.array(
    z.strictObject({
      at: z.number().nonnegative(),
      state: z.string(),
      /** What the state means (`serving`, `down`, `crashed`…; see PartTag in src/model/part.ts). */
      tags: z.array(z.string()),
    }),
  ),
});

/** Something that carries traffic but is no part with states: a switch port, a site link. */
export const linkReportSchema = z.strictObject({
  kind: z.string(),
  utilisationPeak: z.number().min(0).max(1),
  utilisationMean: z.number().min(0).max(1),
});

export const stepReportSchema = z.strictObject({
  name: z.string(),
  action: z.string(),
  startedAt: z.number().nonnegative(),
  endedAt: z.number().nonnegative(),
  failedRequests: z.number().int().nonnegative(),
  adminDowntimeSeconds: z.number().nonnegative(),
  /** Seconds in the step's window the public site counted as down (optional: older reports lack it). */
  downSeconds: z.number().nonnegative().optional(),
  outcome: z.string(),
  /** How much later than its `at` the step started, because the step before it ran past that time. */
  startedLateBySeconds: z.number().positive().optional(),
});

const lossSchema = z.strictObject({
  failedRequests: z.number().int().nonnegative(),
  adminDowntimeSeconds: z.number().nonnegative(),
  downSeconds: z.number().nonnegative().optional(),
});

/**
 * A fault injected in the run, as a row of the blame table: its window runs from the injection to
 * the settle bound after it healed (or to the end of the run), and it is charged what users and
 * admins lost in the seconds it owns (where windows overlap, the row that started last; see run/blame.ts).
 */
export const faultReportSchema = z.strictObject({
  /** The fault's name, or its kind when it has none. */
  name: z.string(),
  kind: z.string(),
  target: z.string(),
  at: z.number().nonnegative(),
  /** When it was over (its duration ended and its target was back in service); absent if never. */
  healedAt: z.number().nonnegative().optional(),
  tookEffect: z.boolean(),
  failedRequests: z.number().int().nonnegative(),
  downSeconds: z.number().nonnegative(),
  adminDowntimeSeconds: z.number().nonnegative(),
});

/**
 * What was lost outside every step's and fault's window: before the plan, between steps (no
 * window covers the gap), and after its last step settled.
 */
export const outsidePlanSchema = z.strictObject({
  beforePlan: lossSchema,
  /** Optional only so reports written before it was added still parse; the runner always fills it. */
  betweenSteps: lossSchema.optional(),
  afterPlan: lossSchema,
  /** How long after a step ends its window stays open (health-check interval × fall + request timeout). */
  settleSeconds: z.number().nonnegative(),
});

const checkValue = z.union([z.number(), z.boolean(), z.string()]);

export const checkResultSchema = z.strictObject({
  name: z.string(),
  ok: z.boolean(),
  actual: checkValue,
  limit: checkValue,
  detail: z.string().optional(),
});

export const reportSchema = z.strictObject({
  scenario: z.string(),
  source: z.string(),
  seed: z.number().int(),
  /** The scenario's wall-clock label for time zero (local, `2017-02-27T11:00`), when it gives one. */
  startsAt: z.string().optional(),
  traceHash: z.string().regex(/^[0-9a-f]{64}$/),
  durationSeconds: z.number().nonnegative(),
  run: z.strictObject({
    stoppedBy: z.string(),
    events: z.number().int().nonnegative(),
    traceLines: z.number().int().nonnegative(),
    limitMessage: z.string().optional(),
  }),
  /** The access log the workload replayed: its lines, and the malformed ones skipped. */
  accessLog: z
    .strictObject({
      file: z.string(),
      mode: z.string(),
      lines: z.number().int().nonnegative(),
      malformed: z.number().int().nonnegative(),
      firstMalformedLine: z.number().int().positive().optional(),
    })
    .optional(),
  slo: sloReportSchema,
  services: z.record(z.string(), serviceReportSchema),
  admin: z.strictObject({ downtimeSeconds: z.number().nonnegative() }),
  data: z.strictObject({
    acknowledgedWrites: z.number().int().nonnegative(),
    lostWrites: z.number().int().nonnegative(),
    splitBrain: z.boolean(),
  }),
  parts: z.record(z.string(), partReportSchema),
  /** Optional only so reports written before it was added still parse; the runner always fills it. */
  links: z.record(z.string(), linkReportSchema).optional(),
  steps: z.array(stepReportSchema),
  /** Optional only so reports written before it was added still parse; the runner always fills it. */
  faults: z.array(faultReportSchema).optional(),
  outsidePlan: outsidePlanSchema,
  checks: z.array(checkResultSchema),
  ok: z.boolean(),
});

export type Report = z.infer<typeof reportSchema>;
export type ServiceReport = z.infer<typeof serviceReportSchema>;
export type PartReport = z.infer<typeof partReportSchema>;
export type LinkReport = z.infer<typeof linkReportSchema>;
export type StepReport = z.infer<typeof stepReportSchema>;
export type FaultReport = z.infer<typeof faultReportSchema>;
export type OutsidePlanReport = z.infer<typeof outsidePlanSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
