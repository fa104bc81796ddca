import type { PathSegment } from '../errors.ts';
import type { IssueList } from '../crossCheck/issues.ts';
import { keysOf } from '../crossCheck/issues.ts';
import type { Estate } from '../schema/estate.ts';
import { formatSize } from '../units.ts';

/**
 * The estate as the runbook would leave it after each step, so a step is checked against the
 * estate as the earlier steps left it: you cannot fail over to a VM that is not yet a replica,
 * start a VM that is running, or move a VM onto a host it no longer fits.
 */
export interface EstateAsPlanned {
  hostOf: Map<string, string>;
  coresOf: Map<string, number>;
  ramOf: Map<string, number>;
  running: Set<string>;
  primary: string;
  replicas: Set<string>;
  backends: Set<string>;
}

export function plannedEstate(estate: Estate): EstateAsPlanned {
  const vms = Object.entries(estate.vms);
  return {
    hostOf: new Map(vms.map(([id, vm]) => [id, vm.host])),
    coresOf: new Map(vms.map(([id, vm]) => [id, vm.cores])),
    ramOf: new Map(vms.map(([id, vm]) => [id, vm.ram])),
    running: new Set(vms.filter(([, vm]) => vm.initially !== 'off').map(([id]) => id)),
    primary: estate.mysql.primary,
    replicas: new Set(estate.mysql.replicas),
    backends: new Set(keysOf(estate.cdn.backends)),
  };
}

/** What a step naming a replica expected, listing the replicas there are at that step. */
export function replicaList(state: EstateAsPlanned): string {
  return state.replicas.size === 0
    ? 'a replica, but there is none at this step (add one with add-replica)'
    : `one of the replicas then: ${[...state.replicas].join(', ')}`;
}

/** Reports a host whose VMs, as planned, need more cores or RAM than it has. */
export function checkHostFits(
  hostId: string,
  path: readonly PathSegment[],
  state: EstateAsPlanned,
  estate: Estate,
  issues: IssueList,
): void {
  const host = estate.hosts[hostId];
  if (host === undefined) return;
  const onHost = [...state.hostOf].filter(([, on]) => on === hostId).map(([vm]) => vm);
  const cores = onHost.reduce((sum, vm) => sum + (state.coresOf.get(vm) ?? 0), 0);
  const ramBytes = onHost.reduce((sum, vm) => sum + (state.ramOf.get(vm) ?? 0), 0);
  if (cores > host.cores) {
    issues.add(
      path,
      `${hostId} needing ${cores} cores for ${onHost.join(', ')}`,
      `at most its ${host.cores} cores`,
    );
  }
  if (ramBytes > host.ram) {
    issues.add(
      path,
      `${hostId} needing ${formatSize(ramBytes)} of RAM for ${onHost.join(', ')}`,
      `at most its ${formatSize(host.ram)}`,
    );
  }
}
