import { oneOf } from '../schema/common.ts';
import { checkObject, count, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

export const failedRequests = defineCheck({
  metric: 'failed-requests',
  schema: checkObject(
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
  unit: 'count',
  doc:
    'How many requests of a service failed or timed out over the whole run: all of them, only the ' +
    'reads (page views and assets) or only the writes (comments, admin, uploads), the ones whose ' +
    'loss a user notices most.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    if ('missing' in report) return report;
    const all = report.failed + report.timedOut;
    if (check.requests === 'writes') return { value: report.failedWrites };
    if (check.requests === 'reads') return { value: all - report.failedWrites };
    return { value: all };
  },
});
