import { describe, expect, it } from 'vitest';
import { serviceDemands } from '../../../src/scenarios/capacity/analytic/demands.ts';
import { meanValueAnalysis } from '../../../src/scenarios/capacity/analytic/mva.ts';
import { sloFigures } from '../../../src/scenarios/capacity/slo.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';

/** Every request an uncached page on the 2015 web VMs, a closed crowd thinking 5 s. */
function closedCrowd(users: number): Scenario {
  const text = `name: closed-${users}
seed: 11
duration: 10m
estate:
  extends: raspberrypi-2015
workload:
  crowd: { shape: constant, users: ${users} }
  thinkTime: 5s
  mix: { uncached: 100% }
  requestTimeout: 30s
`;
  const result = parseScenarioText(text, 'closed.yaml', builtinEstateLibrary);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.scenario;
}

describe('MVA beside the simulator', () => {
  // Below, at and above the knee N* = (D + Z) / D_max ≈ (0.4 + 5) × 120 ≈ 650 users.
  it.each([300, 650, 1200])(
    'gives the simulated throughput within 3 percent with %i users',
    (users) => {
      const scenario = closedCrowd(users);
      const simulated = sloFigures(runScenario(scenario)).throughputPerSecond;
      const theory = meanValueAnalysis(serviceDemands(scenario), 5, users).throughputPerSecond;
      expect(Math.abs(simulated / theory - 1)).toBeLessThan(0.03);
    },
    120_000,
  );
});
