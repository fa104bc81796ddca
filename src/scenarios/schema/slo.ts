import { durationMs, fraction, strictObject } from './common.ts';
import type { z } from 'zod';

/**
 * The service-level objectives a scenario's measures use (README, "Service-level measures"): a
 * second is down when more than `errorThreshold` of the public requests made in it failed or timed
 * out, and a request counts as available when answered within `latencyObjective`.
 */
export const sloSchema = strictObject(
  {
    errorThreshold: fraction(
      'A second is down when more than this share of its public requests failed or timed out; default 1%',
    ).optional(),
    latencyObjective: durationMs(
      "A request is available when answered within this; default the workload's request timeout",
    ).optional(),
  },
  'Service-level objectives for downtime and availability.',
);

export type SloInput = z.output<typeof sloSchema>;

/**
 * The default error threshold: 1 % (assumed: a common service-level objective; the seed posts give
 * none). The latency objective defaults to the request timeout, when a user gives up.
 */
export const ERROR_THRESHOLD_DEFAULT = 0.01;

/** The objectives with their defaults filled in. */
export interface Slo {
  errorThresholdShare: number;
  latencyObjectiveMs: number;
}

export function sloOf(input: SloInput | undefined, requestTimeoutMs: number): Slo {
  return {
    errorThresholdShare: input?.errorThreshold ?? ERROR_THRESHOLD_DEFAULT,
    latencyObjectiveMs: input?.latencyObjective ?? requestTimeoutMs,
  };
}
