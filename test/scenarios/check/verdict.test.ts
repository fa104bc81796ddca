import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../../src/scenarios/check/runCheck.ts';
import { judgeRun } from '../../../src/scenarios/check/verdict.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

const isolated = loadScenarioFile(join(import.meta.dirname, 'fixtures/pi-cluster-isolated.yaml'));
const wrongVlan = loadScenarioFile(join(import.meta.dirname, 'fixtures/pi-cluster-wrong-vlan.yaml'));

describe('the VLAN-isolation safety property', () => {
  it('holds on the Pi cluster as 004 wired it, and fails when one port is on another Pi’s storage VLAN', () => {
    const good = judgeRun(isolated, runScenario(isolated));
    expect(good).toEqual({ failures: [] });
    const bad = judgeRun(wrongVlan, runScenario(wrongVlan));
    expect('failures' in bad ? bad.failures : []).toEqual([
      'safety: VLAN isolation broken on pi-switch at 0 s (a port reaches a storage VLAN that is not its own)',
    ]);
  });

  it('makes twin check catch the mis-wired plan with no fault needed', async () => {
    const result = await checkScenario(wrongVlan, { runs: 4, seed: 1, shrinkTimeMs: 30_000 });
    expect(result.holds).toBe(false);
    expect(result.counterexample?.candidate.faults).toEqual([]);
    expect(result.counterexample?.failures).toContain(
      'safety: VLAN isolation broken on pi-switch at 0 s (a port reaches a storage VLAN that is not its own)',
    );
  });
});
