import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { scenarioWith } from './scenarioText.ts';

describe('scale-vm', () => {
  it('keeps the size a step leaves out: two steps naming only cores never grow the RAM', () => {
    // Found by the generated-scenario property: the model's default resize (4× RAM) used to apply
    // to the RAM a step did not name, so the second step asked the host for 16× the RAM and threw.
    const report = runScenario(
      scenarioWith(`
plan:
  - { name: One core, action: scale-vm, vm: db2, cores: 1, at: 1m }
  - { name: Still one core, action: scale-vm, vm: db2, cores: 1 }
`),
    );
    expect(report.steps.map((step) => step.outcome)).toEqual(['done', 'done']);
  });
});
