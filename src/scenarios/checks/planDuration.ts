import { checkObject, duration, refersToNothing } from './common.ts';
import { defineCheck } from './types.ts';

export const planDuration = defineCheck({
  metric: 'plan-duration',
  schema: checkObject(
    'plan-duration',
    duration(),
    {},
    'From the start of the first plan step to the end of the last.',
  ),
  unit: 'ms',
  doc:
    'From the start of the first plan step to the end of the last: how long the runbook took. A ' +
    'plan that did not finish within the run is not measured.',
  crossCheck: refersToNothing,
  measure(_check, measurements) {
    const { planStartMs, planEndMs } = measurements;
    if (planStartMs === undefined || planEndMs === undefined) return { missing: 'the plan did not finish' };
    return { value: planEndMs - planStartMs };
  },
});
