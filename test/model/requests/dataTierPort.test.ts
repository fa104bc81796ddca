import { describe, expect, it } from 'vitest';
import { PI_3 } from '../../../src/model/cpuClasses.ts';
import type { NetworkLocation } from '../../../src/model/network.ts';
import { DirectDataTier } from '../../../src/model/requests/directDataTier.ts';
import type { DataTierClient, DataTierPort, DatabasePort } from '../../../src/model/requests/ports.ts';
import type { Kernel } from '../../../src/sim/kernel.ts';
import { addFixedServer, buildEstate, FixedHost } from '../support/estate.ts';

/** A data tier with a queue of its own: it answers each page's queries `delayMs` after asked. */
class SlowDataTier implements DataTierPort {
  asked = 0;
  constructor(
    private readonly kernel: Kernel,
    private readonly delayMs: number,
    private readonly answer: 'ok' | 'fail' = 'ok',
  ) {}
  runPageQueries(token: number, _count: number, _from: NetworkLocation, client: DataTierClient): void {
    this.asked++;
    this.kernel.scheduleCallback(this.delayMs, () => {
      if (this.answer === 'ok') client.queriesDone(token, 0);
      else client.dataFailed(token, 'dbUnavailable');
    });
  }
  commitWrite(token: number, _bytes: number, client: DataTierClient): void {
    this.kernel.scheduleCallback(this.delayMs, () => client.writeDone(token));
  }
  writes(): { acknowledgedWrites: number; lostWrites: number; splitBrain: boolean } {
    return { acknowledgedWrites: 0, lostWrites: 0, splitBrain: false };
  }
}

/** One Pi 3 with `cores` workers next to the DB, behind the CDN, with the costly checks on. */
function onePi(cores: number) {
  const estate = buildEstate({ engine: { serviceJitter: 0, checkInvariants: true } });
  const host = new FixedHost('pi', { ...PI_3, cores }, undefined);
  addFixedServer(estate, host, estate.dbVm.location());
  return { estate, host };
}

describe('the data tier behind its port', () => {
  it('a slower data tier slows pages by its delay, and a waiting page holds its worker', () => {
    const p50ByDelay = [0, 2_000].map((delayMs) => {
      const { estate } = onePi(1);
      estate.engine.setDataTier(new SlowDataTier(estate.kernel, delayMs));
      // Two pages at once on one worker: the second waits for the first, queries included.
      estate.engine.submit('uncachedPage');
      estate.engine.submit('uncachedPage');
      estate.kernel.run({ untilMs: 20_000 });
      const www = estate.engine.report().services.www;
      expect(www.ok).toBe(2);
      return { p50: www.latencyMs.p50, p99: www.latencyMs.p99 };
    });
    const [fast, slow] = p50ByDelay as [{ p50: number; p99: number }, { p50: number; p99: number }];
    // The first page waits 2 s more; the second 4 s more (its own wait and the first's).
    expect(slow.p50 - fast.p50).toBeGreaterThan(2_000 * 0.9);
    expect(slow.p50 - fast.p50).toBeLessThan(2_000 * 1.1);
    expect(slow.p99 - fast.p99).toBeGreaterThan(4_000 * 0.9);
    expect(slow.p99 - fast.p99).toBeLessThan(4_000 * 1.1);
  });

  it('a data tier that fails frees the worker and fails the page for its reason', () => {
    const { estate } = onePi(1);
    const tier = new SlowDataTier(estate.kernel, 100, 'fail');
    estate.engine.setDataTier(tier);
    for (let i = 0; i < 3; i++) estate.engine.submit('uncachedPage');
    estate.kernel.run({ untilMs: 10_000 });
    const report = estate.engine.report();
    expect(tier.asked).toBe(3);
    expect(report.services.www.failed).toBe(3);
    expect(report.failuresByReason).toEqual({ dbUnavailable: 3 });
  });

  it('an answer for a request dropped meanwhile (its host went down) is ignored', () => {
    const { estate, host } = onePi(2);
    estate.engine.setDataTier(new SlowDataTier(estate.kernel, 1_000));
    estate.engine.submit('uncachedPage');
    estate.engine.submit('comment');
    estate.kernel.run({ untilMs: 500 });
    host.setAccepting(false);
    estate.kernel.run({ untilMs: 5_000 });
    const report = estate.engine.report();
    expect(report.failuresByReason).toEqual({ hostDown: 2 });
    expect(report.inFlight).toBe(0);
    expect(estate.engine.serverLoad('pi-www')).toEqual({ busy: 0, queued: 0 });
  });
});

describe('today’s data tier, MySQL reached directly', () => {
  it('today’s direct tier: queries cost round trips to wherever reads are answered, or fail when none is', () => {
    const estate = buildEstate();
    const answers: string[] = [];
    const client: DataTierClient = {
      queriesDone: (_token, webServerMs) => answers.push(`done ${webServerMs.toFixed(2)}`),
      writeDone: () => answers.push('written'),
      dataFailed: (_token, reason) => answers.push(reason),
    };
    let location: NetworkLocation | undefined = estate.dbVm.location();
    let writable = true;
    const database: DatabasePort = {
      queryLocation: () => location,
      isReadable: () => location !== undefined,
      commitWrite: () => writable,
      noteQueries: () => undefined,
      writes: () => ({ acknowledgedWrites: 0, lostWrites: 0, splitBrain: false }),
    };
    const tier = new DirectDataTier(database, estate.network, 0.05);
    const here = estate.dbVm.location();
    const farAway: NetworkLocation = { siteId: 'SOV', segmentId: 'sov-host' };
    tier.runPageQueries(1, 40, here, client);
    tier.runPageQueries(2, 40, farAway, client);
    tier.runPageQueries(3, 80, farAway, client);
    location = undefined;
    tier.runPageQueries(4, 40, here, client);
    tier.commitWrite(5, 1_000, client);
    writable = false;
    tier.commitWrite(6, 1_000, client);
    const [near, far, farDouble] = answers.slice(0, 3).map((answer) => Number(answer.split(' ')[1]));
    expect(far as number).toBeGreaterThan((near as number) * 5);
    expect(farDouble as number).toBeCloseTo((far as number) * 2, 6);
    expect(answers.slice(3)).toEqual(['dbUnavailable', 'written', 'dbReadOnly']);
  });
});
