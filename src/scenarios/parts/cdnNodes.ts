import { z } from 'zod';
import { CdnNode } from '../../model/cdnNode.ts';
import { Nic } from '../../model/link.ts';
import {
  addressSchema,
  fraction,
  partsById,
  positiveBitsPerSecond,
  positiveDurationMs,
  reference,
  strictObject,
  wholeNumber,
} from '../schema/common.ts';
import type { PartKind } from './types.ts';
import { partOf } from './types.ts';

// --- Spec ---

export const cdnNodeSchema = strictObject(
  {
    site: reference('a site'),
    bandwidth: positiveBitsPerSecond('Network capacity of the node'),
  },
  'A front-end node (one of the Mac Minis).',
);

export const cdnBackendSchema = strictObject(
  {
    weight: z
      .number({ error: 'a weight, a number ≥ 0' })
      .min(0, { error: 'a weight, a number ≥ 0' })
      .describe('Share of public requests, relative to the other backends.'),
    address: addressSchema
      .optional()
      .describe("The address the CDN sends to; by default the machine's address at the start."),
  },
  'A web server the CDN balances across.',
);

export const healthCheckSchema = strictObject(
  {
    interval: positiveDurationMs('Time between checks'),
    fall: wholeNumber('Failed checks in a row before a backend is taken out.', 1),
    rise: wholeNumber('Good checks in a row before it is put back.', 1),
  },
  'How the CDN notices a backend is down or back.',
);

export const cdnSchema = strictObject(
  {
    nodes: partsById(cdnNodeSchema, 'The front-end nodes.'),
    backends: partsById(cdnBackendSchema, 'Backends keyed by the VM or Pi that runs the web server.'),
    healthCheck: healthCheckSchema,
    staticOffload: fraction('Share of static asset requests the CDN serves itself'),
    retryOnOtherBackend: z
      .boolean({ error: 'true or false' })
      .describe('Whether a failed request is retried once on another backend.'),
  },
  'The "CDN": a cluster of Mac Minis that offloads static content and balances the web servers.',
);

export const cdnFields = { cdn: cdnSchema };

/** Where the CDN nodes of a site sit on its network. */
export function cdnSegmentId(siteId: string): string {
  return `cdn@${siteId}`;
}

// --- Kind ---

/**
 * The front-end nodes (Mac Minis), each balancing over every backend web server, health-checking
 * them, and put in front of the request engine. A node fails and recovers by fault; it does not
 * count crashes.
 */
export const cdnNodesKind: PartKind = {
  label: 'CDN node',
  crashRule: 'none',
  build({ context, scenario, webServers, cdnNodes, engine }) {
    const { cdn } = scenario.estate;
    for (const [id, node] of Object.entries(cdn.nodes)) {
      const cdnNode = new CdnNode(context, {
        id,
        location: { siteId: node.site, segmentId: cdnSegmentId(node.site) },
        nic: new Nic(`${id}.nic`, node.bandwidth),
        healthCheck: {
          intervalMs: cdn.healthCheck.interval,
          fall: cdn.healthCheck.fall,
          rise: cdn.healthCheck.rise,
        },
        retriesMax: cdn.retryOnOtherBackend ? 1 : 0,
      });
      for (const [backendId, backend] of Object.entries(cdn.backends)) {
        cdnNode.addBackend({
          server: partOf(webServers, backendId, 'web server for the CDN backend'),
          weight: backend.weight,
          ...(backend.address === undefined ? {} : { address: backend.address }),
        });
      }
      cdnNodes.set(id, cdnNode);
      engine.addFrontEnd(cdnNode);
    }
  },
};
