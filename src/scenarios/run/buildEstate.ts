import { Network } from '../../model/network.ts';
import type { ModelContext } from '../../model/part.ts';
import { RequestEngine } from '../../model/requests/engine.ts';
import { PART_KINDS } from '../parts/registry.ts';
import { emptyEstateBuild, mysqlOf } from '../parts/types.ts';
import type { Scenario } from '../schema/index.ts';
import { piRuntimeOf } from './buildPis.ts';
import type { EstateRuntime } from './estateRuntime.ts';

export { cdnSegmentId } from '../parts/cdnNodes.ts';
export { cpuClassOf } from '../parts/webServers.ts';

/**
 * Builds the model parts a scenario's estate names and wires them: each part kind of the registry
 * in dependency order (sites, VM hosts, VMs, MySQL, web servers, switches, file servers, Pis,
 * shelves, CDN nodes), then each kind's wiring to the kinds after it, with the request engine over
 * all of them. Validation happened when the scenario was loaded, so a failure here is a bug, and
 * throws.
 */
export function buildEstate(
  context: ModelContext,
  scenario: Scenario,
  checkInvariants = false,
): EstateRuntime {
  const { workload } = scenario;
  const network = new Network();
  const engine = new RequestEngine(context, network, {
    userTimeoutMs: workload.requestTimeout,
    checkInvariants,
    ...(workload.uploadSize === undefined ? {} : { uploadBytes: workload.uploadSize }),
    ...(workload.slowPageFactor === undefined ? {} : { slowPageFactor: workload.slowPageFactor }),
    ...(workload.pageTimes === undefined ? {} : { pageTimeDistribution: workload.pageTimes }),
  });
  const build = emptyEstateBuild(context, scenario, network, engine);
  for (const kind of PART_KINDS) kind.build(build);
  for (const kind of PART_KINDS) kind.wire?.(build);
  const { hosts, vms, webServers, cdnNodes } = build;
  return {
    context,
    network,
    hosts,
    vms,
    webServers,
    cdnNodes,
    mysql: mysqlOf(build),
    engine,
    pis: piRuntimeOf(build),
  };
}
