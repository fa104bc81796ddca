import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, faultObject, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const sdFailure = defineFault({
  kind: 'sd-failure',
  schema: faultObject('sd-failure', { target: reference('a Raspberry Pi') }, "A Pi's SD card dies."),
  units: TIMING_UNITS,
  doc:
    "A Pi's SD card wears out at once: it reaches its write endurance, as cards under a web " +
    "server's writes did in the seeds. A Pi that keeps its root on the card fails its storage and " +
    'crashes, and stays crashed until it is power-cycled; one with its root on NFS runs on, the ' +
    'reason the seeds moved the roots to the file server. Its target must be a Raspberry Pi.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'Raspberry Pi', keysOf(context.scenario.estate.pis));
  },
  inject(fault, { estate }) {
    const pi = estate.pis.pis.get(fault.target);
    if (pi === undefined) return { refused: `no Raspberry Pi "${fault.target}"` };
    pi.failSdCard();
    return { tookEffect: true };
  },
});
