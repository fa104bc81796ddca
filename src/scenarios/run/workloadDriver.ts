import type { RaspberryPi } from '../../model/raspberryPi.ts';
import type { RequestMix } from '../../model/requests/types.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { Scenario } from '../schema/index.ts';
import { driveArrivals } from './arrivalDriver.ts';
import { crowdSteps } from './crowdCurve.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { webServerId } from './estateRuntime.ts';
import { driveReplay } from './replayDriver.ts';
import { requestMixOf } from './requestMix.ts';

/** The crowd changes size at most this often (a launch's rise is followed minute by minute). */
const CROWD_STEP_MS = 60_000;
/** Key pages staticify renders each round. Assumption: the seeds say only "the key pages". */
export const STATICIFY_KEY_PAGES = 20;
/**
 * How often a Pi's write and CPU load are brought up to date with the requests it serves. Our
 * choice, not a measurement: short beside a card's 120 s patience and a shelf's hours, long enough
 * to hold many requests. The NFS write-back keeps its own 5 s clock whatever this is.
 */
const WRITE_LOAD_INTERVAL_MS = 10_000;

/**
 * Share of the public requests a web server answers that it renders (PHP) rather than sends from a
 * cache, from the mix: admin and uploads are not public requests; Supercache misses are left out.
 */
export function renderShareOf(mix: RequestMix): number {
  const rendered = ['uncachedPage', 'loggedInPage', 'slowPage', 'comment'] as const;
  const renderWeight = rendered.reduce((sum, kind) => sum + (mix[kind] ?? 0), 0);
  const servedWeight = renderWeight + (mix.page ?? 0) + (mix.keyPage ?? 0);
  return servedWeight > 0 ? renderWeight / servedWeight : 0;
}

/**
 * Drives the estate with the scenario's workload (and returns any limit it hit): the crowd over time with its mix, staticify
 * re-rendering the key pages on the primary web server (the only DB load when "we've successfully
 * cached almost everything", 003_fadcec8afe75cc12.txt), and each Pi's root-filesystem writes
 * following the requests it answers.
 */
export function driveWorkload(kernel: Kernel, estate: EstateRuntime, scenario: Scenario): string[] {
  const { workload } = scenario;
  const mix = requestMixOf(workload.mix, scenario.estate.pageCache, scenario.estate.cdn.staticOffload);
  const crowd = crowdSteps(workload.crowd, scenario.duration, CROWD_STEP_MS);
  for (const step of crowd.steps) {
    kernel.scheduleCallbackAt(step.atMs, () =>
      estate.engine.setCrowd({ users: step.users, thinkTimeMs: workload.thinkTime, mix }),
    );
  }
  const limitsHit: string[] = [];
  if (crowd.truncatedAtMs !== undefined)
    limitsHit.push(
      `the crowd's steps were cut at ${(crowd.truncatedAtMs / 1000).toFixed(0)} s; it stays as it was from then on`,
    );
  // Open arrivals beside the crowd, with the workload's mix unless they have their own.
  const { arrivals } = workload;
  if (arrivals !== undefined) {
    const { pageCache, cdn } = scenario.estate;
    const arrivalsMix =
      arrivals.mix === undefined ? mix : requestMixOf(arrivals.mix, pageCache, cdn.staticOffload);
    driveArrivals(kernel, estate.engine, arrivals.rate, arrivalsMix, scenario.duration);
  }
  driveReplay(kernel, estate.engine, scenario);

  const staticifyMs = scenario.estate.pageCache.staticify;
  const primary = [...estate.webServers.values()].find((server) => server.role === 'primary');
  if (staticifyMs !== 'off' && primary !== undefined) {
    const render = (): void => {
      if (primary.host.isAccepting()) {
        for (let page = 0; page < STATICIFY_KEY_PAGES; page++)
          estate.engine.submitInternalRender(primary.id, page);
      }
      if (kernel.nowMs + staticifyMs <= scenario.duration) kernel.scheduleCallback(staticifyMs, render);
    };
    kernel.scheduleCallback(0, render);
  }

  const servingPis: Array<{ pi: RaspberryPi; serverId: string; served: number }> = [];
  for (const [id, pi] of estate.pis.pis) {
    if (estate.webServers.has(id)) servingPis.push({ pi, serverId: webServerId(id), served: 0 });
  }
  if (servingPis.length > 0) {
    const renderShare = renderShareOf(mix);
    const follow = (): void => {
      for (const entry of servingPis) {
        const served = estate.engine.servedRequests(entry.serverId);
        const requests = served - entry.served;
        entry.served = served;
        entry.pi.noteWork({
          renders: requests * renderShare,
          cachedHits: requests * (1 - renderShare),
          intervalMs: WRITE_LOAD_INTERVAL_MS,
        });
      }
      if (kernel.nowMs + WRITE_LOAD_INTERVAL_MS <= scenario.duration)
        kernel.scheduleCallback(WRITE_LOAD_INTERVAL_MS, follow);
    };
    kernel.scheduleCallback(WRITE_LOAD_INTERVAL_MS, follow);
  }
  return limitsHit;
}
