import { reference } from '../schema/common.ts';
import { webServerIds } from './backendWeightMisconfig.ts';
import { pushWrongSetting } from './cdnConfigPush.ts';
import { TIMING_UNITS, faultObject, lasting, targetIn } from './common.ts';
import { defineFault } from './types.ts';

/**
 * The address a bad push leaves: from the IPv6 documentation prefix (RFC 3849), which no server
 * has, so the CDN's connections to it fail as they would to a mistyped address.
 */
const WRONG_ADDRESS = '2001:db8::bad';

export const backendAddressMisconfig = defineFault({
  kind: 'backend-address-misconfig',
  schema: faultObject(
    'backend-address-misconfig',
    {
      target: reference('a web server the CDN sends requests to (a web VM or a Pi)'),
      duration: lasting('the mistake, until someone pushes the right address').optional(),
    },
    "A config push leaves a CDN backend's address wrong on every node.",
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    'A configuration push to the CDN leaves one backend with a wrong address on every node (a ' +
    'typo, a stale template): the nodes cannot reach it, their health checks take it out, and its ' +
    'share of the traffic goes to the others, or fails when there are none — as when the CDN was ' +
    "never told a moved server's address. With a duration, an operator pushes back the address " +
    'each node had, where nobody has changed it since. A backend the CDN does not know yet is ' +
    'refused. Its target must be a web VM or a Raspberry Pi.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'web server', webServerIds(context.scenario));
  },
  inject(fault, context) {
    return pushWrongSetting(
      context,
      fault.target,
      fault.duration,
      {
        read: (backend) => backend.address,
        write: (node, id, address) => node.setBackendAddress(id, address),
      },
      WRONG_ADDRESS,
    );
  },
});
