import { describe, expect, it } from 'vitest';
import { addWebVm, buildEstate } from './support/estate.ts';

describe('web servers', () => {
  it('an upload on the primary is missing on the secondary until the next file sync (000_077f2af078f4f79b.txt: "regularly rsynced to the secondary")', () => {
    const estate = buildEstate();
    const { server: primary } = addWebVm(estate, { id: 'web1', role: 'primary' });
    const { server: secondary } = addWebVm(estate, { id: 'web2', role: 'secondary' });
    primary.addSyncTarget(secondary);
    estate.kernel.run({ untilMs: 10_000 });
    estate.engine.submit('upload');
    estate.kernel.run({ untilMs: 20_000 });
    expect(estate.engine.report().services.admin.ok).toBe(1);
    expect(primary.filesVersion).toBe(1);
    expect(secondary.filesVersion).toBe(0);
    estate.kernel.run({ untilMs: primary.params.fileSyncIntervalMs + primary.params.fileSyncMs + 1 });
    expect(secondary.filesVersion).toBe(1);
  });

  it('admin goes to the primary only: with the primary down admin fails while the public site is served', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web1', role: 'primary' });
    addWebVm(estate, { id: 'web2', role: 'secondary' });
    estate.engine.addOpenLoad({ ratePerSecond: 20, mix: { page: 10, admin: 1 } });
    estate.kernel.scheduleCallback(10_000, () => vm.shutdown('graceful'));
    estate.kernel.run({ untilMs: 60_000 });
    const report = estate.engine.report();
    expect(report.services.admin.downtimeSeconds).toBeGreaterThan(30);
    expect(report.services.www.failed).toBe(0);
    expect(report.services.www.downtimeSeconds).toBe(0);
  });

  it('a comment invalidates Supercache (003_fadcec8afe75cc12.txt: "the cache is invalidated"); the next anonymous view renders again', () => {
    const estate = buildEstate();
    const { server } = addWebVm(estate, { id: 'web1' });
    estate.engine.submit('page', 7);
    estate.engine.submit('page', 8);
    estate.kernel.run({ untilMs: 2_000 });
    expect(server.isPageCached(7, estate.kernel.nowMs)).toBe(true);
    estate.engine.submit('comment', 7);
    estate.kernel.run({ untilMs: 4_000 });
    expect(server.isPageCached(7, estate.kernel.nowMs)).toBe(false);
    expect(server.isPageCached(8, estate.kernel.nowMs)).toBe(false);
  });

  it('a Supercache set to refresh only the commented page keeps the others', () => {
    const estate = buildEstate();
    const { server } = addWebVm(estate, { id: 'web1', commentInvalidates: 'page' });
    estate.engine.submit('page', 7);
    estate.engine.submit('page', 8);
    estate.kernel.run({ untilMs: 2_000 });
    estate.engine.submit('comment', 7);
    estate.kernel.run({ untilMs: 4_000 });
    expect(server.isPageCached(7, estate.kernel.nowMs)).toBe(false);
    expect(server.isPageCached(8, estate.kernel.nowMs)).toBe(true);
  });

  it('same seed, same trace: two runs of a busy estate hash alike', () => {
    const hashOf = (seed: number): string => {
      const estate = buildEstate({ seed });
      const { vm } = addWebVm(estate, { id: 'web1' });
      addWebVm(estate, { id: 'web2', role: 'secondary' });
      estate.engine.setCrowd({
        users: 200,
        thinkTimeMs: 5_000,
        mix: { page: 20, keyPage: 50, loggedInPage: 5, comment: 1, staticAsset: 30 },
      });
      estate.kernel.scheduleCallback(30_000, () => vm.shutdown('hard'));
      estate.kernel.run({ untilMs: 60_000 });
      return `${estate.kernel.trace.hash()} ${JSON.stringify(estate.engine.report())}`;
    };
    expect(hashOf(5)).toBe(hashOf(5));
    expect(hashOf(5)).not.toBe(hashOf(6));
  });
});
