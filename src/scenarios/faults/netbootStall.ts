import type { NetworkSwitch } from '../../model/networkSwitch.ts';
import { keysOf } from '../crossCheck/issues.ts';
import type { EstateRuntime } from '../run/estateRuntime.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, faultObject, lasting, targetIn, targetPath } from './common.ts';
import type { FaultOutcome } from './types.ts';
import { defineFault } from './types.ts';

/** The switch and port a Pi sits on, if any. */
function placeOf(
  estate: EstateRuntime,
  piId: string,
): { networkSwitch: NetworkSwitch; port: number } | undefined {
  for (const networkSwitch of estate.pis.switches.values()) {
    const port = networkSwitch.portOf(piId);
    if (port !== undefined) return { networkSwitch, port };
  }
  return undefined;
}

/**
 * Power-cycles a Pi from its switch port, as the operator would; a refusal by the switch (it is
 * down, the port has no budget) is returned as a reason.
 */
function powerCyclePort(place: { networkSwitch: NetworkSwitch; port: number }): FaultOutcome {
  const { networkSwitch, port } = place;
  const result = networkSwitch.powerCyclePort(port);
  if (result.outcome === 'powered' || result.outcome === 'unpowered') return { tookEffect: true };
  return { refused: `switch ${networkSwitch.id} refused to power-cycle port ${port}: ${result.outcome}` };
}

export const netbootStall = defineFault({
  kind: 'netboot-stall',
  schema: faultObject(
    'netboot-stall',
    {
      target: reference('a Raspberry Pi that netboots (root: nfs) and is powered over Ethernet'),
      duration: lasting('the stall, until an operator power-cycles the Pi'),
    },
    'A Pi\'s netboot stalls (the seeds saw it "occasionally stopping").',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'A Pi reboots and its netboot stalls at DHCP, as the seeds saw it "occasionally stopping": it ' +
    'serves nothing until an operator power-cycles it from its switch port, `duration` later. If ' +
    'the Pi is no longer stalled by then (the plan power-cycled it already) the operator leaves it ' +
    'alone. At a time its switch has no power the Pi is off and cannot stall: the fault is refused ' +
    "and the report's limits say so. Its target must be a Pi with an NFS root (only those netboot) on a port with `poe: true` " +
    '(the power cycle comes from the switch).',
  crossCheck(fault, context) {
    const { estate } = context.scenario;
    if (!targetIn(context, fault.target, 'Raspberry Pi', keysOf(estate.pis))) return;
    const pi = estate.pis?.[fault.target];
    if (pi?.root === 'sd') {
      context.issues.add(
        targetPath(context),
        `"${fault.target}", a Pi that boots from its SD card`,
        'a Pi with root: nfs (only those netboot)',
      );
    } else if (pi !== undefined && estate.switches?.[pi.switch]?.ports[String(pi.port)]?.poe !== true) {
      context.issues.add(
        targetPath(context),
        `"${fault.target}", a Pi whose port ${pi.port} on ${pi.switch} has no poe: true`,
        'a Pi powered over Ethernet (the stall ends with a power cycle from the switch)',
      );
    }
  },
  inject(fault, { kernel, estate }) {
    const pi = estate.pis.pis.get(fault.target);
    const place = placeOf(estate, fault.target);
    if (pi === undefined || place === undefined) return { refused: `${fault.target} is on no switch port` };
    // A Pi whose switch has no power is off: it cannot reboot into a stall (its next boot, when
    // power returns, is left to chance as any boot is).
    if (!place.networkSwitch.isUp())
      return { refused: `switch ${place.networkSwitch.id} has no power, so ${fault.target} is off` };
    pi.stallNextBoot();
    const cycled = powerCyclePort(place);
    if ('refused' in cycled) return cycled;
    kernel.scheduleCallback(fault.duration, () => {
      // The stall is over only if the Pi is still stuck in it: one the plan power-cycled meanwhile
      // has booted, and cycling it again would take it down for nothing.
      if (pi.state !== 'booting.stalled') return;
      const ended = powerCyclePort(place);
      if ('refused' in ended)
        kernel.trace.record({
          timeMs: kernel.nowMs,
          part: fault.target,
          event: 'faultRefused',
          details: { reason: ended.refused },
        });
    });
    return { tookEffect: true };
  },
});
