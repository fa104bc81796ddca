import { assertArgument } from '../sim/limits.ts';
import type { NetworkSwitch } from './networkSwitch.ts';
import type { NfsServer } from './nfsServer.ts';
import type { RaspberryPi } from './raspberryPi.ts';

export interface PiClusterLayout {
  /** The file server's port: "We connect our fileserver to port 24" (004_b8bc5fb3cdb64335.txt). */
  fileServerPort: number;
  /** The first Pi's storage VLAN; the next Pi takes the next (004_…: eth0.10, eth0.11). */
  storageVlanFirst: number;
  /** The first Pi's port; "a VLAN for ports 1 & 24, another for 2&24" (004_…). */
  piPortFirst: number;
}

export const PI_CLUSTER_LAYOUT_DEFAULTS: Readonly<PiClusterLayout> = {
  fileServerPort: 24,
  storageVlanFirst: 10,
  piPortFirst: 1,
};

/**
 * Wires the eight-Pi cluster of 004_b8bc5fb3cdb64335.txt onto a switch: Pi n on port n with its
 * storage VLAN untagged and the public VLAN tagged; the file server on port 24 with every storage
 * VLAN tagged. PoE is then turned on for each Pi in order; returns each port's PoE result.
 */
export function wirePiCluster(
  network: NetworkSwitch,
  nfsServer: NfsServer,
  pis: readonly RaspberryPi[],
  layout: Partial<PiClusterLayout> = {},
): ReturnType<NetworkSwitch['setPoe']>[] {
  const l = { ...PI_CLUSTER_LAYOUT_DEFAULTS, ...layout };
  const lastPort = l.piPortFirst + pis.length - 1;
  assertArgument(
    l.fileServerPort < l.piPortFirst || l.fileServerPort > lastPort,
    `piCluster on ${network.id}: the file server's port ${l.fileServerPort} falls among the Pis' ports ${l.piPortFirst}..${lastPort}`,
  );
  const storageVlans = pis.map((_, index) => l.storageVlanFirst + index);
  assertArgument(
    !storageVlans.includes(network.params.publicVlan),
    `piCluster on ${network.id}: storage VLANs ${l.storageVlanFirst}..${l.storageVlanFirst + pis.length - 1} include the public VLAN ${network.params.publicVlan}`,
  );
  network.connect(l.fileServerPort, nfsServer);
  network.configurePort(l.fileServerPort, { taggedVlans: storageVlans });
  pis.forEach((pi, index) => {
    const port = l.piPortFirst + index;
    network.connect(port, pi);
    network.configurePort(port, {
      untaggedVlan: storageVlans[index] as number,
      taggedVlans: [network.params.publicVlan],
    });
  });
  return pis.map((_, index) => network.setPoe(l.piPortFirst + index, true));
}
