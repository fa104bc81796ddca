import { z } from 'zod';
import { durationMs, eventsPerMs, idSchema, reference, strictObject, wholeNumber } from './common.ts';

/**
 * Faults: things that happen to the estate that nobody planned. Each is either scheduled (`at`) or
 * random (`rate`, a hazard drawn from the scenario's seed) — exactly one of the two.
 */

const faultTiming = {
  name: idSchema.optional().describe('An id a check can measure from (time-to-temperature `since`).'),
  at: durationMs('When it happens, from the start of the run').optional(),
  rate: eventsPerMs('How often it happens at random').optional(),
};

function fault<Kind extends string, Shape extends z.core.$ZodLooseShape>(
  kind: Kind,
  shape: Shape,
  description: string,
) {
  return strictObject({ kind: z.literal(kind), ...faultTiming, ...shape }, description);
}

export const FAULT_KINDS = [
  'host-reboot',
  'host-power-off',
  'vm-crash',
  'fan-failure',
  'netboot-stall',
  'sd-failure',
  'link-down',
  'replication-delay',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const lasting = (what: string) => durationMs(`How long ${what} lasts`);

export const faultSchema = z
  .discriminatedUnion(
    'kind',
    [
      fault(
        'host-reboot',
        { target: reference('a VM host') },
        'A VM host reboots by itself; its VMs stop and boot again.',
      ),
      fault(
        'host-power-off',
        { target: reference('a VM host'), duration: lasting('the outage').optional() },
        'A VM host switches itself off and stays off (for the duration, if given).',
      ),
      fault('vm-crash', { target: reference('a VM') }, 'A VM crashes and boots again.'),
      fault(
        'fan-failure',
        { target: reference('a shelf'), fans: wholeNumber('How many of its fans fail.', 1) },
        'Fans on a shelf stop; the Pis warm up.',
      ),
      fault(
        'netboot-stall',
        { target: reference('a Raspberry Pi'), duration: lasting('the stall') },
        'A Pi\'s netboot stalls (the seeds saw it "occasionally stopping").',
      ),
      fault('sd-failure', { target: reference('a Raspberry Pi') }, "A Pi's SD card dies."),
      fault(
        'replication-delay',
        {
          target: reference('a VM running a MySQL replica (or one a step will make a replica)'),
          delay: durationMs('How far behind the primary the replica falls'),
          duration: lasting('the slowdown').optional(),
        },
        "A replica's SQL thread falls behind (a replay after seeding, a long query): writes reach it late.",
      ),
      fault(
        'link-down',
        { target: reference('a site link'), duration: lasting('the outage') },
        'A link between sites goes down.',
      ),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `a fault kind: one of ${FAULT_KINDS.map((kind) => `"${kind}"`).join(', ')}`
          : undefined,
    },
  )
  .describe('A fault, scheduled (at) or random (rate).');

export const faultsSchema = z.array(faultSchema, { error: 'a list of faults' }).describe('Faults to inject.');

export type Fault = z.output<typeof faultSchema>;
