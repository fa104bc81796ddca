import { z } from 'zod';
import {
  addressSchema,
  positiveBitsPerSecond,
  positiveCelsius,
  positiveDurationMs,
  positiveWatts,
  celsius,
  durationMs,
  eventsPerMs,
  fraction,
  idSchema,
  oneOf,
  partsById,
  reference,
  sizeBytes,
  strictObject,
  text,
  watts,
  wholeNumber,
} from './common.ts';
import { SWITCH_PORTS_MAX } from '../../model/networkSwitch.ts';
import { SHELF_DEFAULTS, SHELF_FANS_MAX } from '../../model/shelf.ts';

/** A size above zero: memory that holds anything. */
function positiveSizeBytes(description: string) {
  return sizeBytes(description).refine((bytes) => bytes > 0, { error: 'a size above zero, such as 4GB' });
}

/** A switch port as the model numbers them, from 1 on the front panel. */
function switchPort(description: string) {
  return wholeNumber(description, 1, SWITCH_PORTS_MAX);
}

/**
 * The estate: every part the twin models, each kind keyed by id. The vocabulary follows the seeds
 * (see DESIGN.md's table): sites with independent routing, VM hosts and VMs, web servers on VMs or
 * Pis, MySQL, the Mac Mini "CDN", switches, the NFS file server, Pis and their shelves.
 */

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

export const vmHostSchema = strictObject(
  {
    site: reference('a site'),
    cores: wholeNumber('Physical cores offered to VMs.', 1),
    ram: positiveSizeBytes('Memory offered to VMs'),
    nic: positiveBitsPerSecond('Network interface speed').optional(),
    spontaneousReboots: eventsPerMs(
      'How often it reboots by itself; the old HEX host did "once or twice a year"',
    ).optional(),
    spontaneousPowerOffs: eventsPerMs('How often it switches itself off and stays off').optional(),
  },
  'A physical machine that runs VMs.',
);

export const webServerSchema = strictObject(
  {
    cpu: oneOf(
      ['vm-2.4ghz', 'pi2', 'pi3'],
      'CPU class, which sets the uncached page time the model calibrates.',
    ),
    php: z
      .union([z.literal('5.6'), z.literal('7'), z.literal(5.6), z.literal(7)], {
        error: 'PHP version "5.6" or "7"',
      })
      .transform((version) => (String(version) === '7' ? '7' : '5.6'))
      .describe('PHP version; PHP 7 renders pages much faster on a Pi.'),
    workers: wholeNumber('Uncached pages in service at once (the seeds assume one per core).', 1).optional(),
  },
  'Apache and PHP serving the WordPress site.',
);

export const vmRoles = ['web-primary', 'web-secondary', 'db', 'other'] as const;

export const vmSchema = strictObject(
  {
    host: reference('a VM host'),
    cores: wholeNumber('Virtual cores.', 1),
    ram: positiveSizeBytes('Memory'),
    disk: sizeBytes('Disk image size; a move copies it'),
    role: oneOf(
      vmRoles,
      'web-primary also runs the admin side and rsyncs uploads to the others; web-secondary serves the public only.',
    ),
    address: addressSchema,
    initially: oneOf(
      ['running', 'off'],
      'State at the start of the run; "off" for a VM a step will bring up.',
    ).optional(),
    web: webServerSchema.optional(),
  },
  'A virtual machine.',
);

export const mysqlSchema = strictObject(
  {
    primary: reference('the VM running the writable MySQL primary'),
    replicas: z
      .array(reference('a VM running a MySQL replica'), { error: 'a list of VM ids' })
      .describe('Replicas at the start.'),
    replicationBandwidth: positiveBitsPerSecond('How fast a new replica is seeded within a site').optional(),
  },
  'MySQL: one writable primary and asynchronous replicas.',
);

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

const vlanId = wholeNumber('A VLAN id.', 1, 4094);

export const switchPortSchema = strictObject(
  {
    untaggedVlan: vlanId.optional().describe('Untagged VLAN: the per-Pi private storage network.'),
    taggedVlans: z
      .array(vlanId, { error: 'a list of VLAN ids' })
      .optional()
      .describe('Tagged VLANs, e.g. [131] for the public network.'),
    poe: z
      .boolean({ error: 'true or false' })
      .optional()
      .describe('Power over Ethernet on this port; lets a step power-cycle the Pi.'),
  },
  'A switch port.',
);

