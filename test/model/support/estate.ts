import { Kernel } from '../../../src/sim/kernel.ts';
import { createModelContext } from '../../../src/model/part.ts';
import type { ModelContext } from '../../../src/model/part.ts';
import { Network } from '../../../src/model/network.ts';
import { VmHost } from '../../../src/model/vmHost.ts';
import { Vm } from '../../../src/model/vm.ts';
import { VmWebServerHost } from '../../../src/model/vmWebServerHost.ts';
import { WebServer } from '../../../src/model/webServer.ts';
import type { WebServerRole } from '../../../src/model/webServer.ts';
import { CdnNode } from '../../../src/model/cdnNode.ts';
import { MysqlCluster } from '../../../src/model/mysqlCluster.ts';
import { RequestEngine } from '../../../src/model/requests/engine.ts';
import type { RequestEngineParams } from '../../../src/model/requests/engine.ts';
import type { CpuClass } from '../../../src/model/cpuClasses.ts';
import type { Nic } from '../../../src/model/link.ts';
import type { NetworkLocation } from '../../../src/model/network.ts';
import type { WebServerHost } from '../../../src/model/webServerHost.ts';

/** Two sites (HEX, SOV) linked, each with a VM host; a DB VM and web VMs on the HEX host. */
export interface TestEstate {
  kernel: Kernel;
  context: ModelContext;
  network: Network;
  hex: VmHost;
  sov: VmHost;
  dbVm: Vm;
  db: MysqlCluster;
  cdn: CdnNode;
  engine: RequestEngine;
}

export function buildEstate(
  options: { seed?: number; engine?: Partial<RequestEngineParams> } = {},
): TestEstate {
  const kernel = new Kernel({ seed: options.seed ?? 1 });
  const context = createModelContext(kernel);
  const network = new Network();
  network.addSite({ id: 'HEX', addressPrefix: '2a00:1098:0:82::' });
  network.addSite({ id: 'SOV', addressPrefix: '2a00:1098:0:80::' });
  network.linkSites({ siteA: 'HEX', siteB: 'SOV' });
  network.addSegment({ id: 'hex-host', siteId: 'HEX' });
  network.addSegment({ id: 'sov-host', siteId: 'SOV' });
  network.addSegment({ id: 'hex-cdn', siteId: 'HEX' });
  const hex = new VmHost(context, { id: 'hex-host', siteId: 'HEX', cores: 64 });
  const sov = new VmHost(context, { id: 'sov-host', siteId: 'SOV', cores: 64 });
  const dbVm = new Vm(context, network, hex, { id: 'db-vm', cores: 8, ramBytes: 16 * 2 ** 30, bootMs: 0 });
  dbVm.start();
  const db = new MysqlCluster(context, network, { id: 'db1', location: () => dbVm.location() });
  const cdn = new CdnNode(context, { id: 'cdn1', location: { siteId: 'HEX', segmentId: 'hex-cdn' } });
  const engine = new RequestEngine(context, network, options.engine);
  engine.addFrontEnd(cdn);
  engine.setDatabase(db);
  return { kernel, context, network, hex, sov, dbVm, db, cdn, engine };
}

/** A web VM on a host, started (boot 0 ms unless given), as a web server behind the CDN. */
export function addWebVm(
  estate: TestEstate,
  options: {
    id: string;
    host?: VmHost;
    role?: WebServerRole;
    cores?: number;
    bootMs?: number;
    weight?: number;
    commentInvalidates?: 'page' | 'all';
  },
): { vm: Vm; server: WebServer } {
  const vm = new Vm(estate.context, estate.network, options.host ?? estate.hex, {
    id: options.id,
    cores: options.cores ?? 24,
    ramBytes: 8 * 2 ** 30,
    bootMs: options.bootMs ?? 0,
  });
  vm.start();
  const server = new WebServer(estate.context, {
    id: `${options.id}-www`,
    host: new VmWebServerHost(vm),
    role: options.role ?? 'primary',
    location: () => vm.location(),
    address: () => vm.address,
    ...(options.commentInvalidates === undefined ? {} : { commentInvalidates: options.commentInvalidates }),
  });
  estate.cdn.addBackend({ server, weight: options.weight ?? 1 });
  estate.engine.addWebServer(server);
  return { vm, server };
}

/** A stand-in host of a given CPU class at a given place (part 2's Raspberry Pi will replace it). */
export class FixedHost implements WebServerHost {
  private accepting = true;
  private readonly listeners: Array<() => void> = [];
  constructor(
    readonly id: string,
    readonly cpuClass: CpuClass,
    readonly nic: Nic | undefined,
    private readonly slowdown = 1,
  ) {}
  get workerSlots(): number {
    return this.cpuClass.cores;
  }
  get uncachedPageCpuMs(): number {
    return this.cpuClass.uncachedPageCpuMs;
  }
  cpuSlowdown(): number {
    return this.slowdown;
  }
  isAccepting(): boolean {
    return this.accepting;
  }
  setAccepting(accepting: boolean): void {
    this.accepting = accepting;
    for (const listener of this.listeners) listener();
  }
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}

export function addFixedServer(estate: TestEstate, host: FixedHost, location: NetworkLocation): WebServer {
  const server = new WebServer(estate.context, {
    id: `${host.id}-www`,
    host,
    role: 'secondary',
    location: () => location,
    address: () => `${host.id}-address`,
  });
  estate.cdn.addBackend({ server });
  estate.engine.addWebServer(server);
  return server;
}

/** Mean ok outcomes per second of a service over [fromSecond, toSecond). */
export function okPerSecond(
  engine: RequestEngine,
  fromSecond: number,
  toSecond: number,
  service: 'www' | 'admin' = 'www',
): number {
  return engine.outcomesBetween(service, fromSecond, toSecond).ok / (toSecond - fromSecond);
}
