import { PI_2, PI_3, phpSlowdown } from '../../model/cpuClasses.ts';
import { ChangeFilteredHost } from '../../model/hostChangeFilter.ts';
import type { NetworkSwitch } from '../../model/networkSwitch.ts';
import { createRaspberryPi } from '../../model/raspberryPi.ts';
import type { RaspberryPi } from '../../model/raspberryPi.ts';
import type { RaspberryPiOverrides } from '../../model/raspberryPiParams.ts';
import { distributeUpload } from '../../model/uploadDistribution.ts';
import { raspberryPiCrashRule } from '../../model/raspberryPiMachine.ts';
import { addressSchema, oneOf, partsById, positiveWatts, reference, strictObject } from '../schema/common.ts';
import type { PiSpec, SwitchPortSpec } from '../schema/index.ts';
import type { EstateBuild, PartKind } from './types.ts';
import { partOf } from './types.ts';
import { switchPort, switchSegmentId } from './switches.ts';
import { addWebServer, webServerSchema } from './webServers.ts';

// --- Spec ---

export const piModels = ['pi2', 'pi3'] as const;

export const piSchema = strictObject(
  {
    model: oneOf(piModels, 'Raspberry Pi model.'),
    root: oneOf(
      ['nfs', 'sd'],
      'Root filesystem: on the NFS server, or on the SD card (which stalls under heavy writes).',
    ),
    nfsServer: reference('an NFS server').optional().describe('Required when root is nfs.'),
    switch: reference('a switch'),
    port: switchPort('Switch port it is plugged into.'),
    shelf: reference('a shelf').optional(),
    address: addressSchema,
    power: positiveWatts('Power draw; the seeds measured 2W for a Pi 3').optional(),
    web: webServerSchema.optional(),
    role: oneOf(
      ['web-primary', 'web-secondary'],
      'For a Pi running a web server: web-primary also serves admin and uploads and syncs files to the others (by default web-secondary).',
    ).optional(),
  },
  'A Raspberry Pi.',
);

export const pisFields = { pis: partsById(piSchema, 'Raspberry Pis.').optional() };

// --- Kind ---

/**
 * Raspberry Pis, found up and powered as the estate was when the scenario begins; each sits on its
 * switch port with the VLANs and PoE the scenario gives, and runs a web server when it has `web:`.
 * A Pi crashes when its kernel falls over (raspberryPiCrashRule).
 */
export const pisKind: PartKind = {
  label: 'Raspberry Pi',
  crashRule: raspberryPiCrashRule,
  build(build) {
    const { estate } = build.scenario;
    for (const [id, spec] of Object.entries(estate.pis ?? {})) buildPi(build, id, spec);
    // Ports the scenario configures with nothing plugged in still carry their VLANs (the file server's).
    for (const [switchId, spec] of Object.entries(estate.switches ?? {})) {
      const sw = partOf(build.switches, switchId, 'switch');
      for (const [port, portSpec] of Object.entries(spec.ports)) {
        const portNumber = Number(port);
        if ([...build.pis.values()].some((pi) => sw.portOf(pi.id) === portNumber)) continue;
        sw.configurePort(portNumber, {
          ...(portSpec.untaggedVlan === undefined ? {} : { untaggedVlan: portSpec.untaggedVlan }),
          taggedVlans: portSpec.taggedVlans ?? [],
        });
      }
    }
  },
  wire: copyUploadsToEveryRoot,
};

/**
 * Each upload the primary web server on a Pi stores is copied to every web-serving Pi's root on
 * the same file server (004_b8bc5fb3cdb64335.txt: "distributing eight copies"), loading their NICs.
 */
function copyUploadsToEveryRoot(build: EstateBuild): void {
  const { estate } = build.scenario;
  const bytes = build.engine.params.uploadBytes;
  for (const [piId, server] of build.webServers) {
    const spec = estate.pis?.[piId];
    if (server.role !== 'primary' || spec === undefined || spec.nfsServer === undefined) continue;
    const nfsServer = partOf(build.nfsServers, spec.nfsServer, 'NFS server');
    const receivingPi = partOf(build.pis, piId, 'Raspberry Pi');
    const peers = Object.entries(estate.pis ?? {})
      .filter(([, peer]) => peer.nfsServer === spec.nfsServer && peer.web !== undefined)
      .map(([peerId]) => partOf(build.pis, peerId, 'Raspberry Pi'));
    const network = partOf(build.switches, spec.switch, 'switch');
    server.onUpload(() =>
      distributeUpload(build.context, { network, nfsServer, receivingPi, pis: peers, bytes }),
    );
  }
}

function buildPi(build: EstateBuild, id: string, spec: PiSpec): void {
  const switchSpec = build.scenario.estate.switches?.[spec.switch];
  const sw = partOf(build.switches, spec.switch, 'switch');
  const nfsServer = spec.nfsServer === undefined ? undefined : build.nfsServers.get(spec.nfsServer);
  const pi = createRaspberryPi(
    build.context,
    id,
    spec.model,
    piOverrides(build, spec),
    nfsServer === undefined ? {} : { nfsServer },
  );
  plugIn(sw, spec, pi, switchSpec?.ports[String(spec.port)]);
  build.pis.set(id, pi);
  if (spec.web !== undefined) {
    const location = { siteId: switchSpec?.site ?? '', segmentId: switchSegmentId(spec.switch) };
    addWebServer(
      build,
      id,
      new ChangeFilteredHost(pi),
      spec.role === 'web-primary' ? 'primary' : 'secondary',
      () => location,
      () => spec.address,
    );
  }
}

/** What the scenario says of a Pi, as the model's parameters; the model's defaults give the rest. */
function piOverrides(build: EstateBuild, spec: PiSpec): RaspberryPiOverrides {
  const { estate } = build.scenario;
  const shelf = spec.shelf === undefined ? undefined : estate.shelves?.[spec.shelf];
  return {
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
  };
}

/** Plugs a Pi into its port, configured first as an operator would, and powers it when the port has PoE. */
function plugIn(
  sw: NetworkSwitch,
  spec: PiSpec,
  pi: RaspberryPi,
  portSpec: SwitchPortSpec | undefined,
): void {
  sw.configurePort(spec.port, {
    ...(portSpec?.untaggedVlan === undefined ? {} : { untaggedVlan: portSpec.untaggedVlan }),
    taggedVlans: portSpec?.taggedVlans ?? [],
  });
  sw.connect(spec.port, pi);
  // A Pi on a port without PoE is powered some other way (a power brick), so it stays up.
  if (portSpec?.poe === true) sw.setPoe(spec.port, true);
}
