import { reference } from '../schema/common.ts';
import { vmOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal, refuse } from './types.ts';

export const startAction = defineAction({
  kind: 'start',
  schema: stepSchema('start', { vm: reference('a VM') }, 'Boot a VM that is off.'),
  doc:
    'Boots a VM that is off (45 s by default) and ends when it runs and, if it serves the web, ' +
    'when every CDN node that knows it at its current address has health-checked it up again: ' +
    'an operator waits for that before taking the next server away. A node told an old address ' +
    'never will, so it does not hold the step up. Refused when the VM is not off or its host is down.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, state, vmKnown }) {
    if (vmKnown('vm', step.vm) && state.running.has(step.vm))
      issues.add([...path, 'vm'], `"${step.vm}", already running at this step`, 'a VM that is off');
    state.running.add(step.vm);
  },
  begin(step, { estate, backInService }) {
    const target = vmOf(estate, step.vm);
    if (isRefusal(target)) return target;
    const refusal = target.whyNot('start');
    if (refusal !== undefined) return refuse(refusal);
    target.start();
    return { until: () => target.state === 'running' && backInService(step.vm) };
  },
});
