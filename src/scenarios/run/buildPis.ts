import type { NetworkSwitch, PoeResult } from '../../model/networkSwitch.ts';
import type { NfsServer } from '../../model/nfsServer.ts';
import type { RaspberryPi } from '../../model/raspberryPi.ts';
import type { Shelf } from '../../model/shelf.ts';
import type { EstateBuild } from '../parts/types.ts';

/** The Raspberry Pi side of an estate: switches, file servers, Pis and shelves, and what faults and steps do to them. */
export interface PiRuntime {
  readonly pis: ReadonlyMap<string, RaspberryPi>;
  readonly switches: ReadonlyMap<string, NetworkSwitch>;
  readonly nfsServers: ReadonlyMap<string, NfsServer>;
  readonly shelves: ReadonlyMap<string, Shelf>;
  /** Turns the Pi's PoE port off and on; throws when the switch refuses. */
  powerCycle(piId: string): void;
  isServing(piId: string): boolean;
  /** Fails up to `count` running fans; false when none was running. */
  failFans(shelfId: string, count: number): boolean;
  /** The Pi reboots and its netboot stalls; an operator power-cycles it after durationMs. */
  stallNetboot(piId: string, durationMs: number): void;
  failSdCard(piId: string): void;
  /** A Pi's temperature, or a shelf's hottest Pi's; undefined for other parts. */
  celsius(partId: string): number | undefined;
}

export { switchSegmentId } from '../parts/switches.ts';

/**
 * What faults and plan steps do to the Raspberry Pi side of a built estate: its Pis, switches,
 * file servers and shelves, as the part kinds built them.
 */
export function piRuntimeOf(build: EstateBuild): PiRuntime {
  const { context, pis, switches, nfsServers, shelves } = build;
  const { estate } = build.scenario;
  const piOf = (id: string): RaspberryPi => {
    const found = pis.get(id);
    if (found === undefined) throw new Error(`no Raspberry Pi "${id}"`);
    return found;
  };
  const powerCycle = (piId: string): void => {
    const spec = estate.pis?.[piId];
    const portSpec =
      spec === undefined ? undefined : estate.switches?.[spec.switch]?.ports[String(spec.port)];
    // Power-cycling from the switch needs the Pi to draw its power from the port (004: PoE HATs).
    if (portSpec?.poe !== true)
      throw new Error(`${piId} is not powered over Ethernet (its port has no poe: true)`);
    const sw = [...switches.values()].find((candidate) => candidate.portOf(piId) !== undefined);
    const port = sw?.portOf(piId);
    if (sw === undefined || port === undefined) throw new Error(`${piId} is on no switch port`);
    const result: PoeResult = sw.powerCyclePort(port);
    if (result.outcome !== 'powered' && result.outcome !== 'unpowered') {
      throw new Error(`switch ${sw.id} refused to power-cycle port ${port}: ${result.outcome}`);
    }
  };
  const shelfIndex = (piId: string): { shelf: Shelf; index: number } | undefined => {
    for (const shelf of shelves.values()) {
      const index = shelf.indexOfPi(piId);
      if (index !== undefined) return { shelf, index };
    }
    return undefined;
  };

  return {
    pis,
    switches,
    nfsServers,
    shelves,
    powerCycle,
    isServing: (piId) => piOf(piId).isAccepting(),
    failFans(shelfId, count) {
      const shelf = shelves.get(shelfId);
      if (shelf === undefined) throw new Error(`no shelf "${shelfId}"`);
      const running = shelf.fans.filter((fan) => fan.isRunning());
      running.slice(0, count).forEach((fan) => shelf.failFan(shelf.fans.indexOf(fan) + 1));
      return running.length > 0;
    },
    stallNetboot(piId, durationMs) {
      piOf(piId).stallNextBoot();
      powerCycle(piId);
      context.kernel.scheduleCallback(durationMs, () => powerCycle(piId));
    },
    failSdCard: (piId) => piOf(piId).failSdCard(),
    celsius(partId) {
      const shelf = shelves.get(partId);
      if (shelf !== undefined) return shelf.hottestPiCelsius();
      const place = shelfIndex(partId);
      return place === undefined ? undefined : place.shelf.piCelsius(place.index);
    },
  };
}
