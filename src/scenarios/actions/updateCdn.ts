import { z } from 'zod';
import type { CdnNode } from '../../model/cdnNode.ts';
import type { WebServer } from '../../model/webServer.ts';
import { keysOf } from '../crossCheck/issues.ts';
import { addressSchema, reference } from '../schema/common.ts';
import type { Estate } from '../schema/estate.ts';
import { webServerOf } from './lookups.ts';
import { stepSchema } from './stepSchema.ts';
import { ENDS_AT_ONCE, defineAction, isRefusal } from './types.ts';

export const updateCdnAction = defineAction({
  kind: 'update-cdn',
  schema: stepSchema(
    'update-cdn',
    {
      backend: reference('the VM or Pi running a web server'),
      weight: z
        .number({ error: 'a weight, a number ≥ 0' })
        .min(0, { error: 'a weight, a number ≥ 0' })
        .optional()
        .describe('New weight; by default unchanged (or 1 for a new backend).'),
      address: addressSchema
        .optional()
        .describe("Address to send to; by default the machine's current address."),
    },
    "Tell the CDN a backend's address or weight, adding the backend if it is new.",
  ),
  doc:
    "Tells every CDN node a backend's address and weight, adding the backend if the node does " +
    "not know it. Without `address` the CDN is told the machine's current address, so after a " +
    'move to another site the nodes follow the VM there, even when the step gives only a weight. ' +
    'A weight alone on a machine whose address has not changed changes only the weight. The step ' +
    'takes no time; leaving it out after a cross-site move is the mistake `broken-migration-cdn-' +
    'never-told` shows. Refused when the machine runs no web server.',
  units: { at: 'duration', duration: 'duration' },
  leastDurationMs: (step) => step.duration ?? 0,
  plan(step, { path, issues, estate, state }) {
    if (
      issues.reference(
        [...path, 'backend'],
        step.backend,
        'web server (a VM or Pi with web:)',
        webServers(estate),
      )
    )
      state.backends.add(step.backend);
  },
  begin(step, { estate }) {
    const server = webServerOf(estate, step.backend);
    if (isRefusal(server)) return server;
    for (const node of estate.cdnNodes.values()) tellNode(node, server, step);
    return ENDS_AT_ONCE;
  },
});

function webServers(estate: Estate): string[] {
  return [
    ...keysOf(estate.vms).filter((id) => estate.vms[id]?.web !== undefined),
    ...keysOf(estate.pis).filter((id) => estate.pis?.[id]?.web !== undefined),
  ];
}

function tellNode(
  node: CdnNode,
  server: WebServer,
  step: { weight?: number | undefined; address?: string | undefined },
): void {
  const known = node.backendsView().find((backend) => backend.server.id === server.id);
  if (known === undefined) {
    node.addBackend({
      server,
      weight: step.weight ?? 1,
      ...(step.address === undefined ? {} : { address: step.address }),
    });
    return;
  }
  // The address the step means: the one it gives, or the machine's own now. A weight alone
  // leaves an address that is still right untouched, but never keeps one the machine has left.
  const address = step.address ?? server.address();
  if (step.address !== undefined || step.weight === undefined || known.address !== address)
    node.setBackendAddress(server.id, address);
  if (step.weight !== undefined) node.setBackendWeight(server.id, step.weight);
}
