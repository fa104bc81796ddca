import { describe, expect, it } from 'vitest';
import { requestMixOf } from '../../../src/scenarios/run/requestMix.ts';

const mix = { cached: 0.7, uncached: 0.08, loggedIn: 0.04, comments: 0.005, admin: 0.005, static: 0.17 };

describe('requestMixOf', () => {
  it('serves cached pages from staticify when it runs (003_fadcec8afe75cc12.txt: "we always have a page in our static cache")', () => {
    const weights = requestMixOf(mix, { supercache: true, staticify: 60_000 }, 0.9);
    expect(weights.keyPage).toBeCloseTo(0.7 + 0.017, 10);
    expect(weights.page).toBe(0);
    expect(weights.staticAsset).toBeCloseTo(0.153, 10);
    expect(weights.uncachedPage).toBe(0.08);
  });

  it('serves cached pages from Supercache, which comments invalidate, before staticify', () => {
    const weights = requestMixOf(mix, { supercache: true, staticify: 'off' }, 0.9);
    expect(weights.page).toBe(0.7);
    expect(weights.keyPage).toBeCloseTo(0.017, 10);
  });

  it('renders every page when there is no cache at all', () => {
    const weights = requestMixOf(mix, { supercache: false, staticify: 'off' }, 1);
    expect(weights.uncachedPage).toBeCloseTo(0.78, 10);
    expect(weights.keyPage).toBe(0);
  });

  it('keeps the total share of the mix', () => {
    const weights = requestMixOf(mix, { supercache: true, staticify: 60_000 }, 0.5);
    const total = Object.values(weights).reduce((sum, weight) => sum + (weight ?? 0), 0);
    expect(total).toBeCloseTo(1, 10);
  });
});
