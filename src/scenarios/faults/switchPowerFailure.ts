import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn, targetPath } from './common.ts';
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
    'A switch already without power is left as it is. Its target must be a switch whose Pis are all ' +
    'powered over Ethernet: the model does not cut the network of a Pi with a supply of its own, so ' +
    'on such a switch the fault would say more than it does.',
  crossCheck(fault, context) {
    const { estate } = context.scenario;
    if (!targetIn(context, fault.target, 'switch', keysOf(estate.switches))) return;
    const ports = estate.switches?.[fault.target]?.ports ?? {};
    const ownSupply = Object.entries(estate.pis ?? {})
      .filter(([, pi]) => pi.switch === fault.target && ports[String(pi.port)]?.poe !== true)
      .map(([id]) => id);
    if (ownSupply.length > 0)
      context.issues.add(
        targetPath(context),
        `"${fault.target}", a switch with Pis not powered over Ethernet (${ownSupply.join(', ')})`,
        'a switch whose Pis all have poe: true on their ports',
      );
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
