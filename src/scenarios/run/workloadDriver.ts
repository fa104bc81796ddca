import type { RaspberryPi } from '../../model/raspberryPi.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { Scenario } from '../schema/index.ts';
import { crowdSteps } from './crowdCurve.ts';
import type { EstateRuntime } from './estateRuntime.ts';
import { webServerId } from './estateRuntime.ts';
import { requestMixOf } from './requestMix.ts';

/** The crowd changes size at most this often (a launch's rise is followed minute by minute). */
const CROWD_STEP_MS = 60_000;
/** Key pages staticify renders each round. Assumption: the seeds say only "the key pages". */
export const STATICIFY_KEY_PAGES = 20;
/** How often a Pi's write load is brought up to date with the requests it serves. */
const WRITE_LOAD_INTERVAL_MS = 10_000;

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
    const follow = (): void => {
      for (const entry of servingPis) {
        const served = estate.engine.servedRequests(entry.serverId);
        const bytesPerSecond =
          ((served - entry.served) * entry.pi.params.writeBytesPerRequest * 1000) / WRITE_LOAD_INTERVAL_MS;
        entry.served = served;
        entry.pi.setWriteLoad(bytesPerSecond);
      }
      if (kernel.nowMs + WRITE_LOAD_INTERVAL_MS <= scenario.duration)
        kernel.scheduleCallback(WRITE_LOAD_INTERVAL_MS, follow);
    };
    kernel.scheduleCallback(WRITE_LOAD_INTERVAL_MS, follow);
  }
  return limitsHit;
}
