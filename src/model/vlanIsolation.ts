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

/** The Pi ports whose untagged (storage) VLAN each VLAN is, in port order. */
type StorageOwners = ReadonlyMap<number, readonly number[]>;

function storageOwnersOf(ports: readonly PortView[]): Map<number, number[]> {
  const storageOwners = new Map<number, number[]>();
  for (const view of ports) {
    if (view.deviceKind !== 'pi' || view.untaggedVlan === undefined) continue;
    const owners = storageOwners.get(view.untaggedVlan) ?? [];
    owners.push(view.port);
    storageOwners.set(view.untaggedVlan, owners);
  }
  return storageOwners;
}

const label = (view: PortView): string => `port ${view.port} (${view.deviceId ?? 'nothing'})`;

/** A Pi port's breaches: no or public storage VLAN, another Pi's storage VLAN, a VLAN it should not carry. */
function piPortViolations(
  view: PortView,
  storageOwners: StorageOwners,
  publicVlan: number,
): IsolationViolation[] {
  const violations: IsolationViolation[] = [];
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
  return violations;
}

/** A port that is neither a Pi nor the file server: each Pi storage VLAN it carries is exposed. */
function exposedViolations(view: PortView, storageOwners: StorageOwners): IsolationViolation[] {
  const violations: IsolationViolation[] = [];
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
  return violations;
}

/** One port's breaches given every Pi's storage VLAN; the file server's port has none of its own. */
function portViolations(
  view: PortView,
  storageOwners: StorageOwners,
  publicVlan: number,
): IsolationViolation[] {
  if (view.deviceKind === 'pi') return piPortViolations(view, storageOwners, publicVlan);
  if (view.deviceKind === 'fileServer') return [];
  return exposedViolations(view, storageOwners);
}

/**
 * Every breach of storage isolation in this configuration, in port order (the Pis' ports first,
 * then the other ports'); empty when isolated.
 */
export function findIsolationViolations(
  ports: readonly PortView[],
  publicVlan: number,
): IsolationViolation[] {
  const storageOwners = storageOwnersOf(ports);
  const piPorts = ports.filter((view) => view.deviceKind === 'pi');
  const otherPorts = ports.filter((view) => view.deviceKind !== 'pi');
  return [
    ...piPorts.flatMap((view) => portViolations(view, storageOwners, publicVlan)),
    ...otherPorts.flatMap((view) => portViolations(view, storageOwners, publicVlan)),
  ];
}

/**
 * The same answer as findIsolationViolations, kept up to date port by port: a change to one port
 * re-checks only that port and the ports carrying a VLAN whose storage owner changed, so building
 * or reconfiguring a switch of n ports costs O(n) checks in all instead of O(n) per change. The
 * breaches are kept per port and counted, so asking costs O(1) while the switch is isolated (as
 * it is, but for faults and mistakes) and O(ports) otherwise.
 */
export class IsolationIndex {
  private readonly views: Array<PortView | undefined> = [];
  private readonly storageOwners = new Map<number, number[]>();
  /** The ports carrying each VLAN, tagged or untagged. */
  private readonly carriers = new Map<number, Set<number>>();
  private readonly perPort = new Map<number, IsolationViolation[]>();
  private violationCount = 0;

  constructor(private readonly publicVlan: number) {}

  /** Sets one port's view (a port never set is taken as absent, as if not in the list). */
  update(view: PortView): void {
    const old = this.views[view.port];
    const touchedVlans = new Set<number>();
    if (old !== undefined) {
      for (const vlan of vlansOfPort(old)) this.carriers.get(vlan)?.delete(old.port);
      if (old.deviceKind === 'pi' && old.untaggedVlan !== undefined) {
        const owners = this.storageOwners.get(old.untaggedVlan) ?? [];
        owners.splice(owners.indexOf(old.port), 1);
        touchedVlans.add(old.untaggedVlan);
      }
    }
    this.views[view.port] = view;
    for (const vlan of vlansOfPort(view)) {
      const carriers = this.carriers.get(vlan) ?? new Set<number>();
      carriers.add(view.port);
      this.carriers.set(vlan, carriers);
    }
    if (view.deviceKind === 'pi' && view.untaggedVlan !== undefined) {
      const owners = this.storageOwners.get(view.untaggedVlan) ?? [];
      owners.push(view.port);
      owners.sort((a, b) => a - b);
      this.storageOwners.set(view.untaggedVlan, owners);
      touchedVlans.add(view.untaggedVlan);
    }
    const affected = new Set<number>([view.port]);
    for (const vlan of touchedVlans) for (const port of this.carriers.get(vlan) ?? []) affected.add(port);
    for (const port of affected) this.recheck(port);
  }

  violations(): IsolationViolation[] {
    if (this.violationCount === 0) return [];
    const present = this.views.filter((view): view is PortView => view !== undefined);
    const ofPort = (view: PortView): IsolationViolation[] => this.perPort.get(view.port) ?? [];
    return [
      ...present.filter((view) => view.deviceKind === 'pi').flatMap(ofPort),
      ...present.filter((view) => view.deviceKind !== 'pi').flatMap(ofPort),
    ];
  }

  private recheck(port: number): void {
    const view = this.views[port];
    const violations = view === undefined ? [] : portViolations(view, this.storageOwners, this.publicVlan);
    this.violationCount += violations.length - (this.perPort.get(port)?.length ?? 0);
    if (violations.length === 0) this.perPort.delete(port);
    else this.perPort.set(port, violations);
  }
}
