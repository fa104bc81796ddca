import { MysqlCluster } from '../../model/mysqlCluster.ts';
import { z } from 'zod';
import { positiveBitsPerSecond, reference, strictObject } from '../schema/common.ts';
import type { EstateBuild, PartKind } from './types.ts';
import { mysqlOf, partOf } from './types.ts';

// --- Spec ---

export const mysqlSchema = strictObject(
  {
    primary: reference('the VM running the writable MySQL primary'),
    replicas: z
      .array(reference('a VM running a MySQL replica'), { error: 'a list of VM ids' })
      .describe('Replicas at the start.'),
    replicationBandwidth: positiveBitsPerSecond('How fast a new replica is seeded within a site').optional(),
  },
  'MySQL: one writable primary and asynchronous replicas.',
);

export const mysqlFields = { mysql: mysqlSchema };

/** The MySQL server on a VM is a part of its own, named after the VM. */
export function mysqlServerId(vmId: string): string {
  return `${vmId}/mysql`;
}

// --- Kind ---

/**
 * MySQL on its VMs: a writable primary and replicas found caught up. Its servers do not count
 * crashes: a server stops when its VM does, and the VM's crash is the one counted.
 */
export const mysqlKind: PartKind = {
  label: 'MySQL server',
  crashRule: 'none',
  build(build) {
    const { context, scenario, network, vms, engine } = build;
    const { mysql } = scenario.estate;
    const primaryVm = partOf(vms, mysql.primary, 'VM');
    const cluster = new MysqlCluster(
      context,
      network,
      { id: mysqlServerId(primaryVm.id), location: () => primaryVm.location() },
      mysql.replicationBandwidth === undefined
        ? {}
        : { seedBitsPerSecondWithinSite: mysql.replicationBandwidth },
    );
    for (const replicaId of mysql.replicas) {
      const vm = partOf(vms, replicaId, 'VM');
      cluster.attachReplica({ id: mysqlServerId(vm.id), location: () => vm.location() });
    }
    engine.setDatabase(cluster);
    build.mysql = cluster;
  },
  wire: followVms,
};

/**
 * MySQL runs on its VM: it stops when the VM stops, and a primary comes back as primary when its VM
 * boots again (which is how a reboot without a failover heals itself). A server that was demoted or
 * replaced waits for a plan step to make it a replica.
 */
function followVms(build: EstateBuild): void {
  const mysql = mysqlOf(build);
  for (const [vmId, vm] of build.vms) {
    const serverId = mysqlServerId(vmId);
    const follow = (): void => {
      if (!mysql.serverIds().includes(serverId)) return;
      const stopped = mysql.serverTags(serverId).has('down');
      if (!vm.isServing()) {
        if (!stopped) mysql.crash(serverId);
      } else if (vm.isAccepting() && stopped && mysql.primary === serverId) {
        mysql.restart(serverId, 'primary');
      }
    };
    vm.onChange(follow);
    // A server whose VM is off when the run starts is down from the start.
    follow();
  }
}
