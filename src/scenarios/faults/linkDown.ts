import { webServerIds } from '../crossCheck/estate.ts';
import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import type { Estate, Scenario } from '../schema/index.ts';
import { TIMING_UNITS, faultObject, lasting, targetIn, targetPath } from './common.ts';
import type { FaultOutcome } from './types.ts';
import { defineFault } from './types.ts';

/** Crossings named in a refusal; the rest are counted. */
const CROSSINGS_SHOWN_MAX = 3;

/** The site a VM or Pi sits in, as the estate places it. */
function siteOf(estate: Estate, machineId: string): string | undefined {
  const vm = estate.vms[machineId];
  if (vm !== undefined) return estate.hosts[vm.host]?.site;
  const pi = estate.pis?.[machineId];
  return pi === undefined ? undefined : estate.switches?.[pi.switch]?.site;
}

/**
 * What would cross the link besides replication: requests from a CDN node to a backend, queries
 * from a web server to a MySQL primary (or a failover target), uploads synced between web
 * servers, and copies the plan makes (cold moves, replica seeding). The model holds replication
 * over an outage but not these yet, so a link-down with any of them is refused rather than run
 * as if the link were up.
 */
function crossings(scenario: Scenario, sites: readonly [string, string]): string[] {
  const { estate } = scenario;
  const plan = scenario.plan ?? [];
  const crosses = (one: string | undefined, other: string | undefined): boolean =>
    one !== undefined && other !== undefined && one !== other && sites.includes(one) && sites.includes(other);
  const found: string[] = [];
  const webServers = webServerIds(estate);
  for (const [nodeId, node] of Object.entries(estate.cdn.nodes))
    for (const backend of Object.keys(estate.cdn.backends))
      if (crosses(node.site, siteOf(estate, backend))) found.push(`CDN node ${nodeId} routes to ${backend}`);
  const primaries = [
    estate.mysql.primary,
    ...plan.flatMap((step) => (step.action === 'failover' ? [step.to] : [])),
  ];
  for (const web of webServers) {
    for (const primary of primaries)
      if (crosses(siteOf(estate, web), siteOf(estate, primary)))
        found.push(`${web} queries MySQL on ${primary}`);
    for (const peer of webServers)
      if (web < peer && crosses(siteOf(estate, web), siteOf(estate, peer)))
        found.push(`uploads sync between ${web} and ${peer}`);
  }
  for (const step of plan) {
    if (step.action === 'move-vm' && crosses(siteOf(estate, step.vm), estate.hosts[step.to]?.site))
      found.push(`step "${step.name}" moves ${step.vm} to ${step.to}`);
    if (
      step.action === 'add-replica' &&
      crosses(siteOf(estate, step.vm), siteOf(estate, step.of ?? primaries[0] ?? ''))
    )
      found.push(`step "${step.name}" seeds ${step.vm} across the link`);
  }
  return found;
}

export const linkDown = defineFault({
  kind: 'link-down',
  schema: faultObject(
    'link-down',
    { target: reference('a site link'), duration: lasting('the outage') },
    'The link between two sites goes down for a while: replication across it waits, then catches up.',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'The private link between two sites (HEX and SOV) goes down for `duration`. What MySQL ships ' +
    'to a replica across it queues and goes when the link returns, so the replica falls further ' +
    'behind for as long as the link is down (a `wait-for-catch-up` step waits for it) and ' +
    'catches up once it is back. The model holds nothing else over an outage yet, so ' +
    'the fault is refused at validation when anything else would cross the link: a CDN node ' +
    'routing to a backend in the other site, a web server querying a primary (or a failover ' +
    'target) there, uploads synced between web servers in both sites, or a plan step moving a VM ' +
    'or seeding a replica across it. Its target must be one of `estate.siteLinks`.',
  crossCheck(fault, context): void {
    const { estate } = context.scenario;
    if (!targetIn(context, fault.target, 'site link', keysOf(estate.siteLinks))) return;
    const link = estate.siteLinks?.[fault.target];
    if (link === undefined) return;
    const found = crossings(context.scenario, link.between);
    if (found.length === 0) return;
    const more = found.length > CROSSINGS_SHOWN_MAX ? ` and ${found.length - CROSSINGS_SHOWN_MAX} more` : '';
    context.issues.add(
      targetPath(context),
      `"${fault.target}", a link that carries more than replication: ${found.slice(0, CROSSINGS_SHOWN_MAX).join('; ')}${more}`,
      'a link only replication crosses (cross-site requests, moves and seeding during an outage are not modelled yet)',
    );
  },
  inject(fault, { kernel, estate, scenario }): FaultOutcome {
    const link = scenario.estate.siteLinks?.[fault.target];
    if (link === undefined) return { refused: `no site link "${fault.target}"` };
    const [siteA, siteB] = link.between;
    if (!estate.network.hasSiteLink(siteA, siteB))
      return { refused: `no link between ${siteA} and ${siteB} in the network` };
    const untilMs = kernel.nowMs + fault.duration;
    estate.network.holdSiteLink(siteA, siteB, untilMs);
    kernel.scheduleCallbackAt(untilMs, () =>
      kernel.trace.record({
        timeMs: untilMs,
        part: fault.target,
        event: 'linkUp',
        details: { kind: fault.kind },
      }),
    );
    return { tookEffect: true };
  },
});
