import { z } from 'zod';
import { VM_IVY_BRIDGE_24, PI_2, PI_3 } from '../../model/cpuClasses.ts';
import type { CpuClass } from '../../model/cpuClasses.ts';
import type { NetworkLocation } from '../../model/network.ts';
import { VmWebServerHost } from '../../model/vmWebServerHost.ts';
import { WebServer } from '../../model/webServer.ts';
import type { WebServerHost } from '../../model/webServerHost.ts';
import { oneOf, strictObject, wholeNumber } from '../schema/common.ts';
import type { WebServerSpec } from '../schema/index.ts';
import type { EstateBuild, PartKind } from './types.ts';
import { partOf } from './types.ts';

// --- Spec (the `web:` of a VM or a Pi) ---

export const webServerSchema = strictObject(
  {
    cpu: oneOf(
      ['vm-2.4ghz', 'pi2', 'pi3'],
      'CPU class, which sets the uncached page time the model calibrates.',
    ),
    php: z
      .union([z.literal('5.6'), z.literal('7'), z.literal(5.6), z.literal(7)], {
        error: 'PHP version "5.6" or "7"',
      })
      .transform((version) => (String(version) === '7' ? '7' : '5.6'))
      .describe('PHP version; PHP 7 renders pages much faster on a Pi.'),
    workers: wholeNumber('Uncached pages in service at once (the seeds assume one per core).', 1).optional(),
  },
  'Apache and PHP serving the WordPress site.',
);

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

/** The web server on a VM or Pi is a part of its own, named after the machine. */
export function webServerId(machineId: string): string {
  return `${machineId}/apache`;
}

/** Starts a web server on a machine and puts it behind the request engine. */
export function addWebServer(
  build: EstateBuild,
  machineId: string,
  host: WebServerHost,
  role: 'primary' | 'secondary',
  location: () => NetworkLocation,
  address: () => string,
): void {
  const server = new WebServer(build.context, { id: webServerId(machineId), host, role, location, address });
  build.webServers.set(machineId, server);
  build.engine.addWebServer(server);
}

// --- Kind ---

/**
 * Apache and PHP on the VMs that have `web:` (a Pi's web server is built with its Pi, by the Pi
 * kind). Wired once all are built: the primary rsyncs files to every other web server
 * (000_077f2af078f4f79b.txt). A web server follows its host and does not count crashes itself.
 */
export const webServersKind: PartKind = {
  label: 'web server',
  crashRule: 'none',
  build(build) {
    for (const [id, spec] of Object.entries(build.scenario.estate.vms)) {
      if (spec.web === undefined) continue;
      const vm = partOf(build.vms, id, 'VM');
      const host = new VmWebServerHost(vm, cpuClassOf(spec.web), spec.web.php, spec.web.workers);
      addWebServer(
        build,
        id,
        host,
        spec.role === 'web-primary' ? 'primary' : 'secondary',
        () => vm.location(),
        () => vm.address,
      );
    }
  },
  wire({ webServers }) {
    const primaries = [...webServers.values()].filter((server) => server.role === 'primary');
    for (const primary of primaries)
      for (const server of webServers.values()) if (server !== primary) primary.addSyncTarget(server);
  },
};
