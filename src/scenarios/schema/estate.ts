import { z } from 'zod';
import {
  cdnBackendSchema,
  cdnFields,
  cdnNodeSchema,
  cdnSchema,
  healthCheckSchema,
} from '../parts/cdnNodes.ts';
import { mysqlFields, mysqlSchema } from '../parts/mysql.ts';
import { nfsServerSchema, nfsServersFields } from '../parts/nfsServers.ts';
import { piModels, piSchema, pisFields } from '../parts/pis.ts';
import { shelfSchema, shelvesFields } from '../parts/shelves.ts';
import { siteLinkSchema, siteSchema, sitesFields } from '../parts/sites.ts';
import { switchPortSchema, switchSchema, switchesFields } from '../parts/switches.ts';
import { vmHostSchema, vmHostsFields } from '../parts/vmHosts.ts';
import { vmRoles, vmSchema, vmsFields } from '../parts/vms.ts';
import { webServerSchema } from '../parts/webServers.ts';
import { idSchema, positiveDurationMs, strictObject } from './common.ts';

/**
 * The estate: every part the twin models, each kind keyed by id. The vocabulary follows the seeds
 * (see DESIGN.md's table): sites with independent routing, VM hosts and VMs, web servers on VMs or
 * Pis, MySQL, the Mac Mini "CDN", switches, the NFS file server, Pis and their shelves. Each kind's
 * spec schema lives in its part-kind module (src/scenarios/parts/), with how it is built.
 */

export {
  cdnBackendSchema,
  cdnNodeSchema,
  cdnSchema,
  healthCheckSchema,
  mysqlSchema,
  nfsServerSchema,
  piModels,
  piSchema,
  shelfSchema,
  siteLinkSchema,
  siteSchema,
  switchPortSchema,
  switchSchema,
  vmHostSchema,
  vmRoles,
  vmSchema,
  webServerSchema,
};

export const pageCacheSchema = strictObject(
  {
    supercache: z
      .boolean({ error: 'true or false' })
      .describe('WP Supercache: bypassed for logged-in users, invalidated when a comment is posted.'),
    staticify: z
      .union([z.literal('off'), positiveDurationMs('How often staticify re-renders the key pages')], {
        error: '"off" or a duration above zero, such as 60s',
      })
      .describe(
        'staticify renders the key pages to static HTML on this interval, served even to logged-in users; "off" before it existed.',
      ),
  },
  'WordPress page caching.',
);

const estateFields = {
  extends: idSchema
    .optional()
    .describe('A built-in estate to start from; the fields here override it (see load docs).'),
  ...sitesFields,
  ...vmHostsFields,
  ...vmsFields,
  ...mysqlFields,
  pageCache: pageCacheSchema,
  ...cdnFields,
  ...switchesFields,
  ...nfsServersFields,
  ...pisFields,
  ...shelvesFields,
};

export const estateSchema = strictObject(estateFields, 'The hosting estate.');

export type Estate = z.output<typeof estateSchema>;
export type SiteSpec = z.output<typeof siteSchema>;
export type SiteLinkSpec = z.output<typeof siteLinkSchema>;
export type VmHostSpec = z.output<typeof vmHostSchema>;
export type VmSpec = z.output<typeof vmSchema>;
export type VmRole = (typeof vmRoles)[number];
export type WebServerSpec = z.output<typeof webServerSchema>;
export type MySqlSpec = z.output<typeof mysqlSchema>;
export type PageCacheSpec = z.output<typeof pageCacheSchema>;
export type CdnSpec = z.output<typeof cdnSchema>;
export type CdnNodeSpec = z.output<typeof cdnNodeSchema>;
export type CdnBackendSpec = z.output<typeof cdnBackendSchema>;
export type HealthCheckSpec = z.output<typeof healthCheckSchema>;
export type SwitchSpec = z.output<typeof switchSchema>;
export type SwitchPortSpec = z.output<typeof switchPortSchema>;
export type NfsServerSpec = z.output<typeof nfsServerSchema>;
export type PiSpec = z.output<typeof piSchema>;
export type PiModel = (typeof piModels)[number];
export type ShelfSpec = z.output<typeof shelfSchema>;
