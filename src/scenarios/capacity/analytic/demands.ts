import { DATABASE_STATION_DEFAULTS } from '../../../model/requests/databaseStation.ts';
import { phpSlowdown } from '../../../model/cpuClasses.ts';
import { REQUEST_ENGINE_DEFAULTS } from '../../../model/requests/params.ts';
import { WEB_SERVER_DEFAULTS } from '../../../model/webServer.ts';
import { cpuClassOf, webServerId } from '../../parts/webServers.ts';
import type { Scenario, WebServerSpec } from '../../schema/index.ts';
import type { StationDemand } from './bounds.ts';

/**
 * Per-station service demands of one user request, from the scenario's estate and request mix and
 * the request engine's own cost parameters, so the theory and the simulation share every number.
 * The routing is the model's, simplified: public work is split over the CDN's backends by weight,
 * admin and uploads go to the primary, pages WordPress renders cost the CPU class's page time
 * (times the PHP slowdown) and make the engine's DB queries, and every response crosses one CDN
 * node's NIC. Cached pages and the static assets the CDN does not offload hold no PHP worker: Apache's
 * own workers serve them (MaxRequestWorkers less the PHP workers), a station of their own per server.
 * Stations are named as the run report names the parts (`web1/apache`, `db1/mysql`); the CDN
 * nodes' NICs are one station of as many servers as nodes. Left out: Supercache invalidation by comments, staticify's own renders, timeouts and retries.
 */
interface WebBackend {
  readonly name: string;
  readonly servers: number;
  readonly pageSeconds: number;
  readonly weight: number;
  readonly primary: boolean;
}

const SECONDS_PER_MS = 1e-3;
const BITS_PER_BYTE = 8;

function backend(
  name: string,
  spec: WebServerSpec,
  cores: number,
  weight: number,
  primary: boolean,
): WebBackend {
  const cpuClass = cpuClassOf(spec);
  // A PHP worker stays claimed while its page's queries run at the DB (the data-tier port), so the
  // DB's service time is part of the worker's holding time; the round trips are left out (a few ms).
  const dbMs = REQUEST_ENGINE_DEFAULTS.queriesPerUncachedPage * DATABASE_STATION_DEFAULTS.readQueryMs;
  const pageMs = cpuClass.uncachedPageCpuMs * phpSlowdown(cpuClass, spec.php) + dbMs;
  return { name, servers: spec.workers ?? cores, pageSeconds: pageMs * SECONDS_PER_MS, weight, primary };
}

/** Every web server behind the CDN, with its weight (an unlisted one gets no public work). */
export function webBackends(scenario: Scenario): WebBackend[] {
  const { estate } = scenario;
  const weights = estate.cdn?.backends ?? {};
  const found: WebBackend[] = [];
  for (const [name, vm] of Object.entries(estate.vms)) {
    if (vm.web === undefined) continue;
    found.push(backend(name, vm.web, vm.cores, weights[name]?.weight ?? 0, vm.role === 'web-primary'));
  }
  for (const [name, pi] of Object.entries(estate.pis ?? {})) {
    if (pi.web === undefined) continue;
    found.push(backend(name, pi.web, cpuClassOf(pi.web).cores, weights[name]?.weight ?? 0, false));
  }
  return found;
}

/** Shares of the mix that WordPress renders in full, in units of one uncached page's CPU time. */
function renderedPagesPerRequest(scenario: Scenario): { public: number; admin: number } {
  const mix = scenario.workload.mix;
  const slowFactor = scenario.workload.slowPageFactor ?? REQUEST_ENGINE_DEFAULTS.slowPageFactor;
  const supercacheBypassed = scenario.estate.pageCache?.supercache === false ? (mix.cached ?? 0) : 0;
  return {
    public:
      (mix.uncached ?? 0) +
      (mix.loggedIn ?? 0) +
      (mix.comments ?? 0) +
      supercacheBypassed +
      slowFactor * (mix.slow ?? 0),
    admin: (mix.admin ?? 0) + (mix.uploads ?? 0),
  };
}

export function serviceDemands(scenario: Scenario): StationDemand[] {
  const params = REQUEST_ENGINE_DEFAULTS;
  const mix = scenario.workload.mix;
  const backends = webBackends(scenario);
  const totalWeight = backends.reduce((sum, web) => sum + web.weight, 0);
  const rendered = renderedPagesPerRequest(scenario);
  const staticOffload = scenario.estate.cdn?.staticOffload ?? 0;
  const cheapPerRequest =
    (scenario.estate.pageCache?.supercache === false ? 0 : (mix.cached ?? 0)) +
    (mix.static ?? 0) * (1 - staticOffload);
  const stations: StationDemand[] = backends.flatMap((web) => {
    const publicShare = totalWeight > 0 ? web.weight / totalWeight : 0;
    const pages = publicShare * rendered.public + (web.primary ? rendered.admin : 0);
    const cachedSeconds = publicShare * cheapPerRequest * params.cachedPageCpuMs * SECONDS_PER_MS;
    return [
      { name: webServerId(web.name), servers: web.servers, demandSeconds: pages * web.pageSeconds },
      {
        name: `${webServerId(web.name)} cached`,
        servers: Math.max(1, WEB_SERVER_DEFAULTS.requestWorkersMax - web.servers),
        demandSeconds: cachedSeconds,
      },
    ];
  });
  const dbName = scenario.estate.mysql?.primary;
  const db = dbName === undefined ? undefined : scenario.estate.vms[dbName];
  if (db !== undefined && dbName !== undefined) {
    const queries = (rendered.public + rendered.admin) * params.queriesPerUncachedPage;
    stations.push({
      name: `${dbName}/mysql`,
      servers: db.cores,
      // The DB station's own read time (the estate's MySQL is that station, src/model/requests).
      demandSeconds: queries * DATABASE_STATION_DEFAULTS.readQueryMs * SECONDS_PER_MS,
    });
  }
  const nodes = Object.values(scenario.estate.cdn?.nodes ?? {});
  if (nodes.length > 0) {
    const bytes = (1 - (mix.static ?? 0)) * params.pageBytes + (mix.static ?? 0) * params.staticAssetBytes;
    const bitsPerSecond = nodes.reduce((sum, node) => sum + node.bandwidth, 0) / nodes.length;
    stations.push({
      name: 'cdn NICs',
      servers: nodes.length,
      demandSeconds: (bytes * BITS_PER_BYTE) / bitsPerSecond,
    });
  }
  return stations;
}
