import { z } from 'zod';
import { reference } from '../schema/common.ts';
import type { Scenario } from '../schema/scenario.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn } from './common.ts';
import { defineFault } from './types.ts';

/** Every machine that may run a web server the CDN sends requests to: web VMs and Pis. */
export function webServerIds(scenario: Scenario): string[] {
  const { vms, pis } = scenario.estate;
  const webVms = Object.entries(vms)
    .filter(([, vm]) => vm.role === 'web-primary' || vm.role === 'web-secondary')
    .map(([id]) => id);
  return [...webVms, ...Object.keys(pis ?? {})];
}

export const backendWeightMisconfig = defineFault({
  kind: 'backend-weight-misconfig',
  schema: faultObject(
    'backend-weight-misconfig',
    {
      target: reference('a web server the CDN sends requests to (a web VM or a Pi)'),
      weight: z
        .number({ error: 'a weight, a number ≥ 0' })
        .min(0, { error: 'a weight, a number ≥ 0' })
        .optional()
        .describe('The wrong weight the push leaves (default 0: the backend silently taken out).'),
      duration: lasting('the mistake, until someone pushes the right weight').optional(),
    },
    "A config push leaves a CDN backend's weight wrong on every node.",
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'A configuration push to the CDN leaves one backend with the wrong weight on every node (by ' +
    'default 0, as a drain left in place: no new request goes there; a large weight sends it most of ' +
    'the traffic). Requests already there finish. With a duration, an operator notices and pushes ' +
    'the weight each node had back, on the nodes where nobody has changed it since. A backend the ' +
    'CDN does not know yet is refused. Its target must be a web VM or a Raspberry Pi.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'web server', webServerIds(context.scenario));
  },
  inject(fault, context) {
    const wrongWeight = fault.weight ?? 0;
    const pushed: { restore: () => void }[] = [];
    // The CDN knows the web server running on the machine, not the machine.
    const serverId = context.estate.webServers.get(fault.target)?.id;
    if (serverId === undefined) return { refused: `no web server on "${fault.target}"` };
    for (const node of context.estate.cdnNodes.values()) {
      const backend = node.backendsView().find((candidate) => candidate.server.id === serverId);
      if (backend === undefined) continue;
      const rightWeight = backend.weight;
      node.setBackendWeight(serverId, wrongWeight);
      pushed.push({
        restore: () => {
          // A weight someone set since (a drain, an update-cdn) is theirs to keep.
          const now = node.backendsView().find((candidate) => candidate.server.id === serverId);
          if (now?.weight === wrongWeight) node.setBackendWeight(serverId, rightWeight);
        },
      });
    }
    if (pushed.length === 0) return { refused: `no CDN node has "${fault.target}" as a backend yet` };
    endAfter(context, fault.duration, () => pushed.forEach((push) => push.restore()));
    return { tookEffect: true };
  },
});