export const switchSchema = strictObject(
  {
    site: reference('a site'),
    portSpeed: positiveBitsPerSecond('Speed of each port'),
    poeBudget: watts('Total PoE power the switch can supply').optional(),
    ports: z
      .record(
        z
          .string()
          .regex(/^[1-9]\d{0,2}$/, { error: `a port number from 1 to ${SWITCH_PORTS_MAX}, such as 1 or 24` })
          .refine((port) => Number(port) <= SWITCH_PORTS_MAX, {
            error: `a port number from 1 to ${SWITCH_PORTS_MAX}, such as 1 or 24`,
          }),
        switchPortSchema,
      )
      .describe('Configured ports, keyed by port number.'),
  },
  'A managed switch.',
);

export const nfsServerSchema = strictObject(
  {
    site: reference('a site'),
    switch: reference('a switch'),
    port: switchPort("Switch port it is plugged into (tagged with every Pi's storage VLAN)."),
    bandwidth: positiveBitsPerSecond('Its network capacity'),
  },
  "The file server holding the Pis' root filesystems, one copy per Pi.",
);

export const piModels = ['pi2', 'pi3'] as const;

export const piSchema = strictObject(
  {
    model: oneOf(piModels, 'Raspberry Pi model.'),
    root: oneOf(
      ['nfs', 'sd'],
      'Root filesystem: on the NFS server, or on the SD card (which stalls under heavy writes).',
    ),
    nfsServer: reference('an NFS server').optional().describe('Required when root is nfs.'),
    switch: reference('a switch'),
    port: switchPort('Switch port it is plugged into.'),
    shelf: reference('a shelf').optional(),
    address: addressSchema,
    power: positiveWatts('Power draw; the seeds measured 2W for a Pi 3').optional(),
    web: webServerSchema.optional(),
    role: oneOf(
      ['web-primary', 'web-secondary'],
      'For a Pi running a web server: web-primary also serves admin and uploads and syncs files to the others (by default web-secondary).',
    ).optional(),
  },
  'A Raspberry Pi.',
);

export const shelfSchema = strictObject(
  {
    site: reference('a site'),
    size: wholeNumber('Pi slots on the shelf (96 to 108).', 96, 108),
    installed: wholeNumber(
      'Pis installed, including any listed individually under pis.',
      1,
      SHELF_DEFAULTS.piCountMax,
    ),
    model: oneOf(piModels, 'Model of the installed Pis.'),
    fans: wholeNumber('Fans cooling the shelf.', 1, SHELF_FANS_MAX),
    coldAisle: celsius('Cold-aisle air temperature').refine(
      (degrees) => degrees >= SHELF_DEFAULTS.roomCelsiusMin && degrees <= SHELF_DEFAULTS.roomCelsiusMax,
      {
        error: `a room temperature from ${SHELF_DEFAULTS.roomCelsiusMin}C to ${SHELF_DEFAULTS.roomCelsiusMax}C, the range the shelf model's room drifts in`,
      },
    ),
    hotAisleRise: positiveCelsius(
      'How much warmer the hot aisle is with all fans running (the seeds saw 5C)',
    ).optional(),
    criticalTemperature: celsius('Temperature at which Pis are in danger'),
  },
  'A shelf of Pis sharing fans; replacing one Pi takes the shelf offline.',
);

const estateFields = {
  extends: idSchema
    .optional()
    .describe('A built-in estate to start from; the fields here override it (see load docs).'),
  sites: partsById(siteSchema, 'Data centres.'),
  siteLinks: partsById(siteLinkSchema, 'Links between sites.').optional(),
  hosts: partsById(vmHostSchema, 'VM hosts.'),
  vms: partsById(vmSchema, 'Virtual machines.'),
  mysql: mysqlSchema,
  pageCache: pageCacheSchema,
  cdn: cdnSchema,
  switches: partsById(switchSchema, 'Switches.').optional(),
  nfsServers: partsById(nfsServerSchema, 'NFS file servers.').optional(),
  pis: partsById(piSchema, 'Raspberry Pis.').optional(),
  shelves: partsById(shelfSchema, 'Shelves of Pis.').optional(),
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
