import { oneOf } from '../schema/common.ts';
import { checkObject, duration, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

export const latency = defineCheck({
  metric: 'latency',
  schema: checkObject(
    'latency',
    duration(),
    { service, percentile: oneOf(['p50', 'p95', 'p99'], 'Which percentile of response time.') },
    'A percentile of public response time.',
  ),
  unit: 'ms',
  doc:
    "A percentile (p50, p95 or p99) of the response time of a service's requests that were " +
    'answered or timed out; refused requests have no response time.' +
    ' A run in which no request was answered or timed out has nothing to measure.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    if ('missing' in report) return report;
    // Failed requests have no latency; if nothing was answered or timed out, nothing was measured.
    if (report.requests - report.failed === 0) return { missing: 'no request was answered or timed out' };
    return { value: report.latencyMs[check.percentile] };
  },
});
