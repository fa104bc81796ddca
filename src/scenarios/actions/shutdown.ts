import { oneOf, reference } from '../schema/common.ts';
import { vmOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal, refuse } from './types.ts';

export const shutdownAction = defineAction({
  kind: 'shutdown',
  schema: stepSchema(
    'shutdown',
    {
      vm: reference('a VM'),
      mode: oneOf(['graceful', 'hard'], 'graceful: finish requests in flight; hard: drop them.'),
    },
    'Shut a VM down.',
  ),
  doc:
    "Shuts a VM down. `graceful`: requests in flight may finish for the VM's shutdown window " +
    '(10 s by default), then it is off; `hard`: it stops at once and they are dropped (a hard stop ' +
    'the plan asked for is not counted as a crash). Refused when the VM is in a state that does ' +
    'not take it (a graceful shutdown needs a running VM).',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, state, vmKnown }) {
    if (vmKnown('vm', step.vm) && !state.running.has(step.vm))
      issues.add([...path, 'vm'], `"${step.vm}", already off at this step`, 'a running VM');
    state.running.delete(step.vm);
  },
  begin(step, { estate }) {
    const target = vmOf(estate, step.vm);
    if (isRefusal(target)) return target;
    const refusal = target.whyNot(`shutdown ${step.mode}`);
    if (refusal !== undefined) return refuse(refusal);
    target.shutdown(step.mode);
    return { until: () => target.state === 'stopped' };
  },
});
