import { Vm, vmCrashRule } from '../../model/vm.ts';
import {
  addressSchema,
  oneOf,
  partsById,
  reference,
  sizeBytes,
  strictObject,
  wholeNumber,
} from '../schema/common.ts';
import type { PartKind } from './types.ts';
import { partOf } from './types.ts';
import { positiveSizeBytes } from './vmHosts.ts';
import { webServerSchema } from './webServers.ts';

// --- Spec ---

export const vmRoles = ['web-primary', 'web-secondary', 'db', 'other'] as const;

export const vmSchema = strictObject(
  {
    host: reference('a VM host'),
    cores: wholeNumber('Virtual cores.', 1),
    ram: positiveSizeBytes('Memory'),
    disk: sizeBytes('Disk image size; a move copies it'),
    role: oneOf(
      vmRoles,
      'web-primary also runs the admin side and rsyncs uploads to the others; web-secondary serves the public only.',
    ),
    address: addressSchema,
    initially: oneOf(
      ['running', 'off'],
      'State at the start of the run; "off" for a VM a step will bring up.',
    ).optional(),
    web: webServerSchema.optional(),
  },
  'A virtual machine.',
);

export const vmsFields = { vms: partsById(vmSchema, 'Virtual machines.') };

// --- Kind ---

/**
 * Virtual machines, already running unless the scenario says they are off. A VM crashes when it
 * stops abruptly (see vmCrashRule; the report leaves out hard shutdowns the plan asked for).
 */
export const vmsKind: PartKind = {
  label: 'VM',
  crashRule: vmCrashRule,
  build({ context, scenario, network, hosts, vms }) {
    for (const [id, spec] of Object.entries(scenario.estate.vms)) {
      const host = partOf(hosts, spec.host, 'VM host');
      vms.set(
        id,
        new Vm(context, network, host, {
          id,
          cores: spec.cores,
          ramBytes: spec.ram,
          diskBytes: spec.disk,
          address: spec.address,
          initiallyRunning: spec.initially !== 'off',
        }),
      );
    }
  },
};
