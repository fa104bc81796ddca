import type { CdnNode } from '../../model/cdnNode.ts';
import type { MysqlCluster } from '../../model/mysqlCluster.ts';
import type { Network } from '../../model/network.ts';
import type { NetworkSwitch } from '../../model/networkSwitch.ts';
import type { NfsServer } from '../../model/nfsServer.ts';
import type { CrashRule, ModelContext } from '../../model/part.ts';
import type { RaspberryPi } from '../../model/raspberryPi.ts';
import type { RequestEngine } from '../../model/requests/engine.ts';
import type { Shelf } from '../../model/shelf.ts';
import type { Vm } from '../../model/vm.ts';
import type { VmHost } from '../../model/vmHost.ts';
import type { WebServer } from '../../model/webServer.ts';
import type { Scenario } from '../schema/index.ts';

/**
 * The estate while it is being built: each part kind adds its parts to its own map, reading the
 * parts of the kinds before it (a VM needs its host, a Pi its switch). When every kind has been
 * built and wired this is the run's EstateRuntime.
 */
export interface EstateBuild {
  readonly context: ModelContext;
  readonly scenario: Scenario;
  readonly network: Network;
  readonly engine: RequestEngine;
  readonly hosts: Map<string, VmHost>;
  readonly vms: Map<string, Vm>;
  /** Set by the MySQL kind; every estate has one. */
  mysql: MysqlCluster | undefined;
  /** Web servers keyed by the VM or Pi they run on (the scenario's id for them). */
  readonly webServers: Map<string, WebServer>;
  readonly switches: Map<string, NetworkSwitch>;
  readonly nfsServers: Map<string, NfsServer>;
  readonly pis: Map<string, RaspberryPi>;
  readonly shelves: Map<string, Shelf>;
  readonly cdnNodes: Map<string, CdnNode>;
}

/**
 * One kind of part, described once: the estate fields its specs live in (with their schema, in
 * the kind's own module), how its parts are built from a validated scenario, how they are wired
 * to parts built after them, and how the model counts its crashes. The registry lists the kinds
 * in dependency order; the type checker refuses a kind that lacks any of these.
 */
export interface PartKind {
  /** Names it in messages, e.g. "VM host". */
  readonly label: string;
  /** What a crash of this kind's parts is, read from its machine's state tags; 'none' when it cannot crash. */
  readonly crashRule: CrashRule | 'none';
  /** Adds this kind's parts to the build; validation happened when the scenario was loaded, so a failure is a bug. */
  build(build: EstateBuild): void;
  /** Connects its parts to parts of later kinds, once every kind is built (optional). */
  wire?(build: EstateBuild): void;
}

/** A build with no parts yet: the network and the request engine the kinds add their parts to. */
export function emptyEstateBuild(
  context: ModelContext,
  scenario: Scenario,
  network: Network,
  engine: RequestEngine,
): EstateBuild {
  return {
    context,
    scenario,
    network,
    engine,
    hosts: new Map(),
    vms: new Map(),
    mysql: undefined,
    webServers: new Map(),
    switches: new Map(),
    nfsServers: new Map(),
    pis: new Map(),
    shelves: new Map(),
    cdnNodes: new Map(),
  };
}

/** The MySQL cluster, which every estate has once the MySQL kind is built. */
export function mysqlOf(build: EstateBuild): MysqlCluster {
  if (build.mysql === undefined) throw new Error('MySQL is built after the part kinds that need it');
  return build.mysql;
}

/** A part the build needs, by id; a missing one is a bug, since validation checked every reference. */
export function partOf<Part>(parts: ReadonlyMap<string, Part>, id: string, what: string): Part {
  const part = parts.get(id);
  if (part === undefined) throw new Error(`no ${what} "${id}"`);
  return part;
}
