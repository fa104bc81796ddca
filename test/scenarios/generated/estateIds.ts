import { builtinEstates } from '../../../src/scenarios/builtin/index.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';

/** The ids of each kind of part in a built-in estate: what generated steps and faults can name. */
export interface EstateIds {
  readonly name: string;
  readonly vms: readonly string[];
  readonly hosts: readonly string[];
  readonly pis: readonly string[];
  /** Pis that netboot (NFS root): the only ones whose netboot can stall. */
  readonly netbootPis: readonly string[];
  /** Pis on a PoE port: the only ones a plan can power-cycle. */
  readonly poePis: readonly string[];
  readonly shelves: readonly string[];
  readonly siteLinks: readonly string[];
  readonly backends: readonly string[];
  readonly replicas: readonly string[];
}

/** Reads every built-in estate through the real loader, so the ids are the ones a run builds. */
export function builtinEstateIds(): EstateIds[] {
  return builtinEstates.map(({ name }) => {
    const text = `name: ids\nseed: 1\nduration: 1m\nestate: { extends: ${name} }\nworkload: { crowd: { shape: constant, users: 1 }, thinkTime: 30s, mix: { cached: 100% }, requestTimeout: 30s }\n`;
    const result = parseScenarioText(text, `${name}.yaml`, builtinEstateLibrary);
    if (!result.ok)
      throw new Error(`built-in estate ${name} does not load: ${JSON.stringify(result.issues)}`);
    const { estate } = result.scenario;
    return {
      name,
      vms: Object.keys(estate.vms),
      hosts: Object.keys(estate.hosts),
      pis: Object.keys(estate.pis ?? {}),
      netbootPis: Object.entries(estate.pis ?? {})
        .filter(([, pi]) => pi.root === 'nfs')
        .map(([id]) => id),
      poePis: Object.entries(estate.pis ?? {})
        .filter(([, pi]) => estate.switches?.[pi.switch]?.ports[String(pi.port)]?.poe === true)
        .map(([id]) => id),
      shelves: Object.keys(estate.shelves ?? {}),
      siteLinks: Object.keys(estate.siteLinks ?? {}),
      backends: Object.keys(estate.cdn.backends),
      replicas: estate.mysql.replicas,
    };
  });
}
