import { z } from 'zod';
import {
  durationMs,
  partsById,
  positiveBitsPerSecond,
  reference,
  strictObject,
  text,
} from '../schema/common.ts';
import type { PartKind } from './types.ts';
import { cdnSegmentId } from './cdnNodes.ts';

// --- Spec ---

export const siteSchema = strictObject(
  {
    description: text('What the site is, e.g. "Harbour Exchange".').optional(),
    addressPrefix: z
      .string({ error: 'an IPv6 prefix such as 2a00:1098:0:82::/64' })
      .regex(/^[0-9A-Fa-f:]+\/\d{1,3}$/, { error: 'an IPv6 prefix such as 2a00:1098:0:82::/64' })
      .describe(
        "The site's own prefix: routing is independent per site, so a VM that moves site gets an address here.",
      ),
  },
  'A data centre.',
);

export const siteLinkSchema = strictObject(
  {
    between: z
      .tuple([reference('a site'), reference('a site')], { error: 'two site ids, such as [HEX, SOV]' })
      .describe('The two sites it joins.'),
    latency: durationMs('One-way latency'),
    bandwidth: positiveBitsPerSecond('Capacity in each direction'),
  },
  'A link between two sites.',
);

export const sitesFields = {
  sites: partsById(siteSchema, 'Data centres.'),
  siteLinks: partsById(siteLinkSchema, 'Links between sites.').optional(),
};

// --- Kind ---

/**
 * Sites are the network's routing domains (each with its own prefix, so a machine that changes
 * site changes address) and the links between them. Not a machine: sites do not crash.
 */
export const sitesKind: PartKind = {
  label: 'site',
  crashRule: 'none',
  build({ scenario, network }) {
    const { estate } = scenario;
    for (const [id, site] of Object.entries(estate.sites)) {
      network.addSite({ id, addressPrefix: site.addressPrefix.replace(/\/\d+$/, '') });
      network.addSegment({ id: cdnSegmentId(id), siteId: id });
    }
    for (const link of Object.values(estate.siteLinks ?? {})) {
      // The schema gives one-way latency; the network works in round trips.
      network.linkSites({
        siteA: link.between[0],
        siteB: link.between[1],
        rttMs: 2 * link.latency,
        bitsPerSecond: link.bandwidth,
      });
    }
  },
};
