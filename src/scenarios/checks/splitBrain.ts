import { checkObject, duration, refersToNothing } from './common.ts';
import { defineCheck } from './types.ts';

export const splitBrain = defineCheck({
  metric: 'split-brain',
  schema: checkObject(
    'split-brain',
    duration(),
    {},
    'Time during which two MySQL primaries accepted writes at once.',
  ),
  unit: 'ms',
  doc:
    'How long two MySQL servers both accepted writes as primary, probed once a second; a split ' +
    'brain shorter than a probe interval that still took writes counts as 1 ms, so `max: 0` ' +
    'catches it.',
  crossCheck: refersToNothing,
  measure: (_check, measurements) => ({ value: measurements.splitBrainMs }),
});
