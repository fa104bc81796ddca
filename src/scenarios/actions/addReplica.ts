import type { Vm } from '../../model/vm.ts';
import { mysqlServerId } from '../run/estateRuntime.ts';
import type { EstateRuntime } from '../run/estateRuntime.ts';
import { reference } from '../schema/common.ts';
import { vmOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal, refuse } from './types.ts';
import type { Refusal } from './types.ts';

export const addReplicaAction = defineAction({
  kind: 'add-replica',
  schema: stepSchema(
    'add-replica',
    {
      vm: reference('the VM to make a MySQL replica (started first if off)'),
      of: reference('the VM running the primary; by default the current primary').optional(),
    },
    'Configure a VM as a MySQL replica; a brief interruption while the primary is locked for the snapshot.',
  ),
  doc:
    'Makes MySQL on a database VM a replica of the primary. A VM that is off is booted first. A ' +
    'new replica is seeded from a snapshot: the primary is locked briefly, then the data is copied ' +
    'over the site network or the link between sites, and the step ends when the replica ' +
    'replicates. A demoted former primary, or a stopped server, rejoins as a replica instead. ' +
    'Refused when `of` is not the primary then, when the primary is not writable, or when MySQL on ' +
    'the VM is in a state that cannot become a replica.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, estate, state, vmKnown }) {
    if (!vmKnown('vm', step.vm)) return;
    if (estate.vms[step.vm]?.role !== 'db')
      issues.add([...path, 'vm'], `"${step.vm}", a VM whose role is not db`, 'a VM with role db');
    if (step.vm === state.primary || state.replicas.has(step.vm)) {
      issues.add(
        [...path, 'vm'],
        `"${step.vm}", already ${step.vm === state.primary ? 'the primary' : 'a replica'}`,
        'a VM not yet in the MySQL topology',
      );
    }
    if (step.of !== undefined && vmKnown('of', step.of) && step.of !== state.primary) {
      issues.add(
        [...path, 'of'],
        `"${step.of}", not the primary at this step`,
        `"${state.primary}", the primary then`,
      );
    }
    state.replicas.add(step.vm);
    state.running.add(step.vm);
  },
  begin(step, { estate }) {
    const target = vmOf(estate, step.vm);
    if (isRefusal(target)) return target;
    const { mysql } = estate;
    if (step.of !== undefined && mysql.primary !== mysqlServerId(step.of))
      return refuse(`${step.of} is not the MySQL primary (${mysql.primary} is)`);
    // A VM that is off is started first; MySQL is configured once it runs.
    if (target.state === 'stopped') {
      const refusal = target.whyNot('start');
      if (refusal !== undefined) return refuse(refusal);
      target.start();
    }
    let configured = false;
    return {
      until: () => {
        if (!target.isAccepting()) return false;
        if (!configured) {
          const refusal = configureReplica(estate, target, step.vm);
          if (refusal !== undefined) return refusal;
          configured = true;
        }
        return mysql.serverState(mysqlServerId(step.vm)) === 'replicating';
      },
    };
  },
});

/** Seeds a new replica, or brings back a demoted or stopped server as one. */
function configureReplica(estate: EstateRuntime, target: Vm, vmId: string): Refusal | undefined {
  const { mysql } = estate;
  const serverId = mysqlServerId(vmId);
  if (!mysql.serverIds().includes(serverId)) {
    const primaryState = mysql.serverState(mysql.primary);
    if (primaryState !== 'primary.writable')
      return refuse(`MySQL: cannot seed ${serverId}, primary ${mysql.primary} is ${primaryState}`);
    mysql.addReplica({ id: serverId, location: () => target.location() });
    return undefined;
  }
  const state = mysql.serverState(serverId);
  if (state === 'demoted') mysql.reconfigureAsReplica(serverId);
  else if (state === 'stopped') mysql.restart(serverId, 'replica');
  else return refuse(`MySQL on ${vmId} is ${state}, not a server that can become a replica`);
  return undefined;
}
