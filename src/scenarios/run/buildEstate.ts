import { CdnNode } from '../../model/cdnNode.ts';
import { VM_IVY_BRIDGE_24, PI_2, PI_3 } from '../../model/cpuClasses.ts';
import type { CpuClass } from '../../model/cpuClasses.ts';
import { Nic } from '../../model/link.ts';
import { MysqlCluster } from '../../model/mysqlCluster.ts';
import { Network } from '../../model/network.ts';
import type { ModelContext } from '../../model/part.ts';
import { RequestEngine } from '../../model/requests/engine.ts';
import { Vm } from '../../model/vm.ts';
import { VmHost } from '../../model/vmHost.ts';
import { VmWebServerHost } from '../../model/vmWebServerHost.ts';
import { WebServer } from '../../model/webServer.ts';
import type { WebServerHost } from '../../model/webServerHost.ts';
import { MS_PER_YEAR } from '../../sim/time.ts';
import type { Scenario, WebServerSpec } from '../schema/index.ts';
import { buildPis } from './buildPis.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { mysqlServerId, webServerId } from './estateRuntime.ts';

/** Where the CDN nodes of a site sit on its network. */
export function cdnSegmentId(siteId: string): string {
  return `cdn@${siteId}`;
}

export function cpuClassOf(spec: WebServerSpec): CpuClass {
  switch (spec.cpu) {
    case 'vm-2.4ghz':
      return VM_IVY_BRIDGE_24;
    case 'pi2':
      return PI_2;
    case 'pi3':
      return PI_3;
  }
}

/**
 * Builds the model parts a scenario's estate names and wires them: sites and their link, VM hosts
 * and VMs (already running unless the scenario says they are off), MySQL on its VMs, web servers on
 * VMs and Pis, the CDN nodes and their backends, and the request engine over all of them.
 * Validation happened when the scenario was loaded, so a failure here is a bug, and throws.
 */
