import type { Kernel } from '../../sim/kernel.ts';
import type { Network } from '../../model/network.ts';
import type { Vm } from '../../model/vm.ts';
import type { VmHost } from '../../model/vmHost.ts';
import { refuse } from './types.ts';
import type { Refusal } from './types.ts';

/**
 * Longest a copy to another site waits for a downed site link before its step is refused.
 * Assumed: an operator who finds the link down holds the move for a while (the seeds give no
 * figure); 15 minutes covers a brief outage and refuses a long one rather than waiting without end.
 */
export const SITE_LINK_WAIT_MS_MAX = 15 * 60_000;

/**
 * A copy across sites that may not start while the link between them is down: `ready` says
 * whether it can start now, `'wait'` while the link is down (the first wait is traced once), or
 * a refusal when the link has stayed down longer than SITE_LINK_WAIT_MS_MAX.
 */
export function siteLinkGate(
  kernel: Kernel,
  network: Network,
  copy: { vm: Vm; to: VmHost },
): () => 'ready' | 'wait' | Refusal {
  let waitingSinceMs: number | undefined;
  return () => {
    const fromSite = copy.vm.host.params.siteId;
    const toSite = copy.to.params.siteId;
    const nowMs = kernel.nowMs;
    if (!network.isSiteLinkDown(fromSite, toSite, nowMs)) return 'ready';
    if (waitingSinceMs === undefined) {
      waitingSinceMs = nowMs;
      kernel.trace.record({
        timeMs: nowMs,
        part: copy.vm.id,
        event: 'copyWaitsForSiteLink',
        details: { link: `${fromSite}–${toSite}`, waitMsMax: SITE_LINK_WAIT_MS_MAX },
      });
    }
    if (nowMs - waitingSinceMs < SITE_LINK_WAIT_MS_MAX) return 'wait';
    return refuse(
      `cannot copy ${copy.vm.id} to ${copy.to.id}: the site link ${fromSite}–${toSite} stayed down for ${SITE_LINK_WAIT_MS_MAX / 60_000} min`,
    );
  };
}
