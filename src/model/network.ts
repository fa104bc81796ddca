import { assertArgument } from '../sim/limits.ts';
import { FifoLink } from './link.ts';
import { ChangeListeners } from './part.ts';

/**
 * Where a machine sits on the network: a site (HEX, SOV) and a segment in it (a VM host's virtual
 * switch, a physical switch). Round trips depend only on these two, so moving a VM changes them.
 */
export interface NetworkLocation {
  readonly siteId: string;
  readonly segmentId: string;
}

export interface SiteParams {
  id: string;
  /** Prefix of addresses handed out at this site; independent routing means each site has its own. */
  addressPrefix: string;
}

export interface SegmentParams {
  id: string;
  siteId: string;
  /** Round trip between two machines on this segment. */
  localRttMs: number;
  /** Round trip from this segment to the site's core router (added once per end when leaving the segment). */
  toCoreRttMs: number;
}

export interface SiteLinkParams {
  siteA: string;
  siteB: string;
  /** Round trip between the two sites' cores. */
  rttMs: number;
  bitsPerSecond: number;
}

/**
 * Defaults, all assumptions (the seeds give no round trips): VMs on one host talk over a virtual
 * bridge (~0.1 ms), a hop to the site core and back ~0.25 ms, and HEX–SOV, two London data
 * centres a few km apart, ~1 ms on a 1 Gbps private link.
 */
export const DEFAULT_SEGMENT_LOCAL_RTT_MS = 0.1; // assumption: virtual bridge on one VM host
export const DEFAULT_SEGMENT_TO_CORE_RTT_MS = 0.25; // assumption: one switch hop each way
export const DEFAULT_SITE_LINK_RTT_MS = 1; // assumption: HEX and SOV are both in London Docklands
export const DEFAULT_SITE_LINK_BITS_PER_SECOND = 1e9; // assumption: a 1 Gbps private link
/**
 * Round trip from the test Pis to the DB before they moved "to the same switch as the database
 * server" (003_fadcec8afe75cc12.txt). Assumption, calibrated: with PHP 5.6 twice as slow as PHP 7
 * (cpuClasses.ts) and 40 queries per page, 15 ms makes the Pi 3 page 2.0 s, the seed's "one fifth
 * the speed of the production VMs" (0.4 s).
 */
export const PI_TEST_LAN_TO_DB_RTT_MS = 15;

/**
 * Sites, segments and the links between sites. Independent routing per site: every address
 * belongs to one site, so a machine that changes site needs a new address (`allocateAddress`).
 */
export class Network {
  private readonly sites = new Map<string, SiteParams>();
  private readonly segments = new Map<string, SegmentParams>();
  private readonly links = new Map<string, { params: SiteLinkParams; aToB: FifoLink; bToA: FifoLink }>();
  private readonly nextHostNumber = new Map<string, number>();
  /** Told each time a site link goes down, so a copy running across it can fail at that instant. */
  private readonly linkDownListeners = new ChangeListeners('network.siteLinks');

  addSite(params: SiteParams): void {
    assertArgument(!this.sites.has(params.id), `network: site "${params.id}" already exists`);
    this.sites.set(params.id, params);
    this.nextHostNumber.set(params.id, 1);
  }

  addSegment(params: Partial<SegmentParams> & { id: string; siteId: string }): void {
    assertArgument(
      this.sites.has(params.siteId),
      `network: segment "${params.id}" names unknown site "${params.siteId}"`,
    );
    assertArgument(!this.segments.has(params.id), `network: segment "${params.id}" already exists`);
    this.segments.set(params.id, {
      localRttMs: DEFAULT_SEGMENT_LOCAL_RTT_MS,
      toCoreRttMs: DEFAULT_SEGMENT_TO_CORE_RTT_MS,
      ...params,
    });
  }

  linkSites(params: Partial<SiteLinkParams> & { siteA: string; siteB: string }): void {
    assertArgument(this.sites.has(params.siteA), `network: link names unknown site "${params.siteA}"`);
    assertArgument(this.sites.has(params.siteB), `network: link names unknown site "${params.siteB}"`);
    const full: SiteLinkParams = {
      rttMs: DEFAULT_SITE_LINK_RTT_MS,
      bitsPerSecond: DEFAULT_SITE_LINK_BITS_PER_SECOND,
      ...params,
    };
    const key = linkKey(full.siteA, full.siteB);
    this.links.set(key, {
      params: full,
      aToB: new FifoLink(`${full.siteA}->${full.siteB}`, full.bitsPerSecond),
      bToA: new FifoLink(`${full.siteB}->${full.siteA}`, full.bitsPerSecond),
    });
  }

