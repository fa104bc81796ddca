import type { Vm } from '../../model/vm.ts';
import type { VmHost } from '../../model/vmHost.ts';
import { keysOf } from '../crossCheck/issues.ts';
import { addressSchema, reference } from '../schema/common.ts';
import { checkHostFits } from './plannedEstate.ts';
import { hostOf, vmOf } from './lookups.ts';
import { siteLinkGate } from './siteLinkWait.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal, refuse } from './types.ts';
import type { Refusal, StepPoll } from './types.ts';

export const moveVmAction = defineAction({
  kind: 'move-vm',
  schema: stepSchema(
    'move-vm',
    {
      vm: reference('a VM'),
      to: reference('a VM host'),
      address: addressSchema
        .optional()
        .describe("New address when the host is in another site; by default one from that site's prefix."),
    },
    'Copy a VM to another host: a running VM is stopped, copied and started again, one that is off stays off; another site means a new address.',
  ),
  doc:
    'A cold move. A running VM is shut down gracefully, its disk is copied to the other host (as ' +
    "long as its size and the slower of the hosts' NICs and the link between sites allow, or " +
    '`duration`), and it is started there; the step ends when it runs and the CDN sees it up. A ' +
    'VM that is off is copied and stays off. Another site means a new address (`address`, or one ' +
    "from that site's prefix): tell the CDN with update-cdn. The copy needs both hosts up: when " +
    'the source or the destination goes down during it, the copy fails, the VM stays (stopped) ' +
    'on the source and the step is refused saying which host went. Across sites the copy also ' +
    'needs the site link: while it is down the copy waits to start (at most 15 minutes, then the ' +
    'step is refused), and a link that goes down during the copy fails it the same way. Refused ' +
    'at its start when either host is down or the destination has no room.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, estate, state, vmKnown }) {
    const vmOk = vmKnown('vm', step.vm);
    const hostOk = issues.reference([...path, 'to'], step.to, 'VM host', keysOf(estate.hosts));
    if (!vmOk || !hostOk) return;
    if (state.hostOf.get(step.vm) === step.to) {
      issues.add([...path, 'to'], `"${step.to}", the host ${step.vm} is already on`, 'another host');
      return;
    }
    state.hostOf.set(step.vm, step.to);
    checkHostFits(step.to, [...path, 'to'], state, estate, issues);
  },
  begin(step, { kernel, estate, backInService }) {
    const target = vmOf(estate, step.vm);
    if (isRefusal(target)) return target;
    const destination = hostOf(estate, step.to);
    if (isRefusal(destination)) return destination;
    const options = {
      ...(step.duration === undefined ? {} : { durationMs: step.duration }),
      ...(step.address === undefined ? {} : { address: step.address }),
    };
    const linkGate = siteLinkGate(kernel, estate.network, { vm: target, to: destination });
    // The copy starts when both hosts can take it and, across sites, once the link is up.
    const copy = (): Refusal | 'wait' | undefined => {
      const refusal = whyNoCopy(target, destination);
      if (refusal !== undefined) return refusal;
      const link = linkGate();
      if (link !== 'ready') return link;
      target.move(destination, options);
      return undefined;
    };
    const copied = (): boolean | Refusal => {
      if (target.host === destination) return target.state === 'stopped';
      const failure = target.lastRelocationFailure;
      if (target.state === 'stopped' && failure !== undefined)
        return refuse(
          `copy of ${target.id} to ${destination.id} failed: ${failure}; it stays on ${target.host.id}`,
        );
      return false;
    };
    if (target.state === 'stopped') {
      const started = copy();
      if (started === 'wait') return { until: waitThenCopy(copy, copied) };
      return started ?? { until: copied };
    }
    const stateRefusal = target.whyNot('shutdown graceful');
    if (stateRefusal !== undefined) return refuse(stateRefusal);
    const refusal = whyNoCopy(target, destination, true);
    if (refusal !== undefined) return refusal;
    // A running VM is stopped gracefully, copied and started again.
    target.shutdown('graceful');
    return { until: runningMove(target, copy, copied, () => backInService(step.vm)) };
  },
});

/** Why a copy of the VM to the destination cannot start now; `running` skips the VM's own state. */
function whyNoCopy(target: Vm, destination: VmHost, running = false): Refusal | undefined {
  if (target.host === destination) return refuse(`VM ${target.id}: already on host ${destination.id}`);
  const reason =
    (running ? undefined : target.whyNot('move')) ??
    hostDown('source', target.host) ??
    hostDown('destination', destination) ??
    destination.whyCannotPlace({ id: target.id, cores: target.cores, ramBytes: target.ramBytes });
  return reason === undefined ? undefined : refuse(`cannot copy ${target.id}: ${reason}`);
}

function hostDown(end: string, host: VmHost): string | undefined {
  return host.isUp() ? undefined : `${end} host ${host.id} is ${host.state}`;
}

/** A stopped VM's copy that waits for the site link, then runs. */
function waitThenCopy(copy: () => Refusal | 'wait' | undefined, copied: () => boolean | Refusal): StepPoll {
  let started = false;
  return () => {
    if (!started) {
      const refusal = copy();
      if (refusal === 'wait') return false;
      if (refusal !== undefined) return refusal;
      started = true;
    }
    return copied();
  };
}

/** The phases of moving a running VM: stopping, copying (once the link allows), starting, back in service. */
function runningMove(
  target: Vm,
  copy: () => Refusal | 'wait' | undefined,
  copied: () => boolean | Refusal,
  inService: () => boolean,
): StepPoll {
  let phase: 'stopping' | 'moving' | 'starting' = 'stopping';
  return () => {
    if (phase === 'stopping' && target.state === 'stopped') {
      const refusal = copy();
      if (refusal === 'wait') return false;
      if (refusal !== undefined) return refusal;
      phase = 'moving';
    }
    if (phase === 'moving') {
      const done = copied();
      if (done !== true) return done;
      const refusal = target.whyNot('start');
      if (refusal !== undefined) return refuse(refusal);
      target.start();
      phase = 'starting';
    }
    return phase === 'starting' && target.state === 'running' && inService();
  };
}
