import { checkObject, count, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

export const timedOutRequests = defineCheck({
  metric: 'timed-out-requests',
  schema: checkObject(
    'timed-out-requests',
    count('Requests'),
    { service },
    'Public requests that timed out.',
  ),
  unit: 'count',
  doc:
    'How many requests of a service timed out (the user gave up waiting) rather than being refused: ' +
    'the mark of an overloaded server rather than a missing one.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    return 'missing' in report ? report : { value: report.timedOut };
  },
});
