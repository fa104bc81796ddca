import { describe, expect, it } from 'vitest';
import { faultOf, resolveFaultModel } from '../../../src/scenarios/check/faultModel.ts';
import { IssueList } from '../../../src/scenarios/crossCheck/issues.ts';
import { faultDefinition } from '../../../src/scenarios/faults/registry.ts';
import { scenario } from '../faults/support.ts';

const plain = scenario('');
const piCluster = scenario('', { estate: 'raspberrypi-2016-pi-cluster', users: 100 });

describe('the default fault model', () => {
  it("draws every target from its kind's own static check", () => {
    for (const choice of resolveFaultModel(piCluster).choices)
      for (const target of choice.targets) {
        const issues = new IssueList();
        const fault = faultOf(choice, target, 0, 10_000);
        faultDefinition(fault).crossCheck(fault as never, { scenario: piCluster, issues, path: [] });
        expect(issues.issues, `${choice.kind} on ${target}`).toEqual([]);
      }
  });

  it('follows the estate: Pi faults only where there are Pis', () => {
    const kinds = (model: ReturnType<typeof resolveFaultModel>) => model.choices.map((choice) => choice.kind);
    expect(kinds(resolveFaultModel(plain))).not.toContain('sd-failure');
    expect(kinds(resolveFaultModel(piCluster))).toContain('sd-failure');
    expect(kinds(resolveFaultModel(piCluster))).toContain('poe-port-failure');
  });

  it('narrows to the kinds and targets a faultModel: section names, and widens its bounds', () => {
    const model = resolveFaultModel(plain, {
      kinds: ['vm-crash'],
      targets: ['web1'],
      faultsMax: 5,
      durationMax: 1000,
    });
    expect(model.choices).toEqual([{ kind: 'vm-crash', lasting: false, delayed: false, targets: ['web1'] }]);
    expect(model.faultsMax).toBe(5);
    // A maximum below the default minimum is raised to it, never inverted.
    expect(model.durationMaxMs).toBe(model.durationMinMs);
  });
});
