import { isPlainMapping } from '../../merge.ts';
import { addPiOverrides } from './addPi.ts';
import type { Override, Variant } from './overrides.ts';
import type { RawScenario } from './rawScenario.ts';
import { freshId, mappingAt } from './rawAccess.ts';

/**
 * The built-in what-if variants: the changes the seeds weighed (a Pi more, bigger VMs, staticify,
 * PHP 7, another CDN node). Each is computed from the scenario, so it names the scenario's own
 * parts; one that would change nothing is not applicable, with the reason.
 */
export type BuiltVariant = { ok: true; variant: Variant } | { ok: false; name: string; reason: string };

interface BuiltinWhatIf {
  readonly name: string;
  readonly description: string;
  build(raw: RawScenario): Override[] | string;
}

/** Every VM and Pi that runs a web server, as [path to it, its spec]. */
function webServers(raw: RawScenario): [string, Readonly<Record<string, unknown>>][] {
  const kinds = ['vms', 'pis'] as const;
  return kinds.flatMap((kind) =>
    Object.entries(mappingAt(raw, 'estate', kind)).flatMap(([id, spec]) =>
      isPlainMapping(spec) && isPlainMapping(spec['web'])
        ? [[`estate.${kind}.${id}`, spec] as [string, Record<string, unknown>]]
        : [],
    ),
  );
}

/**
 * Doubles each web VM's cores. A host cannot give its VMs more cores than it has, so a host the
 * doubled VMs would overfill is grown to exactly what its VMs then need: the variant asks what
 * bigger web VMs buy, not whether the old host could hold them.
 */
function doubleWebCores(raw: RawScenario): Override[] | string {
  const vms = webServers(raw).filter(([path]) => path.startsWith('estate.vms.'));
  if (vms.length === 0) return 'no web server runs on a VM';
  const doubled = new Set(vms.map(([path]) => path));
  const overrides: Override[] = vms.map(([path, spec]) => ({
    path: `${path}.cores`,
    value: Number(spec['cores']) * 2,
  }));
  const needed = new Map<string, number>();
  for (const [id, spec] of Object.entries(mappingAt(raw, 'estate', 'vms'))) {
    if (!isPlainMapping(spec)) continue;
    const cores = Number(spec['cores']) * (doubled.has(`estate.vms.${id}`) ? 2 : 1);
    const host = String(spec['host']);
    needed.set(host, (needed.get(host) ?? 0) + cores);
  }
  for (const [host, cores] of needed)
    if (cores > Number(mappingAt(raw, 'estate', 'hosts', host)['cores']))
      overrides.push({ path: `estate.hosts.${host}.cores`, value: cores });
  return overrides;
}

function setPhp(raw: RawScenario, version: string): Override[] | string {
  const changes = webServers(raw)
    .filter(([, spec]) => String(mappingAt(spec, 'web')['php']) !== version)
    .map(([path]) => ({ path: `${path}.web.php`, value: version }));
  return changes.length > 0 ? changes : `every web server already runs PHP ${version}`;
}

export const BUILTIN_WHAT_IFS: readonly BuiltinWhatIf[] = [
  {
    name: 'add-pi',
    description: 'one more Pi behind the CDN, a copy of the last one',
    build: (raw) => addPiOverrides(raw) ?? 'the CDN sends to no Pi that could be copied',
  },
  {
    name: 'double-cores',
    description: 'twice the cores on every web VM (their host grown to fit)',
    build: doubleWebCores,
  },
  {
    name: 'staticify-off',
    description: 'staticify turned off (key pages rendered by PHP again)',
    build: (raw) =>
      mappingAt(raw, 'estate', 'pageCache')['staticify'] === 'off'
        ? 'staticify is off already'
        : [{ path: 'estate.pageCache.staticify', value: 'off' }],
  },
  { name: 'php-7', description: 'every web server on PHP 7', build: (raw) => setPhp(raw, '7') },
  { name: 'php-5.6', description: 'every web server on PHP 5.6', build: (raw) => setPhp(raw, '5.6') },
  {
    name: 'add-cdn-node',
    description: 'a second (or further) CDN node, a copy of the last one',
    build(raw) {
      const nodes = mappingAt(raw, 'estate', 'cdn', 'nodes');
      const last = Object.keys(nodes).sort().pop();
      if (last === undefined) return 'the estate has no CDN node to copy';
      return [{ path: `estate.cdn.nodes.${freshId('added-cdn', nodes)}`, value: nodes[last] }];
    },
  },
];

export const BUILTIN_WHAT_IF_NAMES = BUILTIN_WHAT_IFS.map((each) => each.name);

/** The built-in variant of this name for this scenario; undefined for an unknown name. */
export function builtinWhatIf(name: string, raw: RawScenario): BuiltVariant | undefined {
  const builtin = BUILTIN_WHAT_IFS.find((each) => each.name === name);
  if (builtin === undefined) return undefined;
  const overrides = builtin.build(raw);
  return typeof overrides === 'string'
    ? { ok: false, name, reason: overrides }
    : { ok: true, variant: { name, description: builtin.description, overrides } };
}
