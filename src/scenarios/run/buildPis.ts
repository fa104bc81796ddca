import { PI_2, PI_3, phpSlowdown } from '../../model/cpuClasses.ts';
import { createRaspberryPi } from '../../model/raspberryPi.ts';
import type { RaspberryPi } from '../../model/raspberryPi.ts';
import { NetworkSwitch } from '../../model/networkSwitch.ts';
import type { PoeResult } from '../../model/networkSwitch.ts';
import { NfsServer } from '../../model/nfsServer.ts';
import type { Network, NetworkLocation } from '../../model/network.ts';
import type { ModelContext } from '../../model/part.ts';
import { Shelf, fanConductanceForRise } from '../../model/shelf.ts';
import type { WebServerHost } from '../../model/webServerHost.ts';
import type { WebServer } from '../../model/webServer.ts';
import { distributeUpload } from '../../model/uploadDistribution.ts';
import type { Scenario } from '../schema/index.ts';

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
  /**
   * Each upload the web server on this Pi stores is copied to every web-serving Pi's root on the
   * same file server (004_b8bc5fb3cdb64335.txt: "distributing eight copies"), loading their NICs.
   */
  copyUploadsToEveryRoot(piId: string, server: WebServer, bytes: number): void;
}

/** Where the machines on a switch sit on the network. */
export function switchSegmentId(switchId: string): string {
  return `switch@${switchId}`;
}

type AddWebServer = (
  machineId: string,
  host: WebServerHost,
  role: 'primary' | 'secondary',
  location: () => NetworkLocation,
  address: () => string,
) => void;

/**
 * Builds the Pis of a scenario. Pis are found up and powered, as the estate was when the scenario
 * begins; each sits on its switch port with the VLANs and PoE the scenario gives. Pis a shelf holds
 * beyond those listed (its `installed` count) are built too, for their heat.
 */
