import { z } from 'zod';
import { PLAN_ACTIONS, STEP_SCHEMAS } from '../actions/registry.ts';
import type { PlanAction } from '../actions/registry.ts';

/**
 * The runbook: steps run in order. Each action's schema lives with everything else about it in
 * src/scenarios/actions/; the union here is derived from the registry.
 */

export { PLAN_ACTIONS };
export type { PlanAction };

export const planStepSchema = z
  .discriminatedUnion('action', STEP_SCHEMAS, {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `an action: one of ${PLAN_ACTIONS.map((action) => `"${action}"`).join(', ')}`
        : undefined,
  })
  .describe('One step of the runbook.');

export const planSchema = z
  .array(planStepSchema, { error: 'a list of steps' })
  .describe('The runbook: steps in order.');

export type PlanStep = z.output<typeof planStepSchema>;
export type Plan = z.output<typeof planSchema>;
export type PlanStepOf<Action extends PlanAction> = Extract<PlanStep, { action: Action }>;
