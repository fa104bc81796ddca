import { keysOf } from '../crossCheck/issues.ts';
import { reference } from '../schema/common.ts';
import { TIMING_UNITS, endAfter, faultObject, lasting, targetIn } from './common.ts';
import { defineFault } from './types.ts';

export const nfsServerCrash = defineFault({
  kind: 'nfs-server-crash',
  schema: faultObject(
    'nfs-server-crash',
    { target: reference('an NFS file server'), duration: lasting('the outage').optional() },
    "An NFS file server stops answering: the Pis' NFS roots hang until it restarts.",
  ),
  units: { ...TIMING_UNITS, duration: 'ms' },
  doc:
    "The NFS file server holding the Pis' roots stops answering. A Pi with its root there stays " +
    'powered but hangs on IO, so its web server accepts nothing; its write-backs are refused; a Pi ' +
    'that boots meanwhile stalls at mounting its root. When the server restarts (after `duration`, ' +
    'if given) IO resumes and the Pis serve again without a reboot. A server already down is left ' +
    'as it is. Its target must be a file server under `estate.nfsServers`.',
  crossCheck(fault, context) {
    targetIn(context, fault.target, 'NFS server', keysOf(context.scenario.estate.nfsServers));
  },
  inject(fault, context) {
    const server = context.estate.pis.nfsServers.get(fault.target);
    if (server === undefined) return { refused: `no NFS server "${fault.target}"` };
    if (!server.isServing()) return { tookEffect: false };
    server.crash();
    endAfter(context, fault.duration, () => server.restore());
    return { tookEffect: true };
  },
});
