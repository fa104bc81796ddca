import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn, targetPath } from './common.ts';
import { defineFault } from './types.ts';

export const poePortFailure = defineFault({
  kind: 'poe-port-failure',
  schema: faultObject(
    'poe-port-failure',
    {
      target: reference('a Raspberry Pi powered over Ethernet'),
      duration: lasting('the outage, until the port powers again').optional(),
    },
    'One switch port stops supplying PoE: its Pi loses power; the rest of the switch runs on.',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    "The PoE supply of the one switch port a Pi is plugged into fails (a port's power controller " +
    'trips, a cable fault): that Pi loses power at once and stops serving, while the switch and ' +
    'its other ports run on. With a duration the port powers again and the Pi boots from scratch ' +
    '(a netbooting Pi through DHCP, TFTP and its NFS root), or with the other ports when the switch ' +
    'itself has no power then. A port already without power is left as it is. Its target must be a Raspberry Pi whose ' +
    'port has poe: true.',
  crossCheck(fault, context) {
    const { estate } = context.scenario;
    if (!targetIn(context, fault.target, 'Raspberry Pi', keysOf(estate.pis))) return;
    const pi = estate.pis?.[fault.target];
    if (pi !== undefined && estate.switches?.[pi.switch]?.ports[String(pi.port)]?.poe !== true)
      context.issues.add(
        targetPath(context),
        `"${fault.target}", a Pi not powered over Ethernet`,
        'a Pi whose switch port has poe: true',
      );
  },
  inject(fault, context) {
    const pis = context.estate.pis;
    const spec = context.scenario.estate.pis?.[fault.target];
    const networkSwitch = spec === undefined ? undefined : pis.switches.get(spec.switch);
    if (spec === undefined || networkSwitch === undefined)
      return { refused: `no Pi "${fault.target}" on a switch` };
    if (!networkSwitch.isUp() || !networkSwitch.isPortPowered(spec.port)) return { tookEffect: false };
    networkSwitch.setPoe(spec.port, false);
    // Wanted again: powered now, or with the rest of the switch when its own power returns.
    endAfter(context, fault.duration, () => networkSwitch.setPoe(spec.port, true));
    return { tookEffect: true };
  },
});
