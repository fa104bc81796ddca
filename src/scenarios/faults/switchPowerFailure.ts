import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const switchPowerFailure = defineFault({
  kind: 'switch-power-failure',
  schema: faultObject(
    'switch-power-failure',
    { target: reference('a switch'), duration: lasting('the power cut').optional() },
    'A switch loses power: the Pis it powers over Ethernet go off, and netboot again when it returns.',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'A switch loses its power supply. Every port goes dark: the Pis it powers over Ethernet lose ' +
    'power and stop serving at once. When power returns (after `duration`, if given) the switch ' +
    'powers its PoE ports again in port order within its budget, and each Pi boots from scratch — ' +
    'a netbooting Pi goes through DHCP, TFTP and its NFS root again, and may stall as any boot may. ' +
    'A switch already without power is left as it is. Its target must be a switch.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'switch', keysOf(context.scenario.estate.switches));
  },
  inject(fault, context) {
    const networkSwitch = context.estate.pis.switches.get(fault.target);
    if (networkSwitch === undefined) return { refused: `no switch "${fault.target}"` };
    if (!networkSwitch.isUp()) return { tookEffect: false };
    networkSwitch.powerFail();
    endAfter(context, fault.duration, () => networkSwitch.powerRestore());
    return { tookEffect: true };
  },
});
