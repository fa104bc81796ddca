import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, faultObject, lasting, targetIn } from './common.ts';
import type { FaultOutcome } from './types.ts';
import { defineFault } from './types.ts';

export const linkDown = defineFault({
  kind: 'link-down',
  schema: faultObject(
    'link-down',
    { target: reference('a site link'), duration: lasting('the outage') },
    'The link between two sites goes down for a while: cross-site requests fail, copies across it wait or fail, replication waits, then catches up.',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'The private link between two sites (HEX and SOV) goes down for `duration`. What crosses it ' +
    'meanwhile: a request a CDN node sends to a web server in the other site fails at once, and ' +
    "so does a page whose web server queries a MySQL primary in the other site (both counted as `siteLinkDown` in the report's failures); " +
    'requests already past the link finish. What MySQL ships to a replica across it queues and ' +
    'goes when the link returns, so the replica falls further behind for as long as the link is ' +
    'down (a `wait-for-catch-up` step waits for it) and catches up once it is back; a replica ' +
    'seeded across it (`add-replica`) starts its copy when the link returns. A cold move ' +
    '(`move-vm`) to the other site waits for the link to start its copy (at most 15 minutes, ' +
    'then the step is refused), and a move or migration whose copy is under way when the link ' +
    'goes fails: the VM stays on its source and the step is refused saying so. ' +
    'Its target must be one of `estate.siteLinks`.',
  crossCheck(fault, context): void {
    targetIn(context, fault.target, 'site link', keysOf(context.scenario.estate.siteLinks));
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
