import type { Estate, PiSpec, ShelfSpec } from '../schema/index.ts';
import { formatSize } from '../units.ts';
import { crossCheckEstateLimits } from './estateLimits.ts';
import { IssueList, keysOf } from './issues.ts';

/**
 * Checks the estate holds together: every reference names a part that exists, ids are unique
 * across kinds (a check's `part: web1` must mean one thing), VMs fit their hosts, each Pi sits on a
 * configured switch port, and MySQL's members are database VMs.
 */
export function crossCheckEstate(estate: Estate, issues: IssueList): void {
  checkUniqueIds(estate, issues);
  checkSites(estate, issues);
  checkVms(estate, issues);
  checkMySql(estate, issues);
  checkCdn(estate, issues);
  checkWebServers(estate, issues);
  checkPisAndSwitches(estate, issues);
  crossCheckEstateLimits(estate, issues);
}

/** Every kind of part that has an id, in the order the report lists them. */
export function partIdsByKind(estate: Estate): Array<[kind: string, path: string[], ids: string[]]> {
  return [
    ['site', ['sites'], keysOf(estate.sites)],
    ['site link', ['siteLinks'], keysOf(estate.siteLinks)],
    ['VM host', ['hosts'], keysOf(estate.hosts)],
    ['VM', ['vms'], keysOf(estate.vms)],
    ['CDN node', ['cdn', 'nodes'], keysOf(estate.cdn.nodes)],
    ['switch', ['switches'], keysOf(estate.switches)],
    ['NFS server', ['nfsServers'], keysOf(estate.nfsServers)],
    ['Raspberry Pi', ['pis'], keysOf(estate.pis)],
    ['shelf', ['shelves'], keysOf(estate.shelves)],
  ];
}

function checkUniqueIds(estate: Estate, issues: IssueList): void {
  const firstKindOf = new Map<string, string>();
  for (const [kind, path, ids] of partIdsByKind(estate)) {
    for (const id of ids) {
      const earlier = firstKindOf.get(id);
      if (earlier === undefined) firstKindOf.set(id, kind);
      else
        issues.add(
          ['estate', ...path, id],
          `"${id}", already the id of a ${earlier}`,
          'an id no other part uses',
        );
    }
  }
}

function checkSites(estate: Estate, issues: IssueList): void {
  const sites = keysOf(estate.sites);
  for (const [id, link] of Object.entries(estate.siteLinks ?? {})) {
    link.between.forEach((site, index) =>
      issues.reference(['estate', 'siteLinks', id, 'between', index], site, 'site', sites),
    );
    if (link.between[0] === link.between[1]) {
      issues.add(
        ['estate', 'siteLinks', id, 'between'],
        `both ends at "${link.between[0]}"`,
        'two different sites',
      );
    }
  }
  const placed: Array<[string, Readonly<Record<string, { site: string }>> | undefined]> = [
    ['hosts', estate.hosts],
    ['switches', estate.switches],
    ['nfsServers', estate.nfsServers],
    ['shelves', estate.shelves],
  ];
  for (const [kind, parts] of placed) {
    for (const [id, part] of Object.entries(parts ?? {})) {
      issues.reference(['estate', kind, id, 'site'], part.site, 'site', sites);
    }
  }
  for (const [id, node] of Object.entries(estate.cdn.nodes)) {
    issues.reference(['estate', 'cdn', 'nodes', id, 'site'], node.site, 'site', sites);
  }
}

