import { keysOf } from '../crossCheck/issues.ts';
import { reference, wholeNumber } from '../schema/common.ts';
import { TIMING_UNITS, faultObject, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const fanFailure = defineFault({
  kind: 'fan-failure',
  schema: faultObject(
    'fan-failure',
    {
      target: reference('a shelf'),
      fans: wholeNumber("How many of its fans fail: at least 1, at most the shelf's fans.", 1),
    },
    'Fans on a shelf stop; the Pis warm up.',
  ),
  units: { ...TIMING_UNITS, fans: 'fans' },
  doc:
    'Some of the fans of a shelf of Pis stop for good (the seeds\' "dual fan failure"): the air ' +
    'through the shelf drops, the Pis warm up, throttle, and may reach a critical temperature hours ' +
    'later. The running fans fail first in their order on the shelf; a shelf with none running is ' +
    "left as it is. Its target must be a shelf, and `fans` at most the shelf's fans.",
  crossCheck(fault, context) {
    const { estate } = context.scenario;
    if (!targetIn(context, fault.target, 'shelf', keysOf(estate.shelves))) return;
    const fans = estate.shelves?.[fault.target]?.fans ?? 0;
    if (fault.fans > fans)
      context.issues.add([...context.path, 'fans'], `${fault.fans} fans`, `at most the shelf's ${fans}`);
  },
  inject(fault, { estate }) {
    if (!estate.pis.shelves.has(fault.target)) return { refused: `no shelf "${fault.target}"` };
    return { tookEffect: estate.pis.failFans(fault.target, fault.fans) };
  },
});
