import { describe, expect, it } from 'vitest';
import { FifoLink } from '../../src/model/link.ts';
import { Network } from '../../src/model/network.ts';

const MEGABIT = 1e6;

describe('FifoLink outage (holdUntil)', () => {
  it('sends what arrives during an outage when the link returns, in order, without refusing it', () => {
    // 8 Mbps: 1 MB takes 1 s. The outage (60 s) is longer than the 30 s backlog the link refuses at.
    const link = new FifoLink('a->b', 8 * MEGABIT, 30_000);
    link.holdUntil(60_000);
    expect(link.isHeld(10_000)).toBe(true);
    expect(link.reserve(10_000, 1e6)).toBe(61_000);
    expect(link.reserve(20_000, 1e6)).toBe(62_000);
    expect(link.isHeld(60_000)).toBe(false);
    // After the outage the link is as before: an idle link sends at once.
    expect(link.reserve(100_000, 1e6)).toBe(101_000);
  });

  it('still refuses data queued beyond its backlog, counted from the end of the outage', () => {
    const link = new FifoLink('a->b', 8 * MEGABIT, 30_000);
    link.holdUntil(60_000);
    // 30 MB queue 30 s of sending behind the outage: the next transfer would wait 30 s more.
    expect(link.reserve(0, 30e6)).toBe(90_000);
    expect(link.reserve(0, 1e6)).toBe(91_000);
    expect(link.reserve(0, 1e6)).toBeNaN();
  });

  it('leaves a link that was never held exactly as it was', () => {
    const held = new FifoLink('a->b', 8 * MEGABIT);
    const plain = new FifoLink('a->b', 8 * MEGABIT);
    held.holdUntil(0);
    for (const [nowMs, bytes] of [
      [0, 5e6],
      [1_000, 2e6],
      [20_000, 1e6],
    ] as const)
      expect(held.reserve(nowMs, bytes)).toBe(plain.reserve(nowMs, bytes));
  });
});

describe('Network.holdSiteLink', () => {
  it('holds both directions of the link between two sites, and only that link', () => {
    const network = new Network();
    network.addSite({ id: 'HEX', addressPrefix: '2a00::' });
    network.addSite({ id: 'SOV', addressPrefix: '2a01::' });
    network.linkSites({ siteA: 'HEX', siteB: 'SOV', bitsPerSecond: 8 * MEGABIT });
    expect(network.hasSiteLink('HEX', 'SOV')).toBe(true);
    expect(network.hasSiteLink('HEX', 'LON')).toBe(false);
    network.holdSiteLink('SOV', 'HEX', 30_000);
    expect(network.siteLinkDirection('HEX', 'SOV').reserve(0, 1e6)).toBe(31_000);
    expect(network.siteLinkDirection('SOV', 'HEX').reserve(5_000, 1e6)).toBe(31_000);
  });
});
