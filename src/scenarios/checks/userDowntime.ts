import { fraction } from '../schema/common.ts';
import { checkObject, duration, refersToNothing, service, serviceOf } from './common.ts';
import { defineCheck } from './types.ts';

const SECOND_MS = 1000;

export const userDowntime = defineCheck({
  metric: 'user-downtime',
  schema: checkObject(
    'user-downtime',
    duration(),
    {
      service,
      errorThreshold: fraction(
        "A second is down when more than this share of its requests failed or timed out; default the scenario's slo",
      ).optional(),
    },
    'Time during which public requests fail or time out at the edge.',
  ),
  unit: 'ms',
  doc:
    'Whole seconds during which users could not use a service (downSeconds). For www, a second ' +
    'counts when no CDN node could have routed a public request to a backend that would answer (a ' +
    "probe each second), or when more than the error threshold (the check's `errorThreshold`, else " +
    "the scenario's `slo.errorThreshold`, else 1 %) of the requests users made in it failed or " +
    'timed out. For ' +
    'admin, a second counts when an admin could not reach the admin side with a writable MySQL ' +
    'primary behind it. A service nobody used is not measured: its downtime would prove nothing.',
  crossCheck: refersToNothing,
  measure(check, measurements) {
    const report = serviceOf(measurements, check.service);
    if ('missing' in report) return report;
    if (report.requests === 0) return { missing: 'nobody used the service, so its downtime proves nothing' };
    if (check.errorThreshold === undefined) return { value: report.downSeconds * SECOND_MS };
    return { value: measurements.downSeconds(check.service ?? 'www', check.errorThreshold) * SECOND_MS };
  },
});