function checkVms(estate: Estate, issues: IssueList): void {
  const hosts = keysOf(estate.hosts);
  let webPrimaries = 0;
  for (const [id, vm] of Object.entries(estate.vms)) {
    issues.reference(['estate', 'vms', id, 'host'], vm.host, 'VM host', hosts);
    if (vm.web !== undefined && vm.web.cpu !== 'vm-2.4ghz') {
      issues.add(
        ['estate', 'vms', id, 'web', 'cpu'],
        `"${vm.web.cpu}" on a VM`,
        '"vm-2.4ghz" (pi2 and pi3 are for Pis)',
      );
    }
    const isWebRole = vm.role === 'web-primary' || vm.role === 'web-secondary';
    if (isWebRole && vm.web === undefined) {
      issues.add(
        ['estate', 'vms', id, 'web'],
        `nothing for a VM with role ${vm.role}`,
        'a web server (web: { cpu, php })',
      );
    }
    if (vm.role === 'web-primary') webPrimaries += 1;
    if (webPrimaries === 2 && vm.role === 'web-primary') {
      issues.add(
        ['estate', 'vms', id, 'role'],
        'a second web-primary',
        'one web-primary (it alone runs the admin side)',
      );
    }
  }
  for (const [hostId, host] of Object.entries(estate.hosts)) {
    const onHost = Object.entries(estate.vms).filter(([, vm]) => vm.host === hostId);
    const cores = onHost.reduce((sum, [, vm]) => sum + vm.cores, 0);
    const ramBytes = onHost.reduce((sum, [, vm]) => sum + vm.ram, 0);
    const names = onHost.map(([id]) => id).join(', ');
    if (cores > host.cores) {
      issues.add(
        ['estate', 'hosts', hostId, 'cores'],
        `VMs needing ${cores} cores (${names})`,
        `at most the host's ${host.cores} cores`,
      );
    }
    if (ramBytes > host.ram) {
      issues.add(
        ['estate', 'hosts', hostId, 'ram'],
        `VMs needing ${formatSize(ramBytes)} of RAM (${names})`,
        `at most the host's ${formatSize(host.ram)}`,
      );
    }
  }
}

function checkMySql(estate: Estate, issues: IssueList): void {
  const dbVms = Object.entries(estate.vms)
    .filter(([, vm]) => vm.role === 'db')
    .map(([id]) => id);
  const { primary, replicas } = estate.mysql;
  const checkDbVm = (path: Array<string | number>, id: string): void => {
    if (!issues.reference(path, id, 'VM', keysOf(estate.vms))) return;
    if (!dbVms.includes(id))
      issues.add(
        path,
        `"${id}", a VM whose role is not db`,
        `a VM with role db: ${dbVms.join(', ') || 'none'}`,
      );
  };
  checkDbVm(['estate', 'mysql', 'primary'], primary);
  const seen = new Set<string>([primary]);
  replicas.forEach((replica, index) => {
    const path = ['estate', 'mysql', 'replicas', index];
    checkDbVm(path, replica);
    if (seen.has(replica)) issues.add(path, `"${replica}" again`, 'each VM once, and not the primary');
    seen.add(replica);
  });
}

/** VMs and Pis that run a web server: what the CDN can balance across. */
export function webServerIds(estate: Estate): string[] {
  return [
    ...Object.entries(estate.vms).filter(([, vm]) => vm.web !== undefined),
    ...Object.entries(estate.pis ?? {}).filter(([, pi]) => pi.web !== undefined),
  ].map(([id]) => id);
}

/** Pi cores: both models have four (003_fadcec8afe75cc12.txt: "4 x 0.9Ghz A7", "4 x 1.2Ghz"). */
const PI_CORES = 4;

/** A web server's PHP workers are at most its cores: the model runs one worker per core. */
function checkWebServers(estate: Estate, issues: IssueList): void {
  for (const [id, vm] of Object.entries(estate.vms)) {
    if (vm.web === undefined) continue;
    const path = ['estate', 'vms', id, 'web'];
    if (vm.web.workers !== undefined && vm.web.workers > vm.cores)
      issues.add(
        [...path, 'workers'],
        `${vm.web.workers} workers on ${vm.cores} cores`,
        `at most ${vm.cores}, one per core`,
      );
  }
  for (const [id, pi] of Object.entries(estate.pis ?? {})) {
    if (pi.web === undefined) continue;
    const path = ['estate', 'pis', id, 'web'];
    if (pi.web.workers !== undefined && pi.web.workers > PI_CORES)
      issues.add([...path, 'workers'], `${pi.web.workers} workers`, `at most ${PI_CORES}, one per core`);
  }
}

function checkCdn(estate: Estate, issues: IssueList): void {
  const web = webServerIds(estate);
  for (const id of Object.keys(estate.cdn.backends)) {
    issues.reference(['estate', 'cdn', 'backends', id], id, 'web server (a VM or Pi with web:)', web);
  }
}

