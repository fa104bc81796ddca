import { NETWORK_SWITCH_DEFAULTS } from '../../model/networkSwitch.ts';
import { NFS_SERVER_DEFAULTS } from '../../model/nfsServer.ts';
import { raspberryPiParams } from '../../model/raspberryPiParams.ts';
import { SHELF_DEFAULTS } from '../../model/shelf.ts';
import type { Estate, ShelfSpec } from '../schema/index.ts';
import { unlistedPiId } from '../parts/shelves.ts';
import type { IssueList } from './issues.ts';
import { partIdsByKind } from './estate.ts';

/**
 * What the model's constructors refuse that depends on more than one field, checked here so that a
 * scenario `validate` accepts is one `run` builds (the single-field limits are in the schema). Each
 * check names the rule of the model it mirrors.
 */
export function crossCheckEstateLimits(estate: Estate, issues: IssueList): void {
  checkPortVlans(estate, issues);
  checkPiPower(estate, issues);
  checkShelves(estate, issues);
  checkNfsExports(estate, issues);
  checkUnlistedPiIds(estate, issues);
}

/** NetworkSwitch.configurePort: a VLAN is either untagged or tagged on a port, never both. */
function checkPortVlans(estate: Estate, issues: IssueList): void {
  const { publicVlan } = NETWORK_SWITCH_DEFAULTS;
  for (const [switchId, spec] of Object.entries(estate.switches ?? {})) {
    for (const [port, portSpec] of Object.entries(spec.ports)) {
      const untagged = portSpec.untaggedVlan;
      if (untagged === undefined || !(portSpec.taggedVlans ?? []).includes(untagged)) continue;
      const what = untagged === publicVlan ? `the public VLAN ${publicVlan}` : `VLAN ${untagged}`;
      issues.add(
        ['estate', 'switches', switchId, 'ports', port, 'untaggedVlan'],
        `${what}, also tagged on this port`,
        untagged === publicVlan
          ? `a storage VLAN other than the public VLAN ${publicVlan}, which the port carries tagged`
          : 'a VLAN not also in taggedVlans',
      );
    }
  }
}

/** validateRaspberryPiParams: a throttled Pi draws less than a busy one, so power ≥ throttled power. */
function checkPiPower(estate: Estate, issues: IssueList): void {
  for (const [id, pi] of Object.entries(estate.pis ?? {})) {
    if (pi.power === undefined) continue;
    const { throttledPowerWatts } = raspberryPiParams(pi.model);
    if (pi.power >= throttledPowerWatts) continue;
    issues.add(
      ['estate', 'pis', id, 'power'],
      formatWatts(pi.power),
      `at least ${formatWatts(throttledPowerWatts)}, what a throttled ${pi.model} still draws`,
    );
  }
}

function checkShelves(estate: Estate, issues: IssueList): void {
  for (const [id, shelf] of Object.entries(estate.shelves ?? {})) {
    const path = ['estate', 'shelves', id];
    // validateRaspberryPiParams: a Pi is in danger no sooner than it throttles.
    const { throttleCelsius } = raspberryPiParams(shelf.model);
    if (shelf.criticalTemperature < throttleCelsius) {
      issues.add(
        [...path, 'criticalTemperature'],
        `${shelf.criticalTemperature}C`,
        `at least ${throttleCelsius}C, where a ${shelf.model} starts to throttle`,
      );
    }
    checkHotAisleRise(estate, id, shelf, issues);
  }
}

/**
 * fanConductanceForRise: the stated rise must need some fan airflow, so it is at most what natural
 * convection alone would give with every Pi drawing its full power.
 */
function checkHotAisleRise(estate: Estate, shelfId: string, shelf: ShelfSpec, issues: IssueList): void {
  if (shelf.hotAisleRise === undefined) return;
  const named = Object.values(estate.pis ?? {}).filter((pi) => pi.shelf === shelfId);
  if (named.length > shelf.installed) return;
  const defaultWatts = raspberryPiParams(shelf.model).poeDrawWatts;
  const heatWatts =
    named.reduce((sum, pi) => sum + (pi.power ?? raspberryPiParams(pi.model).poeDrawWatts), 0) +
    (shelf.installed - named.length) * defaultWatts;
  const riseMaxCelsius = heatWatts / SHELF_DEFAULTS.naturalConductanceWattsPerKelvin;
  if (shelf.hotAisleRise <= riseMaxCelsius) return;
  issues.add(
    ['estate', 'shelves', shelfId, 'hotAisleRise'],
    `${shelf.hotAisleRise}C`,
    `at most ${riseMaxCelsius.toFixed(1)}C: the shelf's ${formatWatts(heatWatts)} warms the air only that much with no fan at all`,
  );
}

/** NfsServer.addExport: one root per Pi, up to the server's exportsMax. */
function checkNfsExports(estate: Estate, issues: IssueList): void {
  const { exportsMax } = NFS_SERVER_DEFAULTS;
  for (const id of Object.keys(estate.nfsServers ?? {})) {
    const roots = Object.values(estate.pis ?? {}).filter((pi) => pi.nfsServer === id).length;
    if (roots > exportsMax)
      issues.add(
        ['estate', 'nfsServers', id],
        `the roots of ${roots} Pis`,
        `at most ${exportsMax} roots on one file server`,
      );
  }
}

/**
 * The Pis a shelf holds beyond those listed are built as `<shelf>-pi<n>`; PartRegistry refuses a
 * second part of the same name, so no other part may take one of those names.
 */
function checkUnlistedPiIds(estate: Estate, issues: IssueList): void {
  const where = new Map<string, string[]>();
  for (const [, path, ids] of partIdsByKind(estate)) for (const id of ids) where.set(id, [...path, id]);
  for (const [shelfId, shelf] of Object.entries(estate.shelves ?? {})) {
    const named = Object.values(estate.pis ?? {}).filter((pi) => pi.shelf === shelfId).length;
    for (let index = named; index < shelf.installed; index++) {
      const unlistedId = unlistedPiId(shelfId, index);
      const path = where.get(unlistedId);
      if (path === undefined) continue;
      issues.add(
        ['estate', ...path],
        `"${unlistedId}", the name of one of shelf ${shelfId}'s unlisted Pis`,
        'an id no unlisted Pi takes',
      );
    }
  }
}

/** Watts as a scenario writes them, e.g. `1.5W`. */
function formatWatts(watts: number): string {
  return `${Number(watts.toFixed(2))}W`;
}
