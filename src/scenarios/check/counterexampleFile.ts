import { parseDocument } from 'yaml';
import type { Scenario } from '../schema/index.ts';
import { faultFor } from './candidate.ts';
import type { Candidate } from './candidate.ts';

const ms = (value: number): string => `${value}ms`;

/** The crowd's user counts, scaled as the candidate scaled them, written back into the document. */
function crowdFields(scenario: Scenario, percent: number): Record<string, number> {
  const scale = (users: number) => Math.round((users * percent) / 100);
  const crowd = scenario.workload.crowd;
  switch (crowd.shape) {
    case 'constant':
      return { users: scale(crowd.users) };
    case 'ramp':
      return { from: scale(crowd.from), to: scale(crowd.to) };
    case 'launch':
      return { baseline: scale(crowd.baseline), peak: scale(crowd.peak) };
  }
}

/**
 * The counterexample as a scenario file the user keeps as a regression test: the original file's
 * text with the drawn seed, the crowd, the operator's pauses (a later `at`, or a wait before the
 * step) and the drawn faults added, so it fails the same way until the plan is fixed.
 */
export function counterexampleYaml(sourceText: string, scenario: Scenario, candidate: Candidate): string {
  const document = parseDocument(sourceText);
  document.set('name', `${scenario.name}-counterexample`);
  document.set(
    'description',
    `A counterexample twin check found for ${scenario.name}: it breaks until the plan is fixed.`,
  );
  document.set('seed', candidate.seed);
  for (const [field, users] of Object.entries(crowdFields(scenario, candidate.crowdPercent)))
    document.setIn(['workload', 'crowd', field], users);
  const steps = (scenario.plan ?? []).length;
  for (let index = steps - 1; index >= 0; index--) {
    const pauseMs = candidate.stepPausesMs[index] ?? 0;
    if (pauseMs === 0) continue;
    const step = (scenario.plan ?? [])[index];
    if (step === undefined) continue;
    if (step.at !== undefined) {
      document.setIn(['plan', index, 'at'], ms(step.at + pauseMs));
      continue;
    }
    const plan = document.get('plan') as { items: unknown[] };
    plan.items.splice(
      index,
      0,
      document.createNode({
        name: `Operator pause before: ${step.name}`,
        action: 'wait',
        duration: ms(pauseMs),
      }),
    );
  }
  if (!document.has('faults')) document.set('faults', document.createNode([]));
  for (const fault of candidate.faults) {
    // The parsed fault holds times in ms; the file writes them with their unit.
    const node: Record<string, unknown> = { ...faultFor(fault) };
    for (const field of ['at', 'duration', 'delay'])
      if (typeof node[field] === 'number') node[field] = ms(node[field]);
    document.addIn(['faults'], document.createNode(node));
  }
  document.delete('expectFailures');
  return document.toString();
}
