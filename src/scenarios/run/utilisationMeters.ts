import type { FifoLink, Nic } from '../../model/link.ts';
import type { Scenario } from '../schema/index.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { mysqlServerId } from './estateRuntime.ts';

/**
 * Something whose utilisation the report measures per minute. A base meter reads busy time from
 * the model: one or more channels (a NIC's two directions, a file server's port and disk), each
 * a running total of busy capacity × ms, against a capacity (workers, cores; 1 for a link); its
 * minute's utilisation is its busiest channel's. A composite meter (a VM, a VM host, a Pi) adds up
 * the minute's busy time of the base meters it holds now (a VM's web server and MySQL; a host's
 * VMs'), plus its own channel (the cached hits its web servers served), against its own capacity
 * (cores).
 */
export interface Meter {
  readonly id: string;
  readonly kind: string;
  readonly channels: readonly (() => number)[];
  /** Ids of base meters whose busy time this one adds up, read afresh each minute; none for a base meter. */
  members(): readonly string[];
  capacity(): number;
}

/** A FIFO link's busy ms from the start up to now (utilisation is its share of time since zero). */
function linkBusyMs(link: FifoLink, nowMs: () => number): () => number {
  return () => link.utilisation(nowMs()) * nowMs();
}

function nicChannels(nic: Nic, nowMs: () => number): (() => number)[] {
  return [linkBusyMs(nic.transmit, nowMs), linkBusyMs(nic.receive, nowMs)];
}

const none = (): readonly string[] => [];
const one = (): number => 1;

/** The web servers (busy PHP workers) and MySQL servers (query time on their cores). */
function serverMeters(estate: EstateRuntime): Meter[] {
  const meters: Meter[] = [];
  for (const server of estate.webServers.values())
    meters.push({
      id: server.id,
      kind: 'webServer',
      channels: [() => estate.engine.serverBusyWorkerMs(server.id)],
      members: none,
      capacity: () => Math.max(1, server.host.workerSlots),
    });
  // Every VM may come to hold a MySQL server (a replica brought up by the plan registers later),
  // so each has a meter; one whose server never existed reads 0 and is left out of the report.
  for (const vm of estate.vms.values())
    meters.push({
      id: mysqlServerId(vm.id),
      kind: 'mysql',
      channels: [() => estate.mysql.queryMsOf(mysqlServerId(vm.id))],
      members: none,
      capacity: () => Math.max(1, estate.mysql.params.cores),
    });
  return meters;
}

/** VMs (the work of what runs on them), VM hosts (their VMs' work) and Pis (their web server's). */
function machineMeters(estate: EstateRuntime, serverIds: readonly string[]): Meter[] {
  // Which servers each machine holds, indexed once: a server's id is its machine's, a slash and its
  // service. Scanning every server for every machine each minute grew with the square of the Pis.
  const serversOf = new Map<string, string[]>();
  for (const id of serverIds) {
    const machineId = id.slice(0, id.lastIndexOf('/'));
    serversOf.set(machineId, [...(serversOf.get(machineId) ?? []), id]);
  }
  const heldBy = (machineId: string): readonly string[] => serversOf.get(machineId) ?? [];
  // Cached hits hold no PHP worker (Apache's own workers serve them), so the web server's meter
  // leaves them out; their CPU still counts toward the machine the server runs on.
  const cachedHitsOn = (machineIds: () => readonly string[]) => (): number =>
    machineIds()
      .flatMap(heldBy)
      .reduce((sum, id) => sum + estate.engine.serverCachedBusyWorkerMs(id), 0);
  const meters: Meter[] = [];
  for (const vm of estate.vms.values())
    meters.push({
      id: vm.id,
      kind: 'vm',
      channels: [cachedHitsOn(() => [vm.id])],
      members: () => heldBy(vm.id),
      capacity: () => Math.max(1, vm.cores),
    });
  for (const host of estate.hosts.values())
    meters.push({
      id: host.id,
      kind: 'vmHost',
      channels: [
        cachedHitsOn(() => [...estate.vms.values()].filter((vm) => vm.host === host).map((vm) => vm.id)),
      ],
      members: () => [...estate.vms.values()].filter((vm) => vm.host === host).flatMap((vm) => heldBy(vm.id)),
      capacity: () => Math.max(1, host.params.cores),
    });
  for (const pi of estate.pis.pis.values())
    meters.push({
      id: pi.id,
      kind: 'raspberryPi',
      channels: [cachedHitsOn(() => [pi.id])],
      members: () => heldBy(pi.id),
      capacity: () => Math.max(1, pi.workerSlots),
    });
  return meters;
}

/** CDN nodes (their NIC), file servers (port and disk), switch ports and switches, site links. */
function networkMeters(estate: EstateRuntime, scenario: Scenario, nowMs: () => number): Meter[] {
  const meters: Meter[] = [];
  const link = (id: string, kind: string, channels: (() => number)[]): Meter => ({
    id,
    kind,
    channels,
    members: none,
    capacity: one,
  });
  for (const node of estate.cdnNodes.values())
    if (node.nic !== undefined) meters.push(link(node.id, 'cdnNode', nicChannels(node.nic, nowMs)));
  const { pis, nfsServers, switches } = estate.pis;
  for (const server of nfsServers.values())
    meters.push(
      link(server.id, 'nfsServer', [...nicChannels(server.nic, nowMs), linkBusyMs(server.disk, nowMs)]),
    );
  for (const networkSwitch of switches.values()) {
    const ports: (() => number)[] = [];
    for (const view of networkSwitch.portViews()) {
      const nic = pis.get(view.deviceId ?? '')?.nic ?? nfsServers.get(view.deviceId ?? '')?.nic;
      if (nic === undefined) continue;
      meters.push(link(`${networkSwitch.id}.port${view.port}`, 'switchPort', nicChannels(nic, nowMs)));
      ports.push(...nicChannels(nic, nowMs));
    }
    // A switch is as busy as its busiest port: the seeds give no backplane limit.
    meters.push(link(networkSwitch.id, 'networkSwitch', ports));
  }
  for (const [id, siteLink] of Object.entries(scenario.estate.siteLinks ?? {})) {
    const [siteA, siteB] = siteLink.between;
    const there = estate.network.siteLinkDirection(siteA, siteB);
    const back = estate.network.siteLinkDirection(siteB, siteA);
    meters.push(link(id, 'siteLink', [linkBusyMs(there, nowMs), linkBusyMs(back, nowMs)]));
  }
  return meters;
}

/** Every part the report measures the utilisation of, base meters first. */
export function utilisationMeters(estate: EstateRuntime, scenario: Scenario): Meter[] {
  const nowMs = (): number => estate.context.kernel.nowMs;
  const servers = serverMeters(estate);
  return [
    ...servers,
    ...networkMeters(estate, scenario, nowMs),
    ...machineMeters(
      estate,
      servers.map((meter) => meter.id),
    ),
  ];
}
