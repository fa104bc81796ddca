import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, faultObject, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const hostReboot = defineFault({
  kind: 'host-reboot',
  schema: faultObject(
    'host-reboot',
    { target: reference('a VM host') },
    'A VM host reboots by itself; its VMs stop and boot again.',
  ),
  units: TIMING_UNITS,
  doc:
    'A VM host reboots by itself, as the old HEX host did ("rebooted itself"): every VM on it stops ' +
    'abruptly and boots again once the host is back. A host that is off or already rebooting is left ' +
    'as it is and the trace says the fault had no effect. Its target must be a VM host.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'VM host', keysOf(context.scenario.estate.hosts));
  },
  inject(fault, { estate }) {
    const host = estate.hosts.get(fault.target);
    if (host === undefined || !host.isUp()) return { tookEffect: false };
    host.reboot();
    return { tookEffect: true };
  },
});
