import { mysqlServerId } from '../run/estateRuntime.ts';
import { oneOf, reference } from '../schema/common.ts';
import { replicaList } from './plannedEstate.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, refuse } from './types.ts';

export const failoverAction = defineAction({
  kind: 'failover',
  schema: stepSchema(
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
  doc:
    'Makes a replica the MySQL primary. `planned`: the primary goes read-only, the replica applies ' +
    'every write it was sent (its backlog at its apply rate), is promoted and the web servers are ' +
    'repointed (the seeds: an interruption under five seconds); no acknowledged write is lost. ' +
    '`crash`: the primary is crashed; after the monitor detects it, the replica is promoted as it is ' +
    'and writes it had not received are lost. The old primary ' +
    'leaves the topology; it rejoins only through another add-replica. The step ends when the new ' +
    'primary takes writes. Refused when the target is not replicating then.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, state, vmKnown }) {
    if (!vmKnown('to', step.to)) return;
    if (!state.replicas.has(step.to)) {
      issues.add([...path, 'to'], `"${step.to}", not a replica at this step`, replicaList(state));
      return;
    }
    // The old primary leaves the topology; it rejoins only through another add-replica.
    state.replicas.delete(step.to);
    state.primary = step.to;
  },
  begin(step, { estate }) {
    const { mysql } = estate;
    const serverId = mysqlServerId(step.to);
    if (!mysql.serverIds().includes(serverId)) return refuse(`no MySQL server on ${step.to}`);
    const state = mysql.serverState(serverId);
    if (state !== 'replicating') {
      const verb = step.mode === 'planned' ? 'fail over to' : 'promote';
      return refuse(`MySQL: cannot ${verb} ${serverId}, it is ${state}`);
    }
    if (step.mode === 'planned') {
      mysql.plannedFailover(serverId);
    } else {
      mysql.crash(mysql.primary);
      mysql.promote(serverId);
    }
    return { until: () => mysql.primary === serverId && mysql.isWritable() };
  },
});
