import { checkObject, count, refersToNothing } from './common.ts';
import { defineCheck } from './types.ts';

export const lostWrites = defineCheck({
  metric: 'lost-writes',
  schema: checkObject(
    'lost-writes',
    count('Writes'),
    {},
    'Writes acknowledged to a user that are missing from the primary after a failover.',
  ),
  unit: 'count',
  doc:
    'Writes MySQL acknowledged to a user that the primary no longer holds: those a replica had ' +
    'not received when it was promoted, or those a former primary took during a split brain and ' +
    'discarded when it rejoined as a replica.',
  crossCheck: refersToNothing,
  measure: (_check, measurements) => ({ value: measurements.lostWrites }),
});
