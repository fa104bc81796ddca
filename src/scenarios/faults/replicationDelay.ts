import { keysOf, oneOfIds } from '../crossCheck/issues.ts';
import { mysqlServerId } from '../run/estateRuntime.ts';
import { durationMs, reference } from '../schema/common.ts';
import type { Scenario } from '../schema/scenario.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn, targetPath } from './common.ts';
import { defineFault } from './types.ts';

/**
 * VMs that run, or may come to run, a MySQL replica: the estate's replicas, those an `add-replica`
 * step makes, and the primary when a failover may demote it into one.
 */
function replicaCandidates(scenario: Scenario): string[] {
  const mysql = scenario.estate.mysql;
  const plan = scenario.plan ?? [];
  const added = plan.flatMap((step) => (step.action === 'add-replica' ? [step.vm] : []));
  const demoted = plan.some((step) => step.action === 'failover') && mysql ? [mysql.primary] : [];
  return [...new Set([...(mysql?.replicas ?? []), ...added, ...demoted])];
}

export const replicationDelay = defineFault({
  kind: 'replication-delay',
  schema: faultObject(
    'replication-delay',
    {
      target: reference('a VM running a MySQL replica (or one a step will make a replica)'),
      delay: durationMs('How far behind the primary the replica falls'),
      duration: lasting('the slowdown').optional(),
    },
    "A replica's SQL thread falls behind (a replay after seeding, a long query): writes reach it late.",
  ),
  units: { ...TIMING_UNITS, delay: 'ms', duration: 'ms' },
  doc:
    "A MySQL replica's SQL thread falls behind, as after a replay of a seeding backlog or a long " +
    'query: every write the primary ships reaches it `delay` later than it would, so a planned ' +
    'failover to it waits (or, as a crash failover, loses what it had not applied). With a duration ' +
    'the replica recovers its pace afterwards. A fault before the step that seeds the replica takes ' +
    'effect when it is seeded. Its target must be a VM that runs a replica, or that a step makes one ' +
    '(`add-replica`, or the primary when a failover may demote it); a web server or the primary of a ' +
    'plan without failover is refused.',
  crossCheck(fault, context) {
    const { scenario, issues } = context;
    if (!targetIn(context, fault.target, 'VM', keysOf(scenario.estate.vms))) return;
    const candidates = replicaCandidates(scenario);
    if (candidates.includes(fault.target)) return;
    const found =
      fault.target === scenario.estate.mysql?.primary
        ? `"${fault.target}", the MySQL primary, which no failover in the plan demotes`
        : `"${fault.target}", a VM that runs no MySQL replica`;
    issues.add(targetPath(context), found, oneOfIds(candidates, 'a VM running a MySQL replica'));
  },
  inject(fault, context) {
    const { mysql } = context.estate;
    const serverId = mysqlServerId(fault.target);
    mysql.setReplicationDelay(serverId, fault.delay);
    endAfter(context, fault.duration, () => mysql.setReplicationDelay(serverId, 0));
    return { tookEffect: true };
  },
});