  hasSite(siteId: string): boolean {
    return this.sites.has(siteId);
  }

  hasSegment(segmentId: string): boolean {
    return this.segments.has(segmentId);
  }

  segment(segmentId: string): SegmentParams {
    const segment = this.segments.get(segmentId);
    assertArgument(segment !== undefined, `network: unknown segment "${segmentId}"`);
    return segment;
  }

  /** A fresh address at a site, e.g. `2a00:1098:0:82::5` under the site's prefix. */
  allocateAddress(siteId: string): string {
    const site = this.sites.get(siteId);
    assertArgument(site !== undefined, `network: unknown site "${siteId}"`);
    const hostNumber = this.nextHostNumber.get(siteId) ?? 1;
    this.nextHostNumber.set(siteId, hostNumber + 1);
    return `${site.addressPrefix}${hostNumber}`;
  }

  /** Round trip between two locations, in ms. */
  rttMs(from: NetworkLocation, to: NetworkLocation): number {
    const a = this.segment(from.segmentId);
    const b = this.segment(to.segmentId);
    if (a.id === b.id) return a.localRttMs;
    const withinSites = a.toCoreRttMs + b.toCoreRttMs;
    if (a.siteId === b.siteId) return withinSites;
    return withinSites + this.siteLink(a.siteId, b.siteId).params.rttMs;
  }

  /** The link carrying traffic from one site to another (one direction, FIFO). */
  siteLinkDirection(fromSiteId: string, toSiteId: string): FifoLink {
    const link = this.siteLink(fromSiteId, toSiteId);
    return link.params.siteA === fromSiteId ? link.aToB : link.bToA;
  }

  /** Bandwidth between two sites, or undefined within one site (never the bottleneck). */
  bitsPerSecondBetween(fromSiteId: string, toSiteId: string): number | undefined {
    if (fromSiteId === toSiteId) return undefined;
    return this.siteLink(fromSiteId, toSiteId).params.bitsPerSecond;
  }

  /** Whether two sites are joined by a link (within one site, always). */
  hasSiteLink(siteA: string, siteB: string): boolean {
    return siteA === siteB || this.links.has(linkKey(siteA, siteB));
  }

  /**
   * Outage of the link between two sites until untilMs: both directions carry nothing before then,
   * and what is sent meanwhile (replication) queues and goes when the link returns.
   */
  holdSiteLink(siteA: string, siteB: string, untilMs: number): void {
    const link = this.siteLink(siteA, siteB);
    link.aToB.holdUntil(untilMs);
    link.bToA.holdUntil(untilMs);
    this.linkDownListeners.notify();
  }

  /**
   * Whether traffic between two sites is cut at nowMs: their link is out. Within one site, or
   * between sites with no link at all (which rttMs refuses), never.
   */
  isSiteLinkDown(fromSiteId: string, toSiteId: string, nowMs: number): boolean {
    if (fromSiteId === toSiteId) return false;
    const link = this.links.get(linkKey(fromSiteId, toSiteId));
    return link !== undefined && link.aToB.isHeld(nowMs);
  }

  /** How long from nowMs until traffic between two sites can flow again (0 when it can now). */
  siteLinkDownForMs(fromSiteId: string, toSiteId: string, nowMs: number): number {
    if (!this.isSiteLinkDown(fromSiteId, toSiteId, nowMs)) return 0;
    return this.siteLinkDirection(fromSiteId, toSiteId).heldUntil - nowMs;
  }

  /** Whether traffic between two locations is cut at nowMs (see isSiteLinkDown). */
  isCutBetween(from: NetworkLocation, to: NetworkLocation, nowMs: number): boolean {
    return from.siteId !== to.siteId && this.isSiteLinkDown(from.siteId, to.siteId, nowMs);
  }

  /** Calls `listener` each time a site link goes down (listeners ask isSiteLinkDown which). */
  onSiteLinkDown(listener: () => void): void {
    this.linkDownListeners.add(listener);
  }

  private siteLink(siteA: string, siteB: string): { params: SiteLinkParams; aToB: FifoLink; bToA: FifoLink } {
    const link = this.links.get(linkKey(siteA, siteB));
    assertArgument(link !== undefined, `network: no link between sites "${siteA}" and "${siteB}"`);
    return link;
  }
}

function linkKey(siteA: string, siteB: string): string {
  return siteA < siteB ? `${siteA}|${siteB}` : `${siteB}|${siteA}`;
}
