import type { Vm } from '../../model/vm.ts';
import type { VmHost } from '../../model/vmHost.ts';
import { keysOf } from '../crossCheck/issues.ts';
import { bitsPerSecond, reference } from '../schema/common.ts';
import { checkHostFits } from './plannedEstate.ts';
import { hostOf, vmOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal, refuse } from './types.ts';
import type { ActionPlanContext, Refusal } from './types.ts';

export const liveMigrateAction = defineAction({
  kind: 'live-migrate',
  schema: stepSchema(
    'live-migrate',
    {
      vm: reference('a running VM'),
      to: reference('a VM host in the same site'),
      dirtyRate: bitsPerSecond(
        "How fast the VM rewrites its RAM while it runs; by default the model's 20 MB/s (160Mbps)",
      ).optional(),
    },
    'Move a running VM to another host of its site by pre-copy live migration: it keeps running, then pauses briefly.',
  ),
  doc:
    'Pre-copy live migration (src/model/liveMigration.ts): the VM keeps running while its RAM is ' +
    'copied to the other host, then what it dirtied meanwhile, round after round; then it pauses ' +
    'and the rest is copied (the pause grows with `dirtyRate` and shrinks with the link). The ' +
    'step ends when the VM runs on the destination. It keeps its address, so both hosts must be ' +
    'in one site. When the dirty rate is at or above the link rate the copy cannot converge: the ' +
    'VM tries for its rounds, stays where it was, and the step is refused saying so; the same ' +
    'when the destination goes down during the copy (the VM runs on) or the source does (the VM ' +
    'stops with it). Refused at its start when the VM is not running, a host is down or the ' +
    'destination has no room.',
  units: { at: 'duration', duration: 'duration', dirtyRate: 'bit rate' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, context) {
    const { path, issues, estate, state, vmKnown } = context;
    const vmOk = vmKnown('vm', step.vm);
    const hostOk = issues.reference([...path, 'to'], step.to, 'VM host', keysOf(estate.hosts));
    if (!vmOk || !hostOk) return;
    if (!state.running.has(step.vm))
      issues.add(
        [...path, 'vm'],
        `"${step.vm}", off at this step`,
        'a running VM (move one that is off with move-vm)',
      );
    if (!sameSite(step.vm, step.to, context)) return;
    state.hostOf.set(step.vm, step.to);
    checkHostFits(step.to, [...path, 'to'], state, estate, issues);
  },
  begin(step, { estate }) {
    const target = vmOf(estate, step.vm);
    if (isRefusal(target)) return target;
    const destination = hostOf(estate, step.to);
    if (isRefusal(destination)) return destination;
    const refusal = whyNoMigration(target, destination);
    if (refusal !== undefined) return refusal;
    const migration = target.migrateLive(destination, {
      ...(step.dirtyRate === undefined ? {} : { dirtyBytesPerSecond: step.dirtyRate / 8 }),
    });
    return {
      until: () => {
        if (target.host === destination) return target.state === 'running';
        if (target.state.startsWith('migrating')) return false;
        if (!migration.converged)
          return refuse(
            `live migration of ${target.id} cannot converge: ${migration.detail}; it stays on ${target.host.id}`,
          );
        return refuse(
          `live migration of ${target.id} to ${destination.id} failed: ${target.lastRelocationFailure ?? `the VM is ${target.state}`}`,
        );
      },
    };
  },
});

/** Live migration keeps the address, so it stays inside one site's network. */
function sameSite(vmId: string, hostId: string, { path, issues, estate, state }: ActionPlanContext): boolean {
  const fromHost = state.hostOf.get(vmId);
  const fromSite = fromHost === undefined ? undefined : estate.hosts[fromHost]?.site;
  const toSite = estate.hosts[hostId]?.site;
  if (fromHost === hostId) {
    issues.add([...path, 'to'], `"${hostId}", the host ${vmId} is already on`, 'another host');
    return false;
  }
  if (fromSite !== toSite) {
    issues.add(
      [...path, 'to'],
      `"${hostId}", in site ${toSite ?? '?'} while ${vmId} is in ${fromSite ?? '?'}`,
      `a host in ${fromSite ?? "the VM's site"} (a live migration keeps the address; across sites use move-vm)`,
    );
    return false;
  }
  return true;
}

function whyNoMigration(target: Vm, destination: VmHost): Refusal | undefined {
  if (target.host === destination) return refuse(`VM ${target.id}: already on host ${destination.id}`);
  const reason =
    target.whyNot('migrate') ??
    (destination.params.siteId === target.host.params.siteId
      ? undefined
      : `host ${destination.id} is in another site; a live migration keeps the address`) ??
    (destination.isUp() ? undefined : `destination host ${destination.id} is ${destination.state}`) ??
    destination.whyCannotPlace({ id: target.id, cores: target.cores, ramBytes: target.ramBytes });
  return reason === undefined ? undefined : refuse(`cannot migrate ${target.id}: ${reason}`);
}
