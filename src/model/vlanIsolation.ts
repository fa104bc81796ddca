/**
 * The storage isolation invariant of the Pi cluster (004_b8bc5fb3cdb64335.txt): each Pi's port
 * carries its own storage VLAN untagged, shared only with the file server's port (where it is
 * tagged), and the public VLAN 131 tagged. "It behaves as if each Raspberry Pi has its own switch":
 * no Pi may reach another Pi's storage VLAN, where its NFS root could be read or stolen.
 * Pure: it looks at a snapshot of the ports' configuration, so it can be checked at any instant.
 */

export type PortDeviceKind = 'pi' | 'fileServer' | 'other' | 'empty';

export interface PortView {
  port: number;
  deviceKind: PortDeviceKind;
  deviceId: string | undefined;
  untaggedVlan: number | undefined;
  taggedVlans: readonly number[];
}

export type IsolationViolationKind =
  /** A Pi's port carries a VLAN that is another Pi's storage VLAN. */
  | 'reachesForeignStorageVlan'
  /** A Pi's port has no untagged storage VLAN (it cannot reach its root, and nothing guards it). */
  | 'noStorageVlan'
  /** A Pi's storage VLAN is the public VLAN: anyone on the LAN reaches its NFS root. */
  | 'storageVlanIsPublic'
  /** A Pi's port carries a VLAN other than its storage VLAN and the public one. */
  | 'unexpectedVlan'
  /** A port that is neither a Pi nor the file server carries a Pi's storage VLAN. */
  | 'storageVlanExposed';

export interface IsolationViolation {
  kind: IsolationViolationKind;
  port: number;
  vlan: number | undefined;
  /** The port whose storage VLAN is reached, when there is one. */
  otherPort: number | undefined;
  message: string;
}

export function vlansOfPort(view: PortView): number[] {
  return view.untaggedVlan === undefined ? [...view.taggedVlans] : [view.untaggedVlan, ...view.taggedVlans];
}

/** Every breach of storage isolation in this configuration, in port order; empty when isolated. */
export function findIsolationViolations(
  ports: readonly PortView[],
  publicVlan: number,
): IsolationViolation[] {
  const violations: IsolationViolation[] = [];
  const storageOwners = new Map<number, number[]>();
  const piPorts = ports.filter((view) => view.deviceKind === 'pi');
  for (const view of piPorts) {
    if (view.untaggedVlan === undefined) continue;
    const owners = storageOwners.get(view.untaggedVlan) ?? [];
    owners.push(view.port);
    storageOwners.set(view.untaggedVlan, owners);
  }
  const label = (view: PortView): string => `port ${view.port} (${view.deviceId ?? 'nothing'})`;
  for (const view of piPorts) {
    const own = view.untaggedVlan;
    if (own === undefined) {
      violations.push({
        kind: 'noStorageVlan',
        port: view.port,
        vlan: undefined,
        otherPort: undefined,
        message: `${label(view)} has no untagged storage VLAN`,
      });
    } else if (own === publicVlan) {
      violations.push({
        kind: 'storageVlanIsPublic',
        port: view.port,
        vlan: own,
        otherPort: undefined,
        message: `${label(view)} has the public VLAN ${publicVlan} as its storage VLAN`,
      });
    }
    for (const vlan of vlansOfPort(view)) {
      const owners = storageOwners.get(vlan) ?? [];
      const foreign = owners.filter((port) => port !== view.port);
      for (const otherPort of foreign) {
        violations.push({
          kind: 'reachesForeignStorageVlan',
          port: view.port,
          vlan,
          otherPort,
          message: `${label(view)} reaches the storage VLAN ${vlan} of port ${otherPort}`,
        });
      }
      if (foreign.length === 0 && vlan !== own && vlan !== publicVlan) {
        violations.push({
          kind: 'unexpectedVlan',
          port: view.port,
          vlan,
          otherPort: undefined,
          message: `${label(view)} carries VLAN ${vlan}, neither its storage VLAN nor the public VLAN ${publicVlan}`,
        });
      }
    }
  }
  for (const view of ports) {
    if (view.deviceKind === 'pi' || view.deviceKind === 'fileServer') continue;
    for (const vlan of vlansOfPort(view)) {
      for (const otherPort of storageOwners.get(vlan) ?? []) {
        violations.push({
          kind: 'storageVlanExposed',
          port: view.port,
          vlan,
          otherPort,
          message: `${label(view)} carries the storage VLAN ${vlan} of port ${otherPort}`,
        });
      }
    }
  }
  return violations;
}
