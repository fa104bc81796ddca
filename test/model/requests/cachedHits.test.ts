import { describe, expect, it } from 'vitest';
import { PI_3 } from '../../../src/model/cpuClasses.ts';
import { WebServer } from '../../../src/model/webServer.ts';
import { buildEstate, FixedHost } from '../support/estate.ts';

/**
 * A Pi 3 (4 PHP workers, 0.7 s a page) next to the DB with eight users asking for uncached pages
 * back to back, and an open load of cached key pages beside them. Returns the renders per second,
 * the cached hits answered per second and the PHP pool's utilisation peak.
 */
function run(cachedPerSecond: number, requestWorkersMax = 150) {
  const estate = buildEstate();
  const host = new FixedHost('pi', PI_3, undefined);
  const server = new WebServer(estate.context, {
    id: 'pi-www',
    host,
    role: 'secondary',
    location: () => estate.dbVm.location(),
    address: () => 'pi-address',
    requestWorkersMax,
    // A short listen queue keeps a queued cached hit well under the 300 ms that tells it from a render.
    queueLengthMax: 100,
  });
  estate.cdn.addBackend({ server });
  estate.engine.addWebServer(server);
  estate.engine.setCrowd({ users: 8, thinkTimeMs: 0, mix: { uncachedPage: 1 } });
  if (cachedPerSecond > 0) estate.engine.addOpenLoad({ ratePerSecond: cachedPerSecond, mix: { keyPage: 1 } });
  const seconds = 70;
  estate.kernel.run({ untilMs: seconds * 1000 });
  estate.engine.flushUtilisation();
  const { ok, failed, timedOut } = estate.engine.outcomeCounts().www;
  // A render takes at least 0.56 s (0.7 s less the 20 % jitter); a cached hit is a round trip.
  const fastAnswers = estate.engine.answeredWithinMs('www', 300);
  return {
    rendersPerSecond: (ok - fastAnswers) / seconds,
    cachedPerSecond: fastAnswers / seconds,
    cachedLost: failed + timedOut,
    phpUtilisation: estate.context.parts.get('pi-www')?.utilisationPeak ?? Number.NaN,
  };
}

describe('cached hits are served by Apache without PHP (issue 10 item 6)', () => {
  it('a thousand cached hits a second leave a saturated Pi’s renders per second as they were', () => {
    const alone = run(0);
    const beside = run(1_000);
    console.log(
      `renders/s alone ${alone.rendersPerSecond.toFixed(2)}, beside 1000 cached/s ${beside.rendersPerSecond.toFixed(2)} (cached answered ${beside.cachedPerSecond.toFixed(0)}/s)`,
    );
    // Held by PHP workers, 1,000 hits/s × 1 ms would take one of the 4 workers: renders would
    // fall from ~5.7/s to ~4.3/s. Served by Apache they cost the renders nothing.
    expect(alone.rendersPerSecond).toBeGreaterThan(5.4);
    expect(beside.rendersPerSecond / alone.rendersPerSecond).toBeGreaterThan(0.97);
    expect(beside.cachedPerSecond).toBeGreaterThan(950);
    expect(beside.cachedLost).toBe(0);
  });

  it('the PHP pool’s utilisation counts renders only', () => {
    const cachedOnly = (() => {
      const estate = buildEstate();
      const server = new WebServer(estate.context, {
        id: 'pi-www',
        host: new FixedHost('pi', PI_3, undefined),
        role: 'secondary',
        location: () => estate.dbVm.location(),
        address: () => 'pi-address',
      });
      estate.cdn.addBackend({ server });
      estate.engine.addWebServer(server);
      estate.engine.addOpenLoad({ ratePerSecond: 1_000, mix: { keyPage: 1 } });
      estate.kernel.run({ untilMs: 70_000 });
      estate.engine.flushUtilisation();
      return estate.context.parts.get('pi-www')?.utilisationPeak ?? Number.NaN;
    })();
    expect(cachedOnly).toBe(0);
    expect(run(0).phpUtilisation).toBeGreaterThan(0.95);
  });

  it('cached hits queue at Apache’s own worker limit (MaxRequestWorkers), not at PHP’s', () => {
    // 5 Apache workers less the 4 renders hold leaves one for 2,000 hits/s × 1 ms: overloaded.
    const starved = run(2_000, 5);
    const ample = run(2_000, 150);
    console.log(
      `2000 cached/s: answered ${starved.cachedPerSecond.toFixed(0)}/s with 1 Apache worker, ${ample.cachedPerSecond.toFixed(0)}/s with 146`,
    );
    expect(starved.cachedLost).toBeGreaterThan(30_000);
    expect(starved.cachedPerSecond).toBeLessThan(1_050);
    expect(ample.cachedLost).toBe(0);
    expect(ample.cachedPerSecond).toBeGreaterThan(1_900);
    // The renders never wait on Apache's limit.
    expect(starved.rendersPerSecond / ample.rendersPerSecond).toBeGreaterThan(0.97);
  });
});