export function buildPis(
  context: ModelContext,
  network: Network,
  scenario: Scenario,
  addWebServer: AddWebServer,
): PiRuntime {
  const { estate } = scenario;
  const switches = new Map<string, NetworkSwitch>();
  for (const [id, spec] of Object.entries(estate.switches ?? {})) {
    network.addSegment({ id: switchSegmentId(id), siteId: spec.site });
    const portCount = Math.max(24, ...Object.keys(spec.ports).map(Number));
    switches.set(
      id,
      new NetworkSwitch(context, id, {
        portCount,
        ...(spec.poeBudget === undefined ? {} : { poeBudgetWatts: spec.poeBudget }),
      }),
    );
  }
  const switchOf = (id: string): NetworkSwitch => {
    const found = switches.get(id);
    if (found === undefined) throw new Error(`no switch ${id}`);
    return found;
  };

  const nfsServers = new Map<string, NfsServer>();
  for (const [id, spec] of Object.entries(estate.nfsServers ?? {})) {
    const server = new NfsServer(context, id, { portBitsPerSecond: spec.bandwidth });
    switchOf(spec.switch).connect(spec.port, server);
    nfsServers.set(id, server);
  }

  const shelfOfPi = new Map<string, string>();
  const pis = new Map<string, RaspberryPi>();
  for (const [id, spec] of Object.entries(estate.pis ?? {})) {
    const sw = switchOf(spec.switch);
    const shelf = spec.shelf === undefined ? undefined : estate.shelves?.[spec.shelf];
    const nfsServer = spec.nfsServer === undefined ? undefined : nfsServers.get(spec.nfsServer);
    const pi = createRaspberryPi(
      context,
      id,
      spec.model,
      {
        initiallyUp: true,
        rootFilesystem: spec.root,
        bootSource: spec.root === 'nfs' ? 'network' : 'sd',
        nicBitsPerSecond: Math.min(100e6, estate.switches?.[spec.switch]?.portSpeed ?? 100e6),
        ...(spec.power === undefined ? {} : { poeDrawWatts: spec.power }),
        ...(spec.web === undefined
          ? {}
          : {
              softwareSlowdown: phpSlowdown(spec.model === 'pi2' ? PI_2 : PI_3, spec.web.php),
              ...(spec.web.workers === undefined ? {} : { cores: spec.web.workers }),
            }),
        ...(shelf === undefined ? {} : { criticalCelsius: shelf.criticalTemperature }),
      },
      nfsServer === undefined ? {} : { nfsServer },
    );
    // The port is configured before the Pi is plugged in, as an operator would.
    const portSpec = estate.switches?.[spec.switch]?.ports[String(spec.port)];
    sw.configurePort(spec.port, {
      ...(portSpec?.untaggedVlan === undefined ? {} : { untaggedVlan: portSpec.untaggedVlan }),
      taggedVlans: portSpec?.taggedVlans ?? [],
    });
    sw.connect(spec.port, pi);
    // A Pi on a port without PoE is powered some other way (a power brick), so it stays up.
    if (portSpec?.poe === true) sw.setPoe(spec.port, true);
    pis.set(id, pi);
    if (spec.shelf !== undefined) shelfOfPi.set(id, spec.shelf);
    if (spec.web !== undefined) {
      const location = {
        siteId: estate.switches?.[spec.switch]?.site ?? '',
        segmentId: switchSegmentId(spec.switch),
      };
      addWebServer(
        id,
        pi,
        spec.role === 'web-primary' ? 'primary' : 'secondary',
        () => location,
        () => spec.address,
      );
    }
  }
  // Ports the scenario configures with nothing plugged in still carry their VLANs (the file server's).
  for (const [switchId, spec] of Object.entries(estate.switches ?? {})) {
    const sw = switchOf(switchId);
    for (const [port, portSpec] of Object.entries(spec.ports)) {
      const portNumber = Number(port);
      if ([...pis.values()].some((pi) => sw.portOf(pi.id) === portNumber)) continue;
      sw.configurePort(portNumber, {
        ...(portSpec.untaggedVlan === undefined ? {} : { untaggedVlan: portSpec.untaggedVlan }),
        taggedVlans: portSpec.taggedVlans ?? [],
      });
    }
  }

  const shelves = new Map<string, Shelf>();
  for (const [id, spec] of Object.entries(estate.shelves ?? {})) {
    const members = [...pis.entries()].filter(([piId]) => shelfOfPi.get(piId) === id).map(([, pi]) => pi);
    for (let index = members.length; index < spec.installed; index++) {
      // The shelf's other Pis matter here only for their heat: up, on SD, serving nothing.
      members.push(
        createRaspberryPi(context, `${id}-pi${index + 1}`, spec.model, {
          initiallyUp: true,
          bootSource: 'sd',
          rootFilesystem: 'sd',
          criticalCelsius: spec.criticalTemperature,
        }),
      );
    }
    const heatWatts = members.reduce((sum, pi) => sum + pi.params.poeDrawWatts, 0);
    shelves.set(
      id,
      new Shelf(context, id, members, {
        fanCount: spec.fans,
        coldAisleCelsius: spec.coldAisle,
        ...(spec.hotAisleRise === undefined
          ? {}
          : { fanConductanceWattsPerKelvin: fanConductanceForRise(heatWatts, spec.hotAisleRise, spec.fans) }),
      }),
    );
  }

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
    copyUploadsToEveryRoot(piId, server, bytes) {
      const spec = estate.pis?.[piId];
      const receivingPi = piOf(piId);
      const nfsServer = spec?.nfsServer === undefined ? undefined : nfsServers.get(spec.nfsServer);
      if (spec === undefined || nfsServer === undefined) return;
      const peers = Object.entries(estate.pis ?? {})
        .filter(([, peer]) => peer.nfsServer === spec.nfsServer && peer.web !== undefined)
        .map(([peerId]) => piOf(peerId));
      const network = switchOf(spec.switch);
      server.onUpload(() =>
        distributeUpload(context, { network, nfsServer, receivingPi, pis: peers, bytes }),
      );
    },
    celsius(partId) {
      const shelf = shelves.get(partId);
      if (shelf !== undefined) return shelf.hottestPiCelsius();
      const place = shelfIndex(partId);
      return place === undefined ? undefined : place.shelf.piCelsius(place.index);
    },
  };
}
