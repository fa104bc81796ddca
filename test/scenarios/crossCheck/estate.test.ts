import { describe, expect, it } from 'vitest';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';

function issuesOf(estateOverride: string, duration = '1h'): string[] {
  const text = `
name: cross
seed: 1
duration: ${duration}
estate:
  extends: raspberrypi-2016
${estateOverride}
workload:
  crowd: { shape: constant, users: 10 }
  thinkTime: 30s
  mix: { cached: 100% }
  requestTimeout: 30s
`;
  const result = parseScenarioText(text, 'cross.yaml', builtinEstateLibrary);
  return result.ok
    ? []
    : result.issues.map((issue) => `${issue.path}: found ${issue.found}, expected ${issue.expected}`);
}

describe('web servers match their machines', () => {
  it('refuses more PHP workers than cores, on a VM and on a Pi', () => {
    expect(
      issuesOf(`  vms:
    web1: { web: { cpu: vm-2.4ghz, php: '5.6', workers: 48 } }
  pis:
    hostingpi3: { web: { cpu: pi3, php: '7', workers: 8 } }`),
    ).toEqual([
      'estate.vms.web1.web.workers: found 48 workers on 24 cores, expected at most 24, one per core',
      'estate.pis.hostingpi3.web.workers: found 8 workers, expected at most 4, one per core',
    ]);
  });

  it("refuses a CPU class that is not the machine's", () => {
    expect(
      issuesOf(`  vms:
    web1: { web: { cpu: pi3, php: '7' } }
  pis:
    hostingpi2: { web: { cpu: pi3, php: '7' } }`),
    ).toEqual([
      'estate.vms.web1.web.cpu: found "pi3" on a VM, expected "vm-2.4ghz" (pi2 and pi3 are for Pis)',
      'estate.pis.hostingpi2.web.cpu: found "pi3" on a pi2, expected "pi2", the Pi\'s model',
    ]);
  });

  it('refuses a Pi that draws no power and a run longer than a year and a day', () => {
    const issues = issuesOf(
      `  pis:
    hostingpi3: { power: 0W }`,
      '400d',
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^estate\.pis\.hostingpi3\.power: found .*, expected a power above zero/),
      ]),
    );
    expect(issuesOf('', '400d')).toEqual(['duration: found 400d, expected at most 366d']);
  });
});
