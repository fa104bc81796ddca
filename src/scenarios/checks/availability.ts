import { durationMs, fraction } from '../schema/common.ts';
import { checkObject, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

export const availability = defineCheck({
  metric: 'availability',
  schema: checkObject(
    'availability',
    fraction('A share of requests'),
    {
      service,
      latencyObjective: durationMs(
        "A request counts when answered within this; default the scenario's slo.latencyObjective",
      ).optional(),
    },
    'Share of requests answered within the latency objective.',
  ),
  unit: 'fraction',
  doc:
    "The share of a service's requests that were answered within the latency objective (the " +
    "check's `latencyObjective`, else the scenario's `slo.latencyObjective`, else the request " +
    'timeout): failed and timed-out requests and slow answers all count against it. A run in ' +
    'which nobody used the service has no share to measure.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    if ('missing' in report) return report;
    if (report.requests === 0) return { missing: 'no requests, so no share of them' };
    if (check.latencyObjective === undefined) return { value: report.availability };
    return { value: measurements.availability(check.service ?? 'www', check.latencyObjective) };
  },
});
