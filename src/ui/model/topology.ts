import { scaleBand } from 'd3';
import type { Report } from '../../scenarios/report.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';
import type { Placement } from './placement.ts';
import type { ReplicationLink } from './replication.ts';

export type BoxKind =
  'site' | 'host' | 'vm' | 'service' | 'cdn' | 'switch' | 'pi' | 'nfs' | 'shelf' | 'shelfPi';

/** A rectangle of the topology; those with a part are coloured by its state at the cursor. */
export interface TopologyBox {
  id: string;
  partId?: string;
  label: string;
  kind: BoxKind;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TopologyArrow {
  id: string;
  kind: 'cdn' | 'replication';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: string;
  /** A replication arrow whose replica is behind the primary at the time, drawn in a warning colour. */
  behind?: boolean;
}

export interface TopologyLayout {
  widthPx: number;
  heightPx: number;
  boxes: TopologyBox[];
  arrows: TopologyArrow[];
}

const TITLE_PX = 18;
const ROW_PX = 20;
const GAP_PX = 6;
const PAD_PX = 6;
const SHELF_COLUMNS = 12;
const SHELF_CELL_MAX_PX = 14;

/** Lays out one site's column top to bottom: hosts with their VMs, CDN nodes, switches, shelves. */
class SiteColumn {
  y: number;
  constructor(
    readonly boxes: TopologyBox[],
    readonly x: number,
    readonly width: number,
    top: number,
  ) {
    this.y = top + TITLE_PX + GAP_PX;
  }

  /** A titled container with a row of chips inside, wrapping to as many rows as they need. */
  container(
    id: string,
    kind: BoxKind,
    label: string,
    chips: Array<{ id: string; label: string; kind: BoxKind }>,
  ) {
    const inner = this.width - 2 * PAD_PX;
    const chipWidth = Math.max(60, Math.min(110, inner / Math.max(1, chips.length)));
    const perRow = Math.max(1, Math.floor((inner + GAP_PX) / (chipWidth + GAP_PX)));
    const rows = Math.ceil(chips.length / perRow);
    const height = TITLE_PX + rows * (ROW_PX + GAP_PX) + PAD_PX;
    this.boxes.push({ id, partId: id, label, kind, x: this.x, y: this.y, width: this.width, height });
    chips.forEach((chip, index) => {
      this.boxes.push({
        ...chip,
        partId: chip.id,
        x: this.x + PAD_PX + (index % perRow) * (chipWidth + GAP_PX),
        y: this.y + TITLE_PX + Math.floor(index / perRow) * (ROW_PX + GAP_PX),
        width: chipWidth,
        height: ROW_PX,
      });
    });
    this.y += height + GAP_PX;
  }

  /** A host with its VMs stacked inside, and each VM's services as chips in it. */
  host(id: string, vms: Array<{ id: string; label: string; services: string[] }>) {
    const start = this.y;
    this.y += TITLE_PX;
    const vmBoxes: TopologyBox[] = [];
    for (const vm of vms) {
      const height = TITLE_PX + (vm.services.length > 0 ? ROW_PX + PAD_PX : 0);
      const x = this.x + PAD_PX;
      const width = this.width - 2 * PAD_PX;
      vmBoxes.push({ id: vm.id, partId: vm.id, label: vm.label, kind: 'vm', x, y: this.y, width, height });
      vm.services.forEach((service, index) => {
        const serviceWidth = (width - 2 * PAD_PX - GAP_PX * (vm.services.length - 1)) / vm.services.length;
        vmBoxes.push({
          id: service,
          partId: service,
          label: service.slice(service.indexOf('/') + 1),
          kind: 'service',
          x: x + PAD_PX + index * (serviceWidth + GAP_PX),
          y: this.y + TITLE_PX,
          width: serviceWidth,
          height: ROW_PX,
        });
      });
      this.y += height + GAP_PX;
    }
    const height = Math.max(TITLE_PX + PAD_PX, this.y - start);
    this.boxes.push(
      { id, partId: id, label: id, kind: 'host', x: this.x, y: start, width: this.width, height },
      ...vmBoxes,
    );
    this.y = start + height + GAP_PX;
  }

