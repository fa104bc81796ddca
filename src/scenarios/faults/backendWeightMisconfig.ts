import { z } from 'zod';
import { reference } from '../schema/common.ts';
import type { Scenario } from '../schema/scenario.ts';
import { pushWrongSetting } from './cdnConfigPush.ts';
import { TIMING_UNITS, faultObject, lasting, targetIn } from './common.ts';
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
    return pushWrongSetting(
      context,
      fault.target,
      fault.duration,
      { read: (backend) => backend.weight, write: (node, id, weight) => node.setBackendWeight(id, weight) },
      fault.weight ?? 0,
    );
  },
});
