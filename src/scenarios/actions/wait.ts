import { durationMs, strictObject } from '../schema/common.ts';
import { stepTiming } from './stepSchema.ts';
import { z } from 'zod';
import { ENDS_AT_ONCE, defineAction } from './types.ts';

export const waitAction = defineAction({
  kind: 'wait',
  // The one step whose duration is what it is, so it is required and means no other thing.
  schema: strictObject(
    {
      action: z.literal('wait'),
      name: stepTiming.name,
      at: stepTiming.at,
      duration: durationMs('How long to wait'),
    },
    'Do nothing for a while, e.g. to watch the estate settle.',
  ),
  doc:
    'Does nothing for `duration`: an operator watching the estate settle between stages, or ' +
    'the pause a runbook leaves before its next step. It is never refused.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration,
  plan: () => undefined,
  begin: () => ENDS_AT_ONCE,
});
