import { checkObject, duration, refersToNothing } from './common.ts';
import { defineCheck } from './types.ts';

export const adminDowntime = defineCheck({
  metric: 'admin-downtime',
  schema: checkObject('admin-downtime', duration(), {}, 'Time during which the admin side is unavailable.'),
  unit: 'ms',
  doc:
    'Whole seconds during which an admin could not use the admin side: no CDN node would route an ' +
    'admin request to a backend that accepts it, or no writable MySQL primary was there. Probed ' +
    'once a second, since admin requests are too few to tell.',
  crossCheck: refersToNothing,
  measure: (_check, measurements) => ({ value: measurements.adminDowntimeMs }),
});
