import { isPlainMapping } from '../../merge.ts';
import type { Override, Variant } from './overrides.ts';
import type { RawScenario } from './rawScenario.ts';
import { mappingAt } from './rawAccess.ts';

/**
 * The degraded modes: the scenario with one part lost for the whole run, each part the scenario
 * has that it could lose and still serve. A web server (VM or Pi) leaves the CDN's pool, as the
 * health checks would take it out a few seconds after it died; a replica leaves the replication
 * list; a CDN node fails at the start and stays down (the cdn-node-failure fault without a
 * duration); a shelf loses one fan at the start (fan-failure). A kind with a single part is left
 * out: losing it is an outage, not a degraded mode.
 */
function appendFault(raw: RawScenario, fault: Readonly<Record<string, unknown>>): Override {
  const faults = Array.isArray(raw['faults']) ? (raw['faults'] as unknown[]) : [];
  return { path: 'faults', value: [...faults, { ...fault, at: '0s' }] };
}

function webServerLosses(raw: RawScenario): Variant[] {
  const backends = Object.keys(mappingAt(raw, 'estate', 'cdn', 'backends'));
  if (backends.length < 2) return [];
  return backends.map((id) => ({
    name: `${id}-down`,
    description: `${id} lost (out of the CDN's pool)`,
    overrides: [{ path: `estate.cdn.backends.${id}`, value: null }],
  }));
}

function replicaLosses(raw: RawScenario): Variant[] {
  const replicas = mappingAt(raw, 'estate', 'mysql')['replicas'];
  if (!Array.isArray(replicas)) return [];
  return replicas.map((id) => ({
    name: `${String(id)}-down`,
    description: `replica ${String(id)} lost`,
    overrides: [{ path: 'estate.mysql.replicas', value: replicas.filter((each) => each !== id) }],
  }));
}

function cdnNodeLosses(raw: RawScenario): Variant[] {
  const nodes = Object.keys(mappingAt(raw, 'estate', 'cdn', 'nodes'));
  if (nodes.length < 2) return [];
  return nodes.map((id) => ({
    name: `${id}-down`,
    description: `CDN node ${id} down from the start`,
    overrides: [appendFault(raw, { kind: 'cdn-node-failure', target: id })],
  }));
}

function fanLosses(raw: RawScenario): Variant[] {
  return Object.entries(mappingAt(raw, 'estate', 'shelves')).flatMap(([id, shelf]) =>
    isPlainMapping(shelf)
      ? [
          {
            name: `${id}-fan-down`,
            description: `one of shelf ${id}'s fans stopped from the start`,
            overrides: [appendFault(raw, { kind: 'fan-failure', target: id, fans: 1 })],
          },
        ]
      : [],
  );
}

export function degradedVariants(raw: RawScenario): Variant[] {
  return [...webServerLosses(raw), ...replicaLosses(raw), ...cdnNodeLosses(raw), ...fanLosses(raw)];
}
