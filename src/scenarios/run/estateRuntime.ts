import type { CdnNode } from '../../model/cdnNode.ts';
import type { MysqlCluster } from '../../model/mysqlCluster.ts';
import type { Network } from '../../model/network.ts';
import type { ModelContext } from '../../model/part.ts';
import type { RequestEngine } from '../../model/requests/engine.ts';
import type { Vm } from '../../model/vm.ts';
import type { VmHost } from '../../model/vmHost.ts';
import type { WebServer } from '../../model/webServer.ts';
import type { PiRuntime } from './buildPis.ts';

/** The estate a scenario describes, built as model parts and wired to the request engine. */
export interface EstateRuntime {
  readonly context: ModelContext;
  readonly network: Network;
  readonly hosts: ReadonlyMap<string, VmHost>;
  readonly vms: ReadonlyMap<string, Vm>;
  /** Web servers keyed by the VM or Pi they run on (the scenario's id for them). */
  readonly webServers: ReadonlyMap<string, WebServer>;
  readonly cdnNodes: ReadonlyMap<string, CdnNode>;
  readonly mysql: MysqlCluster;
  readonly engine: RequestEngine;
  readonly pis: PiRuntime;
}

export { mysqlServerId } from '../parts/mysql.ts';
export { webServerId } from '../parts/webServers.ts';