export function buildEstate(context: ModelContext, scenario: Scenario): EstateRuntime {
  const { estate, workload } = scenario;
  const network = new Network();
  for (const [id, site] of Object.entries(estate.sites)) {
    network.addSite({ id, addressPrefix: site.addressPrefix.replace(/\/\d+$/, '') });
    network.addSegment({ id: cdnSegmentId(id), siteId: id });
  }
  for (const link of Object.values(estate.siteLinks ?? {})) {
    // The schema gives one-way latency; the network works in round trips.
    network.linkSites({
      siteA: link.between[0],
      siteB: link.between[1],
      rttMs: 2 * link.latency,
      bitsPerSecond: link.bandwidth,
    });
  }

  const hosts = new Map<string, VmHost>();
  for (const [id, host] of Object.entries(estate.hosts)) {
    network.addSegment({ id, siteId: host.site });
    hosts.set(
      id,
      new VmHost(context, {
        id,
        siteId: host.site,
        cores: host.cores,
        ramBytes: host.ram,
        ...(host.nic === undefined ? {} : { nicBitsPerSecond: host.nic }),
        spontaneousRebootsPerYear: (host.spontaneousReboots ?? 0) * MS_PER_YEAR,
      }),
    );
  }

  const vms = new Map<string, Vm>();
  for (const [id, spec] of Object.entries(estate.vms)) {
    const host = hosts.get(spec.host);
    if (host === undefined) throw new Error(`VM ${id}: unknown host ${spec.host}`);
    vms.set(
      id,
      new Vm(context, network, host, {
        id,
        cores: spec.cores,
        ramBytes: spec.ram,
        diskBytes: spec.disk,
        address: spec.address,
        initiallyRunning: spec.initially !== 'off',
      }),
    );
  }

  const vmOf = (id: string): Vm => {
    const vm = vms.get(id);
    if (vm === undefined) throw new Error(`no VM ${id}`);
    return vm;
  };
  const primaryVm = vmOf(estate.mysql.primary);
  const mysql = new MysqlCluster(
    context,
    network,
    { id: mysqlServerId(primaryVm.id), location: () => primaryVm.location() },
    estate.mysql.replicationBandwidth === undefined
      ? {}
      : { seedBitsPerSecondWithinSite: estate.mysql.replicationBandwidth },
  );
  for (const replicaId of estate.mysql.replicas) {
    const vm = vmOf(replicaId);
    mysql.attachReplica({ id: mysqlServerId(vm.id), location: () => vm.location() });
  }

  const engine = new RequestEngine(context, network, {
    userTimeoutMs: workload.requestTimeout,
    ...(workload.uploadSize === undefined ? {} : { uploadBytes: workload.uploadSize }),
    ...(workload.slowPageFactor === undefined ? {} : { slowPageFactor: workload.slowPageFactor }),
  });
  engine.setDatabase(mysql);

  const webServers = new Map<string, WebServer>();
  const addWebServer = (
    machineId: string,
    host: WebServerHost,
    role: 'primary' | 'secondary',
    location: WebServer['params']['location'],
    address: () => string,
  ): void => {
    const server = new WebServer(context, { id: webServerId(machineId), host, role, location, address });
    webServers.set(machineId, server);
    engine.addWebServer(server);
  };
  for (const [id, spec] of Object.entries(estate.vms)) {
    if (spec.web === undefined) continue;
    const vm = vmOf(id);
    const host = new VmWebServerHost(vm, cpuClassOf(spec.web), spec.web.php, spec.web.workers);
    addWebServer(
      id,
      host,
      spec.role === 'web-primary' ? 'primary' : 'secondary',
      () => vm.location(),
      () => vm.address,
    );
  }
  const pis = buildPis(context, network, scenario, addWebServer);

  // The primary rsyncs files to every other web server (000_077f2af078f4f79b.txt).
  const primaries = [...webServers.values()].filter((server) => server.role === 'primary');
  for (const primary of primaries)
    for (const server of webServers.values()) if (server !== primary) primary.addSyncTarget(server);
  for (const [machineId, server] of webServers) {
    if (server.role === 'primary' && pis.pis.has(machineId))
      pis.copyUploadsToEveryRoot(machineId, server, engine.params.uploadBytes);
  }

  const cdnNodes = new Map<string, CdnNode>();
  const { cdn } = estate;
  for (const [id, node] of Object.entries(cdn.nodes)) {
    const cdnNode = new CdnNode(context, {
      id,
      location: { siteId: node.site, segmentId: cdnSegmentId(node.site) },
      nic: new Nic(`${id}.nic`, node.bandwidth),
      healthCheck: {
        intervalMs: cdn.healthCheck.interval,
        fall: cdn.healthCheck.fall,
        rise: cdn.healthCheck.rise,
      },
      retriesMax: cdn.retryOnOtherBackend ? 1 : 0,
    });
    for (const [backendId, backend] of Object.entries(cdn.backends)) {
      const server = webServers.get(backendId);
      if (server === undefined) throw new Error(`CDN backend ${backendId} runs no web server`);
      cdnNode.addBackend({
        server,
        weight: backend.weight,
        ...(backend.address === undefined ? {} : { address: backend.address }),
      });
    }
    cdnNodes.set(id, cdnNode);
    engine.addFrontEnd(cdnNode);
  }

  const runtime: EstateRuntime = { context, network, hosts, vms, webServers, cdnNodes, mysql, engine, pis };
  linkMysqlToVms(runtime);
  return runtime;
}

/**
 * MySQL runs on its VM: it stops when the VM stops, and a primary comes back as primary when its VM
 * boots again (which is how a reboot without a failover heals itself). A server that was demoted or
 * replaced waits for a plan step to make it a replica.
 */
function linkMysqlToVms(runtime: EstateRuntime): void {
  const { mysql } = runtime;
  for (const [vmId, vm] of runtime.vms) {
    const serverId = mysqlServerId(vmId);
    const follow = (): void => {
      if (!mysql.serverIds().includes(serverId)) return;
      const state = mysql.serverState(serverId);
      if (!vm.isServing()) {
        if (state !== 'stopped') mysql.crash(serverId);
      } else if (vm.isAccepting() && state === 'stopped' && mysql.primary === serverId) {
        mysql.restart(serverId, 'primary');
      }
    };
    vm.onChange(follow);
    // A server whose VM is off when the run starts is down from the start.
    follow();
  }
}
