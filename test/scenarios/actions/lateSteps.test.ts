import { describe, expect, it } from 'vitest';
import { foreseeLateSteps } from '../../../src/scenarios/crossCheck/plan.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { scenarioWith } from './scenarioText.ts';

describe('a step whose `at` cannot be kept', () => {
  it('is foreseen at validation from the durations written, and reported late in its row', () => {
    const scenario = scenarioWith(`
plan:
  - { name: Settle, action: wait, duration: 2m, at: 30s }
  - { name: Drain web2, action: drain, backend: web2, at: 1m }
  - { name: On time, action: update-cdn, backend: web2, weight: 1, at: 5m }
`);
    expect(foreseeLateSteps(scenario)).toEqual([
      {
        path: ['plan', 1, 'at'],
        found: '1m, but step "Settle" ends at 2m30s at the earliest',
        expected: 'a time at or after 2m30s, or the step starts late',
      },
    ]);
    const report = runScenario(scenario);
    expect(report.steps.map((step) => [step.startedAt, step.startedLateBySeconds])).toEqual([
      [30, undefined],
      [150, 90],
      [300, undefined],
    ]);
  });

  it('is reported when a step the model times runs past the next `at`, which validation cannot foresee', () => {
    const scenario = scenarioWith(`
plan:
  - { name: Move web2, action: move-vm, vm: web2, to: old-hex, at: 1m }
  - { name: Watch, action: wait, duration: 1m, at: 2m }
`);
    expect(foreseeLateSteps(scenario)).toEqual([]);
    const report = runScenario(scenario);
    const [move, watch] = report.steps;
    expect(watch?.startedAt).toBe(move?.endedAt);
    expect(watch?.startedLateBySeconds).toBe((move?.endedAt ?? 0) - 120);
    expect(watch?.startedLateBySeconds).toBeGreaterThan(130);
  });

  it('comes back from validation as a warning placed at its line, and the scenario is still valid', () => {
    const text = [
      'name: late',
      'seed: 1',
      'duration: 10m',
      'estate: { extends: raspberrypi-2017-after }',
      'workload:',
      '  crowd: { shape: constant, users: 10 }',
      '  thinkTime: 30s',
      '  mix: { cached: 100% }',
      '  requestTimeout: 30s',
      'plan:',
      '  - { name: Settle, action: wait, duration: 2m }',
      '  - { name: Drain web2, action: drain, backend: web2, at: 1m }',
    ].join('\n');
    const result = parseScenarioText(text, 'late.yaml', builtinEstateLibrary);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      {
        file: 'late.yaml',
        line: 12,
        column: 59,
        path: 'plan[1].at',
        found: '1m, but step "Settle" ends at 2m at the earliest',
        expected: 'a time at or after 2m, or the step starts late',
      },
    ]);
  });
});
