import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twin } from '../../cli/support/twin.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/**
 * Every limit a model constructor asserts on the estate is refused by `validate` (exit 2, the path
 * named), and the value at the edge of each limit runs: validate ok implies run does not crash.
 */

const SHELF = 'site: HEX, size: 108, model: pi3, fans: 2, coldAisle: 22C, criticalTemperature: 85C';

function scenarioText(estateOverride: string): string {
  return `name: limits
seed: 1
duration: 2m
estate:
  extends: raspberrypi-2016-pi-cluster
${estateOverride}
workload:
  crowd: { shape: constant, users: 10 }
  thinkTime: 30s
  mix: { cached: 100% }
  requestTimeout: 30s
`;
}

async function validate(estateOverride: string): Promise<{ code: number; stderr: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'estate-twin-limits-'));
  writeFileSync(join(directory, 'limits.yaml'), scenarioText(estateOverride));
  return twin(['validate', 'limits.yaml'], { cwd: directory });
}

const refused: Array<[what: string, override: string, path: string, expected: string]> = [
  [
    'a cold aisle hotter than the room drifts',
    `  shelves:\n    shelf1: { ${SHELF.replace('22C', '30C')}, installed: 10 }`,
    'estate.shelves.shelf1.coldAisle',
    'a room temperature from 18C to 27C',
  ],
  [
    'a hot-aisle rise natural convection alone exceeds',
    `  shelves:\n    shelf1: { ${SHELF}, installed: 10, hotAisleRise: 1000C }`,
    'estate.shelves.shelf1.hotAisleRise',
    'at most 49.9C',
  ],
  [
    'more fans than the shelf model places',
    `  shelves:\n    shelf1: { ${SHELF.replace('fans: 2', 'fans: 17')}, installed: 10 }`,
    'estate.shelves.shelf1.fans',
    'a whole number from 1 to 16',
  ],
  [
    'an empty shelf',
    `  shelves:\n    shelf1: { ${SHELF}, installed: 0 }`,
    'estate.shelves.shelf1.installed',
    'a whole number from 1 to 108',
  ],
  [
    'a critical temperature below the throttle point',
    `  shelves:\n    shelf1: { ${SHELF.replace('85C', '70C')}, installed: 4 }`,
    'estate.shelves.shelf1.criticalTemperature',
    'at least 80C',
  ],
  [
    'a Pi on switch port 600',
    `  switches:\n    pi-switch: { ports: { '600': { untaggedVlan: 30, taggedVlans: [131] } } }\n  pis:\n    pi1: { port: 600 }`,
    'estate.pis.pi1.port',
    'a whole number from 1 to 512',
  ],
  [
    'a switch port numbered 0',
    `  switches:\n    pi-switch: { ports: { '0': { untaggedVlan: 30 } } }`,
    'estate.switches.pi-switch.ports.0',
    'a port number from 1 to 512',
  ],
  [
    'storage VLAN 131, the public VLAN the port also carries tagged',
    `  switches:\n    pi-switch: { ports: { '1': { untaggedVlan: 131, taggedVlans: [131], poe: true } } }`,
    'estate.switches.pi-switch.ports.1.untaggedVlan',
    'a storage VLAN other than the public VLAN 131',
  ],
  [
    'a VLAN both untagged and tagged',
    `  switches:\n    pi-switch: { ports: { '2': { untaggedVlan: 11, taggedVlans: [11, 131], poe: true } } }`,
    'estate.switches.pi-switch.ports.2.untaggedVlan',
    'a VLAN not also in taggedVlans',
  ],
  [
    'a Pi drawing more idle than a busy Pi',
    `  pis:\n    pi1: { power: 6W }`,
    'estate.pis.pi1.power',
    'at most 5.3W',
  ],
  [
    'a critical temperature past the shutdown point',
    `  shelves:\n    shelf1: { ${SHELF.replace('85C', '95C')}, installed: 4 }`,
    'estate.shelves.shelf1.criticalTemperature',
    'at most 90C',
  ],
  [
    'a VM host without memory',
    `  hosts:\n    old-hex: { ram: 0GB }`,
    'estate.hosts.old-hex.ram',
    'a size above zero',
  ],
  [
    'a Pi named like one of a shelf’s unlisted Pis',
    `  shelves:\n    shelf1: { ${SHELF}, installed: 3 }\n  pis:\n    pi1: { shelf: shelf1 }\n    pi2: { shelf: shelf1 }\n    shelf1-pi3: { model: pi3, root: sd, switch: pi-switch, port: 3, address: '10.0.0.3' }\n    pi3: { port: 9 }\n  switches:\n    pi-switch: { ports: { '9': { untaggedVlan: 30, taggedVlans: [131] } } }`,
    'estate.pis.shelf1-pi3',
    'an id no unlisted Pi takes',
  ],
];

describe('validate refuses what the model would refuse', () => {
  it.each(refused)('%s', async (_what, override, path, expected) => {
    const { code, stderr } = await validate(override);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`limits\\.yaml:\\d+:\\d+ ${path.replaceAll('.', '\\.')}: found `));
    expect(stderr).toContain(`expected ${expected}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

const edges: Array<[what: string, override: string]> = [
  ['the coldest room', `  shelves:\n    shelf1: { ${SHELF.replace('22C', '18C')}, installed: 10 }`],
  ['the warmest room', `  shelves:\n    shelf1: { ${SHELF.replace('22C', '27C')}, installed: 10 }`],
  [
    'a hot-aisle rise just within natural convection',
    `  shelves:\n    shelf1: { ${SHELF}, installed: 10, hotAisleRise: 8C }`,
  ],
  ['sixteen fans', `  shelves:\n    shelf1: { ${SHELF.replace('fans: 2', 'fans: 16')}, installed: 1 }`],
  [
    'a critical temperature at the throttle point',
    `  shelves:\n    shelf1: { ${SHELF.replace('85C', '80C')}, installed: 4 }`,
  ],
  [
    'a Pi on port 512',
    `  switches:\n    pi-switch: { ports: { '512': { untaggedVlan: 30, taggedVlans: [131] } } }\n  pis:\n    pi1: { port: 512 }`,
  ],
  ['a Pi drawing what a busy Pi draws', `  pis:\n    pi1: { power: 5.3W }`],
  [
    'a critical temperature at the shutdown point',
    `  shelves:\n    shelf1: { ${SHELF.replace('85C', '90C')}, installed: 4 }`,
  ],
  [
    'storage VLAN 131 not tagged (an isolation fault, which the switch reports)',
    `  switches:\n    pi-switch: { ports: { '1': { untaggedVlan: 131, taggedVlans: [], poe: true } } }`,
  ],
];

describe('the value at the edge of each limit validates and runs', () => {
  it.each(edges)('%s', (_what, override) => {
    const result = parseScenarioText(scenarioText(override), 'edge.yaml', builtinEstateLibrary);
    if (!result.ok) expect.fail(result.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
    const report = runScenario(result.scenario);
    expect(report.traceHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
