import type { Vm } from '../../model/vm.ts';
import type { VmHost } from '../../model/vmHost.ts';
import type { WebServer } from '../../model/webServer.ts';
import type { EstateRuntime } from '../run/estateRuntime.ts';
import { refuse } from './types.ts';
import type { Refusal } from './types.ts';

/**
 * The parts a step names, found in the running estate. Validation already checked that they
 * exist, so a miss here is refused with the name rather than trusted.
 */
export function vmOf(estate: EstateRuntime, id: string): Vm | Refusal {
  return estate.vms.get(id) ?? refuse(`no VM "${id}"`);
}

export function hostOf(estate: EstateRuntime, id: string): VmHost | Refusal {
  return estate.hosts.get(id) ?? refuse(`no VM host "${id}"`);
}

export function webServerOf(estate: EstateRuntime, machineId: string): WebServer | Refusal {
  return estate.webServers.get(machineId) ?? refuse(`no web server on "${machineId}"`);
}
