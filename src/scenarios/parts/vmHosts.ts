import { VmHost, vmHostCrashRule } from '../../model/vmHost.ts';
import { MS_PER_YEAR } from '../../sim/time.ts';
import {
  eventsPerMs,
  partsById,
  positiveBitsPerSecond,
  reference,
  sizeBytes,
  strictObject,
  wholeNumber,
} from '../schema/common.ts';
import type { PartKind } from './types.ts';

// --- Spec ---

/** A size above zero: memory that holds anything (VmHost and the live migration refuse zero). */
export function positiveSizeBytes(description: string) {
  return sizeBytes(description).refine((bytes) => bytes > 0, { error: 'a size above zero, such as 4GB' });
}

export const vmHostSchema = strictObject(
  {
    site: reference('a site'),
    cores: wholeNumber('Physical cores offered to VMs.', 1),
    ram: positiveSizeBytes('Memory offered to VMs'),
    nic: positiveBitsPerSecond('Network interface speed').optional(),
    spontaneousReboots: eventsPerMs(
      'How often it reboots by itself; the old HEX host did "once or twice a year"',
    ).optional(),
    spontaneousPowerOffs: eventsPerMs('How often it switches itself off and stays off').optional(),
  },
  'A physical machine that runs VMs.',
);

export const vmHostsFields = { hosts: partsById(vmHostSchema, 'VM hosts.') };

// --- Kind ---

/** Physical machines that run VMs, each on its own segment of its site; a host crashes when it goes down from serving. */
export const vmHostsKind: PartKind = {
  label: 'VM host',
  crashRule: vmHostCrashRule,
  build({ context, scenario, network, hosts }) {
    for (const [id, host] of Object.entries(scenario.estate.hosts)) {
      network.addSegment({ id, siteId: host.site });
      hosts.set(
        id,
        new VmHost(context, {
          id,
          siteId: host.site,
          cores: host.cores,
          ramBytes: host.ram,
          ...(host.nic === undefined ? {} : { nicBitsPerSecond: host.nic }),
          spontaneousRebootsPerYear: (host.spontaneousReboots ?? 0) * MS_PER_YEAR,
        }),
      );
    }
  },
};
