import { isPlainMapping } from '../../merge.ts';
import type { Override } from './overrides.ts';
import type { RawScenario } from './rawScenario.ts';
import { freshId, mappingAt } from './rawAccess.ts';

/**
 * "Add a Pi": a copy of the last Pi the CDN sends to (the same model, root, switch, web server and
 * weight), on the next free port of its switch with a storage VLAN of its own (tagged wherever the
 * copied Pi's is, as the NFS server's port is), at the next free address. Undefined when the
 * scenario has no Pi behind the CDN to copy.
 */
export function addPiOverrides(raw: RawScenario): Override[] | undefined {
  const pis = mappingAt(raw, 'estate', 'pis');
  const backends = mappingAt(raw, 'estate', 'cdn', 'backends');
  const template = Object.keys(pis)
    .filter((id) => Object.hasOwn(backends, id))
    .sort()
    .pop();
  if (template === undefined) return undefined;
  const pi = mappingAt(pis, template);
  const id = freshId('added-pi', pis);
  const switchId = String(pi['switch']);
  const ports = mappingAt(raw, 'estate', 'switches', switchId, 'ports');
  const port = Math.max(0, ...usedPorts(raw, switchId)) + 1;
  const overrides: Override[] = [
    { path: `estate.pis.${id}`, value: { ...pi, port, address: nextAddress(raw, String(pi['address'])) } },
    { path: `estate.cdn.backends.${id}`, value: backends[template] },
  ];
  const templatePort = mappingAt(ports, String(pi['port']));
  const vlan = templatePort['untaggedVlan'];
  if (typeof vlan !== 'number')
    return [...overrides, { path: `estate.switches.${switchId}.ports.${port}`, value: templatePort }];
  const vlans = Object.values(ports).map((each) => (isPlainMapping(each) ? each['untaggedVlan'] : undefined));
  const newVlan = Math.max(...vlans.filter((each): each is number => typeof each === 'number')) + 1;
  overrides.push({
    path: `estate.switches.${switchId}.ports.${port}`,
    value: { ...templatePort, untaggedVlan: newVlan },
  });
  for (const [number, each] of Object.entries(ports)) {
    const tagged = isPlainMapping(each) ? each['taggedVlans'] : undefined;
    if (Array.isArray(tagged) && tagged.includes(vlan))
      overrides.push({
        path: `estate.switches.${switchId}.ports.${number}.taggedVlans`,
        value: [...tagged, newVlan],
      });
  }
  return overrides;
}

/** The port numbers on a switch that a Pi or an NFS server already uses, or that are configured. */
function usedPorts(raw: RawScenario, switchId: string): number[] {
  const users = [
    ...Object.values(mappingAt(raw, 'estate', 'pis')),
    ...Object.values(mappingAt(raw, 'estate', 'nfsServers')),
  ];
  const used = users.flatMap((each) =>
    isPlainMapping(each) && each['switch'] === switchId ? [Number(each['port'])] : [],
  );
  const configured = Object.keys(mappingAt(raw, 'estate', 'switches', switchId, 'ports')).map(Number);
  return [...used, ...configured].filter((port) => Number.isFinite(port));
}

/** The template's address with its last group counted up until no part has it. */
function nextAddress(raw: RawScenario, address: string): string {
  const taken = new Set(JSON.stringify(raw.estate).match(/"address":"[^"]*"/g) ?? []);
  const separator = address.includes(':') ? ':' : '.';
  const groups = address.split(separator);
  const radix = separator === ':' ? 16 : 10;
  const last = parseInt(groups.pop() ?? '0', radix);
  for (let step = 1; step < 1000; step++) {
    const candidate = [...groups, (last + step).toString(radix)].join(separator);
    if (!taken.has(`"address":"${candidate}"`)) return candidate;
  }
  return address;
}
