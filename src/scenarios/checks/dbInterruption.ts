import { checkObject, duration, refersToNothing } from './common.ts';
import { defineCheck } from './types.ts';

export const dbInterruption = defineCheck({
  metric: 'db-interruption',
  schema: checkObject(
    'db-interruption',
    duration(),
    {},
    'The longest single time the web servers could not reach a writable MySQL primary.',
  ),
  unit: 'ms',
  doc:
    'The longest single stretch during which the web servers had no writable MySQL primary to ' +
    "reach (a failover's read-only window, a crashed primary), as the seeds measured a planned " +
    'failover ("<5s"). One still open at the end of the run counts up to the end.',
  crossCheck: refersToNothing,
  measure: (_check, measurements) => ({ value: measurements.dbInterruptionLongestMs }),
});
