import { stringify } from 'yaml';

/**
 * The valid scenario the corpus's bad inputs are made from: each case changes one thing. It runs
 * in a fraction of a second (two minutes, a small crowd), so cases that get as far as a run
 * stay quick.
 */
export function baseScenario(): Record<string, unknown> {
  return {
    name: 'corpus',
    seed: 1,
    duration: '2m',
    estate: { extends: 'raspberrypi-2017' },
    workload: {
      crowd: { shape: 'constant', users: 50 },
      thinkTime: '30s',
      mix: { cached: '80%', uncached: '20%' },
      requestTimeout: '30s',
    },
    plan: [{ name: 'Start db2', action: 'start', vm: 'db2', at: '10s' }],
    faults: [{ name: 'web2-crashes', kind: 'vm-crash', target: 'web2', at: '30s' }],
    checks: [{ check: 'user-downtime', name: 'No downtime', max: '0s' }],
  };
}

/** The base scenario with one value set at a path (a value of undefined deletes the key). */
export function withChange(path: readonly (string | number)[], value: unknown): string {
  const scenario = baseScenario();
  let parent: Record<string | number, unknown> = scenario;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return stringify(scenario);
}

/** The base scenario with several top-level keys replaced. */
export function withKeys(keys: Record<string, unknown>): string {
  return stringify({ ...baseScenario(), ...keys });
}

/** `shelves` many shelves of 108 Pi 3s, for the memory budget. */
export function manyShelves(count: number): Record<string, unknown> {
  const shelves: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    shelves[`s${index}`] = {
      site: 'HEX',
      size: 108,
      installed: 108,
      model: 'pi3',
      fans: 2,
      coldAisle: '22C',
      criticalTemperature: '85C',
    };
  }
  return shelves;
}
