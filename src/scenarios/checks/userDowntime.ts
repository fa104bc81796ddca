import { checkObject, duration, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

const SECOND_MS = 1000;

export const userDowntime = defineCheck({
  metric: 'user-downtime',
  schema: checkObject(
    'user-downtime',
    duration(),
    { service },
    'Time during which public requests fail or time out at the edge.',
  ),
  unit: 'ms',
  doc:
    'Whole seconds during which users could not use a service. For www, a second counts when no ' +
    'CDN node could have routed a public request to a backend that would answer (a probe each ' +
    'second), or when at least half of the requests users made in it failed or timed out. For ' +
    'admin, a second counts when an admin could not reach the admin side with a writable MySQL ' +
    'primary behind it. A service nobody used is not measured: its downtime would prove nothing.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    if ('missing' in report) return report;
    if (report.requests === 0) return { missing: 'nobody used the service, so its downtime proves nothing' };
    return { value: report.downtimeSeconds * SECOND_MS };
  },
});
