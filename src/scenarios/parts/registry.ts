import { cdnNodesKind } from './cdnNodes.ts';
import { mysqlKind } from './mysql.ts';
import { nfsServersKind } from './nfsServers.ts';
import { pisKind } from './pis.ts';
import { shelvesKind } from './shelves.ts';
import { sitesKind } from './sites.ts';
import { switchesKind } from './switches.ts';
import type { PartKind } from './types.ts';
import { vmHostsKind } from './vmHosts.ts';
import { vmsKind } from './vms.ts';
import { webServersKind } from './webServers.ts';

/**
 * Adding a part kind (say a Redis cache): its machine and parameters in src/model (one file, its
 * states tagged, its crash rule beside it); one module here exporting its spec schema's fields,
 * its builder, wiring and crash rule; one line below, after the kinds it needs; its fields spread
 * into estateFields in schema/estate.ts; and, when later kinds or the runtime use its parts, a map
 * for them in EstateBuild (types.ts). The type checker refuses a kind that lacks a part of PartKind.
 *
 * Every kind of part, in dependency order: a kind is built after the kinds whose parts it needs
 * (a VM after its host, MySQL after its VMs, a Pi after its switch and file server, a shelf after
 * its Pis, a CDN node after the web servers it balances). The order is also the order parts are
 * created in, which the trace records: changing it changes every trace hash.
 */
export const PART_KINDS: readonly PartKind[] = [
  sitesKind,
  vmHostsKind,
  vmsKind,
  mysqlKind,
  webServersKind,
  switchesKind,
  nfsServersKind,
  pisKind,
  shelvesKind,
  cdnNodesKind,
];