function checkPisAndSwitches(estate: Estate, issues: IssueList): void {
  const switches = estate.switches ?? {};
  const portOwner = new Map<string, string>();
  const plugIn = (path: Array<string | number>, owner: string, switchId: string, port: number): void => {
    if (!issues.reference([...path, 'switch'], switchId, 'switch', keysOf(switches))) return;
    const ports = switches[switchId]?.ports ?? {};
    if (!(String(port) in ports)) {
      issues.add(
        [...path, 'port'],
        `port ${port}, not configured on ${switchId}`,
        `one of the configured ports: ${keysOf(ports).join(', ') || 'none'}`,
      );
    }
    const key = `${switchId}:${port}`;
    const earlier = portOwner.get(key);
    if (earlier !== undefined)
      issues.add([...path, 'port'], `port ${port} of ${switchId}, already used by ${earlier}`, 'a free port');
    portOwner.set(key, owner);
  };
  for (const [id, server] of Object.entries(estate.nfsServers ?? {})) {
    plugIn(['estate', 'nfsServers', id], id, server.switch, server.port);
  }
  const shelves = estate.shelves ?? {};
  const namedOnShelf = new Map<string, number>();
  for (const [id, pi] of Object.entries(estate.pis ?? {})) {
    const path = ['estate', 'pis', id];
    plugIn(path, id, pi.switch, pi.port);
    checkPiRootAndCpu(estate, path, pi, issues);
    if (pi.shelf !== undefined && issues.reference([...path, 'shelf'], pi.shelf, 'shelf', keysOf(shelves))) {
      namedOnShelf.set(pi.shelf, (namedOnShelf.get(pi.shelf) ?? 0) + 1);
      const shelfModel = shelves[pi.shelf]?.model;
      if (shelfModel !== undefined && shelfModel !== pi.model) {
        issues.add([...path, 'model'], `a ${pi.model} on a shelf of ${shelfModel}s`, `"${shelfModel}"`);
      }
    }
  }
  checkShelfCounts(shelves, namedOnShelf, issues);
}

/** A Pi's root is on its SD card or on a file server that exists; its web server's CPU is its model's. */
function checkPiRootAndCpu(estate: Estate, path: string[], pi: PiSpec, issues: IssueList): void {
  if (pi.root === 'nfs' && pi.nfsServer === undefined) {
    issues.add(
      [...path, 'nfsServer'],
      'nothing for a Pi with an NFS root',
      'the id of the NFS server holding its root',
    );
  }
  if (pi.root === 'sd' && pi.nfsServer !== undefined) {
    issues.add(
      [...path, 'nfsServer'],
      `"${pi.nfsServer}" for a Pi whose root is on its SD card`,
      'no nfsServer, or root: nfs',
    );
  }
  if (pi.nfsServer !== undefined)
    issues.reference([...path, 'nfsServer'], pi.nfsServer, 'NFS server', keysOf(estate.nfsServers));
  if (pi.web !== undefined && pi.web.cpu !== pi.model) {
    issues.add([...path, 'web', 'cpu'], `"${pi.web.cpu}" on a ${pi.model}`, `"${pi.model}", the Pi's model`);
  }
}

/** A shelf holds at most its slots, and at least the Pis listed on it. */
function checkShelfCounts(
  shelves: Readonly<Record<string, ShelfSpec>>,
  namedOnShelf: ReadonlyMap<string, number>,
  issues: IssueList,
): void {
  for (const [id, shelf] of Object.entries(shelves)) {
    const named = namedOnShelf.get(id) ?? 0;
    if (shelf.installed > shelf.size) {
      issues.add(
        ['estate', 'shelves', id, 'installed'],
        `${shelf.installed} Pis`,
        `at most the shelf's ${shelf.size} slots`,
      );
    } else if (named > shelf.installed) {
      issues.add(
        ['estate', 'shelves', id, 'installed'],
        `${shelf.installed}, fewer than the ${named} Pis listed on it`,
        `at least ${named}`,
      );
    }
  }
}
