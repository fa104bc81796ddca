import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/sim/kernel.ts';
import type { EstateRuntime } from '../../../src/scenarios/run/estateRuntime.ts';
import { PlanRunner } from '../../../src/scenarios/run/planRunner.ts';
import type { Plan } from '../../../src/scenarios/schema/index.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { scenarioWith } from '../actions/scenarioText.ts';

describe('PlanRunner', () => {
  it('lets an exception from the model propagate: a bug is never shown as a refused step', () => {
    const kernel = new Kernel({ seed: 1 });
    const brokenVm = {
      whyNot: () => {
        throw new TypeError('model bug');
      },
    };
    const estate = { vms: new Map([['web1', brokenVm]]) } as unknown as EstateRuntime;
    const plan: Plan = [{ action: 'start', name: 'Start web1', vm: 'web1' }];
    const runner = new PlanRunner(kernel, estate, plan, 60_000);
    runner.start();
    expect(() => kernel.run({ untilMs: 60_000 })).toThrow('model bug');
  });

  it('shows a refusal by the model as the step outcome, and runs no later step', () => {
    const report = runScenario(
      scenarioWith(`
faults:
  - { kind: vm-crash, target: web2, at: 30s }
plan:
  - { name: Give web2 more RAM, action: scale-vm, vm: web2, ram: 64GB, at: 1m }
  - { name: Never reached, action: wait, duration: 1m }
`),
    );
    expect(report.steps.map((step) => step.outcome)).toEqual([
      'refused: VM web2: cannot scale while booting',
      'not run',
    ]);
    // The crash stopped it and it boots again by itself; the refused step did not touch it.
    expect(report.parts['web2']?.states.map((change) => change.state)).not.toContain('scaling');
  });
});
