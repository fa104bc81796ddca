import { reference, sizeBytes, wholeNumber } from '../schema/common.ts';
import { checkHostFits } from './plannedEstate.ts';
import { vmOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { defineAction, isRefusal, refuse } from './types.ts';

export const scaleVmAction = defineAction({
  kind: 'scale-vm',
  schema: stepSchema(
    'scale-vm',
    {
      vm: reference('a VM'),
      cores: wholeNumber('New number of virtual cores.', 1).optional(),
      ram: sizeBytes('New memory size').optional(),
    },
    'Resize a VM (the seeds: 4× RAM and 2× cores in 30 s).',
  ),
  doc:
    'Gives a running VM a new number of cores, a new memory size or both, on the host it is on; ' +
    'it is restarted with the new size, which takes 30 s (the seeds: "in thirty seconds we had ' +
    'four times the RAM and double the CPU cores"), and serves nothing meanwhile. Validation ' +
    'refuses a step with neither, or a size its host cannot hold; the run refuses it when the VM ' +
    'is not running or the host has no room left.',
  units: { at: 'duration', duration: 'duration', ram: 'size' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, estate, state, vmKnown }) {
    if (!vmKnown('vm', step.vm)) return;
    if (!state.running.has(step.vm))
      issues.add(
        [...path, 'vm'],
        `"${step.vm}", off at this step`,
        'a running VM (a VM is resized by restarting it)',
      );
    if (step.cores === undefined && step.ram === undefined) {
      issues.add(path, 'neither cores nor ram', 'a new size: cores, ram or both');
      return;
    }
    if (step.cores !== undefined) state.coresOf.set(step.vm, step.cores);
    if (step.ram !== undefined) state.ramOf.set(step.vm, step.ram);
    const host = state.hostOf.get(step.vm);
    if (host !== undefined) checkHostFits(host, path, state, estate, issues);
  },
  begin(step, { estate }) {
    const target = vmOf(estate, step.vm);
    if (isRefusal(target)) return target;
    const refusal =
      target.whyNot('scale') ??
      target.host.whyCannotPlace({
        id: target.id,
        cores: step.cores ?? target.cores,
        // The model's own arithmetic, so the check and the reservation agree to the byte.
        ramBytes: step.ram === undefined ? target.ramBytes : target.ramBytes * (step.ram / target.ramBytes),
      });
    if (refusal !== undefined) return refuse(refusal);
    // What the step leaves out keeps its size: the model's own defaults (2× cores, 4× RAM) are the
    // seed's one resize, not what a step that names only cores or only RAM asks for.
    target.scale({
      coresFactor: step.cores === undefined ? 1 : step.cores / target.cores,
      ramFactor: step.ram === undefined ? 1 : step.ram / target.ramBytes,
    });
    return { until: () => target.state === 'running' };
  },
});
