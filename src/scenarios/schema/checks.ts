import { z } from 'zod';
import { SERVICES } from '../checks/common.ts';
import { CHECK_METRICS, checkSchemas } from '../checks/registry.ts';

/**
 * Checks: a measured quantity and its bounds. Every check has a `name`, the report gives its
 * `actual`, and `min` and/or `max` make the limit — `max` for "at most" (no user downtime), `min` for
 * "at least" when a scenario's point is that something does happen (the SD-root Pis crash), both
 * for a window (critical temperature 5 h to 7 h after the fans fail). Bounds are inclusive. The
 * kinds are defined one module each in src/scenarios/checks/; this union derives from their registry.
 */

export { CHECK_METRICS, SERVICES };
export type { CheckMetric } from '../checks/registry.ts';
export type { Service } from '../checks/common.ts';

export const checkSchema = z
  .discriminatedUnion('check', checkSchemas(), {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `a check: one of ${CHECK_METRICS.map((metric) => `"${metric}"`).join(', ')}`
        : undefined,
  })
  .describe('A measured quantity and its bounds.');

export const checksSchema = z
  .array(checkSchema, { error: 'a list of checks' })
  .describe('What must hold for the run to pass.');

export type Check = z.output<typeof checkSchema>;
