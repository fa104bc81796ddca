import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const cdnNodeFailure = defineFault({
  kind: 'cdn-node-failure',
  schema: faultObject(
    'cdn-node-failure',
    { target: reference('a CDN node'), duration: lasting('the failure').optional() },
    'A CDN front-end node stops; requests go to the other nodes, or fail if none is up.',
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'A front-end node of the "CDN" (a Mac Mini) stops answering: users\' requests go round the ' +
    'nodes that are still up, and fail when none is. Without a duration it stays down for the rest ' +
    'of the run; with one it comes back when the duration has passed. A node already down is left ' +
    'as it is. Its target must be a node under `estate.cdn.nodes`.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'CDN node', keysOf(context.scenario.estate.cdn.nodes));
  },
  inject(fault, context) {
    const node = context.estate.cdnNodes.get(fault.target);
    if (node === undefined) return { refused: `no CDN node "${fault.target}"` };
    if (!node.isUp()) return { tookEffect: false };
    node.fail();
    endAfter(context, fault.duration, () => node.recover());
    return { tookEffect: true };
  },
});
