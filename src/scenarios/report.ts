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

export const serviceReportSchema = z.strictObject({
  requests: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  timedOut: z.number().int().nonnegative(),
  /** Of failed + timedOut, those that were writes (comments, admin, uploads); the rest were page views. */
  failedWrites: z.number().int().nonnegative(),
  downtimeSeconds: z.number().nonnegative(),
  latencyMs: latencySummary,
});

export const partReportSchema = z.strictObject({
  kind: z.string(),
  utilisationPeak: z.number().min(0).max(1),
  states: z.array(
    z.strictObject({
      at: z.number().nonnegative(),
      state: z.string(),
      /** What the state means (`serving`, `down`, `crashed`…; see PartTag in src/model/part.ts). */
      tags: z.array(z.string()),
    }),
  ),
});

export const stepReportSchema = z.strictObject({
  name: z.string(),
  action: z.string(),
  startedAt: z.number().nonnegative(),
  endedAt: z.number().nonnegative(),
  failedRequests: z.number().int().nonnegative(),
  adminDowntimeSeconds: z.number().nonnegative(),
  outcome: z.string(),
  /** How much later than its `at` the step started, because the step before it ran past that time. */
  startedLateBySeconds: z.number().positive().optional(),
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
  services: z.record(z.string(), serviceReportSchema),
  admin: z.strictObject({ downtimeSeconds: z.number().nonnegative() }),
  data: z.strictObject({
    acknowledgedWrites: z.number().int().nonnegative(),
    lostWrites: z.number().int().nonnegative(),
    splitBrain: z.boolean(),
  }),
  parts: z.record(z.string(), partReportSchema),
  steps: z.array(stepReportSchema),
  checks: z.array(checkResultSchema),
  ok: z.boolean(),
});

export type Report = z.infer<typeof reportSchema>;
export type ServiceReport = z.infer<typeof serviceReportSchema>;
export type PartReport = z.infer<typeof partReportSchema>;
export type StepReport = z.infer<typeof stepReportSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
