import { NfsServer } from '../../model/nfsServer.ts';
import { partsById, positiveBitsPerSecond, reference, strictObject } from '../schema/common.ts';
import type { PartKind } from './types.ts';
import { partOf } from './types.ts';
import { switchPort } from './switches.ts';

// --- Spec ---

export const nfsServerSchema = strictObject(
  {
    site: reference('a site'),
    switch: reference('a switch'),
    port: switchPort("Switch port it is plugged into (tagged with every Pi's storage VLAN)."),
    bandwidth: positiveBitsPerSecond('Its network capacity'),
  },
  "The file server holding the Pis' root filesystems, one copy per Pi.",
);

export const nfsServersFields = { nfsServers: partsById(nfsServerSchema, 'NFS file servers.').optional() };

// --- Kind ---

/** The file servers holding the Pis' roots, plugged into their switch port; they crash by fault only and count no crashes. */
export const nfsServersKind: PartKind = {
  label: 'NFS server',
  crashRule: 'none',
  build({ context, scenario, switches, nfsServers }) {
    for (const [id, spec] of Object.entries(scenario.estate.nfsServers ?? {})) {
      const server = new NfsServer(context, id, { portBitsPerSecond: spec.bandwidth });
      partOf(switches, spec.switch, 'switch').connect(spec.port, server);
      nfsServers.set(id, server);
    }
  },
};
