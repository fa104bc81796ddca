import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planPreCopy, PRE_COPY_DEFAULTS } from '../../src/model/liveMigration.ts';
import { checkProperty } from '../support/property.ts';
import { addWebVm, buildEstate } from './support/estate.ts';

const GiB = 2 ** 30;
const plan = (dirtyBytesPerSecond: number, linkBitsPerSecond: number) =>
  planPreCopy({ ramBytes: 8 * GiB, dirtyBytesPerSecond, linkBitsPerSecond, ...PRE_COPY_DEFAULTS });
const pauseOf = (dirtyBytesPerSecond: number, linkBitsPerSecond: number): number => {
  const result = plan(dirtyBytesPerSecond, linkBitsPerSecond);
  if (!result.converged) throw new Error(result.detail);
  return result.pauseMs;
};

describe("live migration by pre-copy (DESIGN.md anchor: SimGrid's copy, resend dirty pages, stop-and-copy)", () => {
  it('the stop-and-copy pause grows with dirty rate and shrinks with bandwidth', () => {
    const pauses = [10e6, 30e6, 60e6].map((dirty) => pauseOf(dirty, 1e9));
    console.log(`pause at 10/30/60 MB/s dirty on 1 Gbps: ${pauses.map((p) => p.toFixed(1)).join(' / ')} ms`);
    expect(pauses[0]).toBeLessThan(pauses[1] as number);
    expect(pauses[1]).toBeLessThan(pauses[2] as number);
    const byLink = [1e9, 4e9, 10e9].map((link) => pauseOf(60e6, link));
    console.log(`pause at 60 MB/s dirty on 1/4/10 Gbps: ${byLink.map((p) => p.toFixed(1)).join(' / ')} ms`);
    expect(byLink[0]).toBeGreaterThan(byLink[1] as number);
    expect(byLink[1]).toBeGreaterThan(byLink[2] as number);
    checkProperty(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (dirtyMBps, extraMBps) => {
          const link = 1e9;
          const lower = dirtyMBps * 1e6;
          const higher = Math.min((dirtyMBps + extraMBps) * 1e6, 0.99 * (link / 8));
          if (higher <= lower) return;
          expect(pauseOf(higher, link)).toBeGreaterThan(pauseOf(lower, link));
          expect(pauseOf(lower, link * 2)).toBeLessThan(pauseOf(lower, link));
        },
      ),
    );
  });

  it('a VM whose dirty rate exceeds the link never converges, and the model says so', () => {
    const result = plan(200e6, 1e9);
    expect(result.converged).toBe(false);
    if (!result.converged) expect(result.detail).toMatch(/never converges/);
  });

  it('in the estate: a converging migration pauses the VM once and moves it to SOV with a new address; a non-converging one gives up and stays', () => {
    const estate = buildEstate();
    const { vm } = addWebVm(estate, { id: 'web1' });
    estate.kernel.run({ untilMs: 1 });
    const oldAddress = vm.address;
    const result = vm.migrateLive(estate.sov);
    expect(result.converged).toBe(true);
    estate.kernel.run({ untilMs: 300_000 });
    expect(vm.host).toBe(estate.sov);
    expect(vm.address).not.toBe(oldAddress);
    expect(estate.hex.hosts('web1')).toBe(false);
    const states = estate.context.parts.get('web1')?.states.map((s) => s.state);
    expect(states).toEqual([
      'stopped',
      'booting',
      'running',
      'migrating.preCopy',
      'migrating.stopAndCopy',
      'running',
    ]);
    // The CDN still has the old address: the backend is marked down until told.
    expect(estate.cdn.isBackendHealthy('web1-www')).toBe(false);
    estate.cdn.setBackendAddress('web1-www', vm.address);
    estate.kernel.run({ untilMs: 310_000 });
    expect(estate.cdn.isBackendHealthy('web1-www')).toBe(true);

    const stuck = vm.migrateLive(estate.hex, { dirtyBytesPerSecond: 500e6 });
    expect(stuck.converged).toBe(false);
    estate.kernel.run({ untilMs: 1_000_000 });
    expect(vm.host).toBe(estate.sov);
    expect(vm.state).toBe('running');
    expect(estate.hex.hosts('web1')).toBe(false);
  });
});
