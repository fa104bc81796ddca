import { describe, expect, it } from 'vitest';
import { addWebVm, buildEstate, okPerSecond } from '../support/estate.ts';

describe('cached pages (003_fadcec8afe75cc12.txt: "both Pis can adequately serve 100Mbps of cached pages (versus 4Gbps for the main host)")', () => {
  it('cached pages from the main host are bounded by its 4 Gbps NIC', () => {
    const estate = buildEstate();
    addWebVm(estate, { id: 'web1' });
    const pageBytes = estate.engine.params.pageBytes;
    estate.engine.addOpenLoad({ ratePerSecond: 15_000, mix: { keyPage: 1 } });
    estate.kernel.run({ untilMs: 4_000 });
    const pagesPerSecond = okPerSecond(estate.engine, 1, 4);
    const bitsPerSecond = pagesPerSecond * pageBytes * 8;
    console.log(`cached: ${pagesPerSecond.toFixed(0)} pages/s = ${(bitsPerSecond / 1e9).toFixed(3)} Gbps`);
    expect(bitsPerSecond).toBeGreaterThan(3.9e9);
    expect(bitsPerSecond).toBeLessThan(4.05e9);
    // The CPU is not the limit: Apache's own workers send cached pages, and no PHP worker is busy.
    expect(estate.context.parts.get('web1-www')?.utilisationPeak ?? 1).toBe(0);
  });
});