  /** A shelf as a grid of its Pis, a cell each: the heatmap of their states. */
  shelf(id: string, pis: string[]) {
    const cell = Math.min(SHELF_CELL_MAX_PX, (this.width - 2 * PAD_PX) / SHELF_COLUMNS);
    const rows = Math.ceil(pis.length / SHELF_COLUMNS);
    const height = TITLE_PX + rows * cell + PAD_PX;
    this.boxes.push({
      id,
      partId: id,
      label: `${id} (${pis.length} Pis)`,
      kind: 'shelf',
      x: this.x,
      y: this.y,
      width: this.width,
      height,
    });
    pis.forEach((pi, index) => {
      this.boxes.push({
        id: pi,
        partId: pi,
        label: pi,
        kind: 'shelfPi',
        x: this.x + PAD_PX + (index % SHELF_COLUMNS) * cell,
        y: this.y + TITLE_PX + Math.floor(index / SHELF_COLUMNS) * cell,
        width: cell - 1,
        height: cell - 1,
      });
    });
    this.y += height + GAP_PX;
  }
}

function servicesOf(report: Report, machine: string): string[] {
  return Object.keys(report.parts).filter((id) => id.startsWith(`${machine}/`));
}

function layoutSite(
  column: SiteColumn,
  site: string,
  scenario: Scenario,
  report: Report,
  placement: Placement,
) {
  const estate = scenario.estate;
  for (const [hostId, host] of Object.entries(estate.hosts)) {
    if (host.site !== site) continue;
    const vms = [...placement.hostOfVm].filter(([, on]) => on === hostId).map(([vm]) => vm);
    column.host(
      hostId,
      vms.map((vm) => ({ id: vm, label: vm, services: servicesOf(report, vm) })),
    );
  }
  const nodes = Object.entries(estate.cdn.nodes).filter(([, node]) => node.site === site);
  if (nodes.length > 0)
    column.container(
      `cdn:${site}`,
      'cdn',
      'CDN',
      nodes.map(([id]) => ({ id, label: id, kind: 'cdn' as const })),
    );
  for (const [switchId, networkSwitch] of Object.entries(estate.switches ?? {})) {
    if (networkSwitch.site !== site) continue;
    const attached = Object.entries(estate.pis ?? {})
      .filter(([, pi]) => pi.switch === switchId && pi.shelf === undefined)
      .sort(([, a], [, b]) => a.port - b.port)
      .map(([id, pi]) => {
        const port = networkSwitch.ports[String(pi.port)];
        const vlans = [port?.untaggedVlan, ...(port?.taggedVlans ?? [])].filter((vlan) => vlan !== undefined);
        return { id, label: `${id} p${pi.port} v${vlans.join('+')}`, kind: 'pi' as const };
      });
    const servers = Object.entries(estate.nfsServers ?? {})
      .filter(([, server]) => server.switch === switchId)
      .map(([id, server]) => ({ id, label: `${id} p${server.port}`, kind: 'nfs' as const }));
    column.container(switchId, 'switch', `${switchId} (${networkSwitch.portSpeed / 1e6} Mbps)`, [
      ...attached,
      ...servers,
    ]);
  }
  for (const [shelfId, shelf] of Object.entries(estate.shelves ?? {})) {
    if (shelf.site !== site) continue;
    column.shelf(
      shelfId,
      Object.keys(report.parts).filter((id) => id.startsWith(`${shelfId}-pi`)),
    );
  }
}

function centre(box: TopologyBox): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** CDN → backend arrows (labelled with the weight) and primary → replica arrows. */
function layoutArrows(
  boxes: TopologyBox[],
  placement: Placement,
  replication: readonly ReplicationLink[],
): TopologyArrow[] {
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const arrows: TopologyArrow[] = [];
  const link = (
    id: string,
    kind: TopologyArrow['kind'],
    from: TopologyBox,
    to: TopologyBox,
    label: string,
    behind?: boolean,
  ) => {
    const a = centre(from);
    const b = centre(to);
    arrows.push({ id, kind, x1: a.x, y1: a.y, x2: b.x, y2: b.y, label, ...(behind ? { behind } : {}) });
  };
  // One arrow from each site's CDN to each backend it sends to: every node there has the same
  // backends, and an arrow per node would hide the estate behind them.
  for (const cdn of boxes.filter((box) => box.id.startsWith('cdn:'))) {
    for (const [backend, weight] of placement.cdnWeights) {
      const target = byId.get(backend);
      if (target !== undefined && weight > 0)
        link(`${cdn.id}->${backend}`, 'cdn', cdn, target, `weight ${weight}`);
    }
  }
  for (const each of replication) {
    const from = byId.get(each.primary);
    const to = byId.get(each.replica);
    if (from !== undefined && to !== undefined)
      link(`${each.primary}->${each.replica}`, 'replication', from, to, each.label, each.behind);
  }
  return arrows;
}

/**
 * The estate as the seeds draw it, at one time: a column per site (HEX, SOV) with its hosts and
 * the VMs on them at that time, their services, CDN nodes, switches with their Pis and VLANs, and
 * shelves as grids of Pis; arrows from CDN nodes to backends and from the MySQL primary to its
 * replicas (labelled with their lag, see replication.ts). Pure: the page colours each box by its
 * part's state.
 */
export function layoutTopology(
  scenario: Scenario,
  report: Report,
  placement: Placement,
  replication: readonly ReplicationLink[],
  widthPx: number,
): TopologyLayout {
  const sites = Object.keys(scenario.estate.sites);
  const column = scaleBand().domain(sites).range([0, widthPx]).paddingInner(0.04);
  const boxes: TopologyBox[] = [];
  let heightPx = 0;
  for (const site of sites) {
    const x = column(site) ?? 0;
    const siteColumn = new SiteColumn(boxes, x, column.bandwidth(), 0);
    const siteIndex = boxes.length;
    layoutSite(siteColumn, site, scenario, report, placement);
    const description = scenario.estate.sites[site]?.description;
    boxes.splice(siteIndex, 0, {
      id: `site:${site}`,
      label: description === undefined ? site : `${site} · ${description}`,
      kind: 'site',
      x,
      y: 0,
      width: column.bandwidth(),
      height: siteColumn.y,
    });
    heightPx = Math.max(heightPx, siteColumn.y);
  }
  return { widthPx, heightPx, boxes, arrows: layoutArrows(boxes, placement, replication) };
}
