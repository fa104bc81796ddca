import { mysqlServerId } from '../run/estateRuntime.ts';
import { durationMs, reference } from '../schema/common.ts';
import { replicaList } from './plannedEstate.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, refuse } from './types.ts';

export const waitForCatchUpAction = defineAction({
  kind: 'wait-for-catch-up',
  schema: stepSchema(
    'wait-for-catch-up',
    {
      replica: reference('a VM running a MySQL replica'),
      maxLag: durationMs('Lag at which the replica counts as caught up; by default none').optional(),
    },
    "Wait until a replica has applied the primary's writes.",
  ),
  doc:
    'Waits until a replica replicates and its lag behind the primary is at most `maxLag` (none by ' +
    'default): the check an operator makes before a planned failover. A replica that never ' +
    'catches up (a replication delay that outlasts the run) leaves the step unfinished, and the ' +
    'plan stops there. Refused when the VM runs no MySQL server.',
  units: { at: 'duration', duration: 'duration', maxLag: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, state, vmKnown }) {
    if (vmKnown('replica', step.replica) && !state.replicas.has(step.replica))
      issues.add([...path, 'replica'], `"${step.replica}", not a replica at this step`, replicaList(state));
  },
  begin(step, { estate }) {
    const { mysql } = estate;
    const serverId = mysqlServerId(step.replica);
    if (!mysql.serverIds().includes(serverId)) return refuse(`no MySQL server on ${step.replica}`);
    const maxLagMs = step.maxLag ?? 0;
    return {
      until: () =>
        mysql.serverState(serverId) === 'replicating' && mysql.replicationLagMs(serverId) <= maxLagMs,
    };
  },
});
