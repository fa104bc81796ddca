import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, faultObject, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const vmCrash = defineFault({
  kind: 'vm-crash',
  schema: faultObject('vm-crash', { target: reference('a VM') }, 'A VM crashes and boots again.'),
  units: TIMING_UNITS,
  doc:
    'A VM stops abruptly, as a hard shutdown would stop it, and boots again at once if its host is ' +
    'up. A VM that is stopped or in the middle ' +
    'of a cold move is left as it is. Its target must be a VM.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'VM', keysOf(context.scenario.estate.vms));
  },
  inject(fault, { kernel, estate }) {
    const vm = estate.vms.get(fault.target);
    if (vm === undefined || vm.state === 'stopped' || vm.state === 'moving') return { tookEffect: false };
    vm.shutdown('hard');
    // "crashes and boots again": the VM comes back once it has stopped.
    kernel.scheduleCallback(0, () => {
      if (vm.state === 'stopped' && vm.host.isUp()) vm.start();
    });
    return { tookEffect: true };
  },
});
