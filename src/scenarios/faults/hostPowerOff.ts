import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const hostPowerOff = defineFault({
  kind: 'host-power-off',
  schema: faultObject(
    'host-power-off',
    { target: reference('a VM host'), duration: lasting('the outage').optional() },
    'A VM host switches itself off and stays off (for the duration, if given).',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'A VM host switches itself off ("or in one case, switch itself off altogether"): its VMs stop ' +
    'at once and nothing on it answers. Without a duration it stays off for the rest of the run; with ' +
    'one it powers on again when the duration has passed and boots. A host already off is left as ' +
    'it is. Its target must be a VM host.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'VM host', keysOf(context.scenario.estate.hosts));
  },
  inject(fault, context) {
    const host = context.estate.hosts.get(fault.target);
    if (host === undefined || host.state === 'off') return { tookEffect: false };
    host.powerOff();
    endAfter(context, fault.duration, () => host.powerOn());
    return { tookEffect: true };
  },
});
