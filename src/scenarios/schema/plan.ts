import { z } from 'zod';
import {
  addressSchema,
  durationMs,
  oneOf,
  reference,
  sizeBytes,
  strictObject,
  text,
  wholeNumber,
} from './common.ts';

/**
 * The runbook: steps run in order. A step starts at its `at` time, or when the previous step
 * ends. How long it takes comes from the model (copying a disk takes what its size and the link
 * allow) unless the step gives a `duration`.
 */

const stepTiming = {
  name: text('What the step is called in the report, e.g. "Move web2 to the new HEX host".'),
  at: durationMs(
    'Start at this time from the beginning of the run, instead of after the previous step',
  ).optional(),
  duration: durationMs('How long the step takes, instead of what the model computes').optional(),
};

function step<Action extends string, Shape extends z.core.$ZodLooseShape>(
  action: Action,
  shape: Shape,
  description: string,
) {
  return strictObject({ action: z.literal(action), ...stepTiming, ...shape }, description);
}

export const PLAN_ACTIONS = [
  'add-replica',
  'wait-for-catch-up',
  'failover',
  'drain',
  'shutdown',
  'move-vm',
  'start',
  'update-cdn',
  'power-cycle',
  'scale-vm',
  'wait',
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const planStepSchema = z
  .discriminatedUnion(
    'action',
    [
      step(
        'add-replica',
        {
          vm: reference('the VM to make a MySQL replica (started first if off)'),
          of: reference('the VM running the primary; by default the current primary').optional(),
        },
        'Configure a VM as a MySQL replica; a brief interruption while the primary is locked for the snapshot.',
      ),
      step(
        'wait-for-catch-up',
        {
          replica: reference('a VM running a MySQL replica'),
          maxLag: durationMs('Lag at which the replica counts as caught up; by default none').optional(),
        },
        "Wait until a replica has applied the primary's writes.",
      ),
      step(
        'failover',
        {
          to: reference('the replica VM to promote'),
          mode: oneOf(
            ['planned', 'crash'],
            'planned: writes stop, the replica catches up, then is promoted; crash: promoted as it is.',
          ),
        },
        'Make a replica the MySQL primary and point the web servers at it.',
      ),
      step(
        'drain',
        { backend: reference('a CDN backend (the VM or Pi running it)') },
        "Set a backend's weight to 0 and wait for its requests in flight to finish.",
      ),
      step(
        'shutdown',
        {
          vm: reference('a VM'),
          mode: oneOf(['graceful', 'hard'], 'graceful: finish requests in flight; hard: drop them.'),
        },
        'Shut a VM down.',
      ),
      step(
        'move-vm',
        {
          vm: reference('a VM'),
          to: reference('a VM host'),
          address: addressSchema
            .optional()
            .describe(
              "New address when the host is in another site; by default one from that site's prefix.",
            ),
        },
        'Copy a VM to another host: a running VM is stopped, copied and started again, one that is off stays off; another site means a new address.',
      ),
      step('start', { vm: reference('a VM') }, 'Boot a VM that is off.'),
      step(
        'update-cdn',
        {
          backend: reference('the VM or Pi running a web server'),
          weight: z
            .number({ error: 'a weight, a number ≥ 0' })
            .min(0, { error: 'a weight, a number ≥ 0' })
            .optional()
            .describe('New weight; by default unchanged (or 1 for a new backend).'),
          address: addressSchema
            .optional()
            .describe("Address to send to; by default the machine's current address."),
        },
        "Tell the CDN a backend's address or weight, adding the backend if it is new.",
      ),
      step(
        'power-cycle',
        { pi: reference('a Raspberry Pi on a PoE port') },
        "Turn a Pi's PoE port off and on again; the Pi netboots.",
      ),
      step(
        'scale-vm',
        {
          vm: reference('a VM'),
          cores: wholeNumber('New number of virtual cores.', 1).optional(),
          ram: sizeBytes('New memory size').optional(),
        },
        'Resize a VM (the seeds: 4× RAM and 2× cores in 30 s).',
      ),
      strictObject(
        {
          action: z.literal('wait'),
          name: stepTiming.name,
          at: stepTiming.at,
          duration: durationMs('How long to wait'),
        },
        'Do nothing for a while, e.g. to watch the estate settle.',
      ),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `an action: one of ${PLAN_ACTIONS.map((action) => `"${action}"`).join(', ')}`
          : undefined,
    },
  )
  .describe('One step of the runbook.');

export const planSchema = z
  .array(planStepSchema, { error: 'a list of steps' })
  .describe('The runbook: steps in order.');

export type PlanStep = z.output<typeof planStepSchema>;
export type Plan = z.output<typeof planSchema>;
export type PlanStepOf<Action extends PlanAction> = Extract<PlanStep, { action: Action }>;
