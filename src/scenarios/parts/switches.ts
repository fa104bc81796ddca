import { z } from 'zod';
import { NetworkSwitch, SWITCH_PORTS_MAX } from '../../model/networkSwitch.ts';
import {
  partsById,
  positiveBitsPerSecond,
  reference,
  strictObject,
  watts,
  wholeNumber,
} from '../schema/common.ts';
import type { PartKind } from './types.ts';

// --- Spec ---

/** A switch port as the model numbers them, from 1 on the front panel. */
export function switchPort(description: string) {
  return wholeNumber(description, 1, SWITCH_PORTS_MAX);
}

const vlanId = wholeNumber('A VLAN id.', 1, 4094);

export const switchPortSchema = strictObject(
  {
    untaggedVlan: vlanId.optional().describe('Untagged VLAN: the per-Pi private storage network.'),
    taggedVlans: z
      .array(vlanId, { error: 'a list of VLAN ids' })
      .optional()
      .describe('Tagged VLANs, e.g. [131] for the public network.'),
    poe: z
      .boolean({ error: 'true or false' })
      .optional()
      .describe('Power over Ethernet on this port; lets a step power-cycle the Pi.'),
  },
  'A switch port.',
);

export const switchSchema = strictObject(
  {
    site: reference('a site'),
    portSpeed: positiveBitsPerSecond('Speed of each port'),
    poeBudget: watts('Total PoE power the switch can supply').optional(),
    ports: z
      .record(
        z
          .string()
          .regex(/^[1-9]\d{0,2}$/, { error: `a port number from 1 to ${SWITCH_PORTS_MAX}, such as 1 or 24` })
          .refine((port) => Number(port) <= SWITCH_PORTS_MAX, {
            error: `a port number from 1 to ${SWITCH_PORTS_MAX}, such as 1 or 24`,
          }),
        switchPortSchema,
      )
      .describe('Configured ports, keyed by port number.'),
  },
  'A managed switch.',
);

export const switchesFields = { switches: partsById(switchSchema, 'Switches.').optional() };

/** Where the machines on a switch sit on the network. */
export function switchSegmentId(switchId: string): string {
  return `switch@${switchId}`;
}

// --- Kind ---

/**
 * Managed switches, each on a segment of its site, with as many ports as the highest one
 * configured (at least 24). Ports are configured as the Pis are plugged in (the Pi kind). A switch
 * loses power by fault; it does not count crashes.
 */
export const switchesKind: PartKind = {
  label: 'switch',
  crashRule: 'none',
  build({ context, scenario, network, switches }) {
    for (const [id, spec] of Object.entries(scenario.estate.switches ?? {})) {
      network.addSegment({ id: switchSegmentId(id), siteId: spec.site });
      const portCount = Math.max(24, ...Object.keys(spec.ports).map(Number));
      switches.set(
        id,
        new NetworkSwitch(context, id, {
          portCount,
          ...(spec.poeBudget === undefined ? {} : { poeBudgetWatts: spec.poeBudget }),
        }),
      );
    }
  },
};
