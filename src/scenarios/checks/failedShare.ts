import { fraction } from '../schema/common.ts';
import { checkObject, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

export const failedShare = defineCheck({
  metric: 'failed-share',
  schema: checkObject(
    'failed-share',
    fraction('A share of requests'),
    { service },
    'Share of public requests that failed or timed out.',
  ),
  unit: 'fraction',
  doc:
    "The share of a service's requests that failed or timed out over the run, the figure a launch " +
    'is judged by when some loss under a crowd is expected. A run in which nobody used the service ' +
    'has no share to measure.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    if ('missing' in report) return report;
    if (report.requests === 0) return { missing: 'no requests, so no share of them' };
    return { value: (report.failed + report.timedOut) / report.requests };
  },
});
