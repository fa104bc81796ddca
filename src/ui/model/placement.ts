import type { Report } from '../../scenarios/report.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';

/**
 * Where things are at a time, from the scenario's estate and the plan's steps as the run did them:
 * a VM is on its first host until a move-vm step that moved it has ended; a CDN backend has its
 * estate weight until an update-cdn step has ended. A step is matched to its report entry by its
 * place in the plan, which the report keeps.
 */
export interface Placement {
  /** VM id → host id. */
  hostOfVm: Map<string, string>;
  /** Backend id → weight the CDN gives it. */
  cdnWeights: Map<string, number>;
}

export function placementAt(scenario: Scenario, report: Report, seconds: number): Placement {
  const hostOfVm = new Map(Object.entries(scenario.estate.vms).map(([id, vm]) => [id, vm.host]));
  const cdnWeights = new Map(
    Object.entries(scenario.estate.cdn.backends).map(([id, backend]) => [id, backend.weight]),
  );
  (scenario.plan ?? []).forEach((step, index) => {
    const done = report.steps[index];
    if (done === undefined || done.outcome !== 'done' || done.endedAt > seconds) return;
    if (step.action === 'move-vm') hostOfVm.set(step.vm, step.to);
    if (step.action === 'update-cdn')
      cdnWeights.set(step.backend, step.weight ?? cdnWeights.get(step.backend) ?? 1);
  });
  return { hostOfVm, cdnWeights };
}
