import type { CdnNode } from '../../model/cdnNode.ts';
import type { BackendView } from '../../model/requests/ports.ts';
import { endAfter } from './common.ts';
import type { FaultOutcome, FaultRunContext } from './types.ts';

/** One setting of a CDN backend that a configuration push writes on every node. */
export interface BackendSetting<T> {
  read(backend: BackendView): T;
  write(node: CdnNode, serverId: string, value: T): void;
}

/**
 * A push that leaves one backend's setting wrong on every node that knows it. With a duration an
 * operator pushes back what each node had, but only where the wrong value is still there: a value
 * someone set since (a drain, an update-cdn after a move) is theirs to keep.
 */
export function pushWrongSetting<T>(
  context: FaultRunContext,
  target: string,
  durationMs: number | undefined,
  setting: BackendSetting<T>,
  wrong: T,
): FaultOutcome {
  // The CDN knows the web server running on the machine, not the machine.
  const serverId = context.estate.webServers.get(target)?.id;
  if (serverId === undefined) return { refused: `no web server on "${target}"` };
  const restores: (() => void)[] = [];
  const backendOn = (node: CdnNode): BackendView | undefined =>
    node.backendsView().find((candidate) => candidate.server.id === serverId);
  for (const node of context.estate.cdnNodes.values()) {
    const backend = backendOn(node);
    if (backend === undefined) continue;
    const right = setting.read(backend);
    setting.write(node, serverId, wrong);
    restores.push(() => {
      const now = backendOn(node);
      if (now !== undefined && setting.read(now) === wrong) setting.write(node, serverId, right);
    });
  }
  if (restores.length === 0) return { refused: `no CDN node has "${target}" as a backend yet` };
  endAfter(context, durationMs, () => restores.forEach((restore) => restore()));
  return { tookEffect: true };
}
