import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import type { ModelContext } from '../../src/model/part.ts';
import { NfsServer } from '../../src/model/nfsServer.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RootFilesystem } from '../../src/model/raspberryPiParams.ts';
import { REQUEST_ENGINE_DEFAULTS } from '../../src/model/requests/engine.ts';
import { cpuUtilisation, powerWatts, writeBytesPerSecond } from '../../src/model/piWork.ts';

const HOUR_MS = 3_600_000;
const INTERVAL_MS = 10_000;

function servingPi(root: RootFilesystem): { context: ModelContext; pi: RaspberryPi; server: NfsServer } {
  const context = createModelContext(new Kernel({ seed: 1 }));
  const server = new NfsServer(context, 'fileserver');
  const pi = createRaspberryPi(
    context,
    'pi',
    'pi3',
    { rootFilesystem: root, bootSource: 'sd', initiallyUp: true },
    { nfsServer: server },
  );
  return { context, pi, server };
}

/** Feeds the Pi the same work every 10 s for a while, as the workload driver does. */
function serve(
  context: ModelContext,
  pi: RaspberryPi,
  perSecond: { cachedHits: number; renders: number },
  untilMs: number,
): void {
  const tick = (): void => {
    pi.noteWork({
      cachedHits: (perSecond.cachedHits * INTERVAL_MS) / 1000,
      renders: (perSecond.renders * INTERVAL_MS) / 1000,
      intervalMs: INTERVAL_MS,
    });
    if (context.kernel.nowMs + INTERVAL_MS < untilMs) context.kernel.scheduleCallback(INTERVAL_MS, tick);
  };
  tick();
  context.kernel.run({ untilMs });
}

describe('what a Pi writes and draws by kind of request', () => {
  // 003_fadcec8afe75cc12.txt: "both Pis can adequately serve 100Mbps of cached pages".
  const cachedHitsFor100Mbps = 100e6 / 8 / REQUEST_ENGINE_DEFAULTS.pageBytes;

  it('an SD-root Pi serving 100 Mbps of cached pages for an hour does not crash (003)', () => {
    const { context, pi } = servingPi('sd');
    serve(context, pi, { cachedHits: cachedHitsFor100Mbps, renders: 0 }, HOUR_MS);
    expect(pi.state).toBe('up.cool');
    expect(pi.sdCardStatus().ioStallMs).toBe(0);
  });

  it('an SD-root Pi rendering a launch share of pages crashes within the hour (004); on NFS it does not', () => {
    // About one render a second besides its cached hits: a Pi's share of pi3-launch's peak.
    const work = { cachedHits: 12, renders: 1.2 };
    const sd = servingPi('sd');
    serve(sd.context, sd.pi, work, HOUR_MS);
    expect(sd.pi.state).toBe('crashed');
    const nfs = servingPi('nfs');
    serve(nfs.context, nfs.pi, work, HOUR_MS);
    expect(nfs.pi.state).toBe('up.cool');
  });

  it('more renders a second crash an SD-root Pi sooner; cached hits barely matter', () => {
    const crashAtMs = (perSecond: { cachedHits: number; renders: number }): number => {
      const { context, pi } = servingPi('sd');
      serve(context, pi, perSecond, 4 * HOUR_MS);
      return context.parts.get('pi')?.states.find((change) => change.state === 'crashed')?.atMs ?? Infinity;
    };
    const two = crashAtMs({ cachedHits: 0, renders: 2 });
    const four = crashAtMs({ cachedHits: 0, renders: 4 });
    expect(four).toBeLessThan(two / 2);
    // A thousand cached hits a second write no more than four renders.
    expect(
      writeBytesPerSecond({ cachedHits: 1000, renders: 0, intervalMs: 1000 }, 200, 266_000),
    ).toBeLessThan(writeBytesPerSecond({ cachedHits: 0, renders: 4, intervalMs: 1000 }, 200, 266_000));
  });

  it('power rises with CPU load from the idle 2 W (002) and falls when throttled', () => {
    const { context, pi } = servingPi('nfs');
    context.kernel.run({ untilMs: 1000 });
    expect(pi.powerDrawWatts()).toBe(2);
    // A Pi 3 saturated with renders (4 cores / 0.7 s).
    pi.noteWork({ cachedHits: 0, renders: (4 / 0.7) * 10, intervalMs: INTERVAL_MS });
    const busy = pi.powerDrawWatts();
    expect(busy).toBeCloseTo(pi.params.busyWatts, 6);
    pi.noteWork({ cachedHits: 0, renders: (2 / 0.7) * 10, intervalMs: INTERVAL_MS });
    const half = pi.powerDrawWatts();
    expect(half).toBeCloseTo((2 + busy) / 2, 6);
    pi.setThrottled(true);
    expect(pi.powerDrawWatts()).toBeLessThan(half);
    expect(pi.unthrottledDrawWatts()).toBeCloseTo(half, 6);
  });

  it('the arithmetic refuses what cannot be', () => {
    expect(() => powerWatts(2, 1, 0.5, 1)).toThrow(/idleWatts <= busyWatts/);
    expect(() => cpuUtilisation({ cachedHits: -1, renders: 0, intervalMs: 1 }, 700, 1, 4)).toThrow(
      /non-negative counts/,
    );
    expect(cpuUtilisation({ cachedHits: 0, renders: 1e6, intervalMs: 1000 }, 700, 1, 4)).toBe(1);
  });
});
