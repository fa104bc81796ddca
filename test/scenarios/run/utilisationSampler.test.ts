import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/sim/kernel.ts';
import type { Meter } from '../../../src/scenarios/run/utilisationMeters.ts';
import { UtilisationSampler } from '../../../src/scenarios/run/utilisationSampler.ts';

/**
 * A web server with 4 workers kept busy by a load: `workersBusy(minute)` of them busy through
 * each minute; a NIC sending for `nicMsPerMinute` of each minute; and a host of 8 cores holding the
 * server.
 */
function run(workersBusy: (minute: number) => number, nicMsPerMinute: number, minutes = 5) {
  const kernel = new Kernel({ seed: 1 });
  const nowMs = (): number => kernel.nowMs;
  const busyWorkerMs = (): number => {
    let total = 0;
    for (let minute = 0; minute * 60_000 < nowMs(); minute++)
      total += workersBusy(minute) * Math.min(60_000, nowMs() - minute * 60_000);
    return total;
  };
  const meters: Meter[] = [
    { id: 'web/apache', kind: 'webServer', channels: [busyWorkerMs], members: () => [], capacity: () => 4 },
    {
      id: 'nic',
      kind: 'cdnNode',
      // Transmit busy; receive idle: the busier direction counts.
      channels: [() => Math.floor(nowMs() / 60_000) * nicMsPerMinute, () => 0],
      members: () => [],
      capacity: () => 1,
    },
    { id: 'host', kind: 'vmHost', channels: [], members: () => ['web/apache'], capacity: () => 8 },
  ];
  const sampler = new UtilisationSampler(kernel, meters, minutes * 60_000);
  sampler.start();
  kernel.run({ untilMs: minutes * 60_000 });
  sampler.finish();
  return { sampler, kernel };
}

describe('UtilisationSampler', () => {
  it('gives each minute busy time over capacity, with the peak and the mean of the minutes', () => {
    // 1, 2, 3, 2, 1 of 4 workers busy: 25 %, 50 %, 75 %, 50 %, 25 %; mean 45 %.
    const { sampler } = run((minute) => [1, 2, 3, 2, 1][minute] ?? 0, 15_000);
    expect(sampler.figures('web/apache')?.peak).toBeCloseTo(0.75, 10);
    expect(sampler.figures('web/apache')?.mean).toBeCloseTo(0.45, 10);
    // 15 s of 60 s sending.
    expect(sampler.figures('nic')?.peak).toBeCloseTo(0.25, 10);
    // The host's 8 cores carry the server's 3 busy workers at the peak: 3/8.
    expect(sampler.figures('host')?.peak).toBeCloseTo(0.375, 10);
  });

  it('doubles a utilisation when the load doubles, and no more', () => {
    const single = run(() => 1, 6_000).sampler;
    const double = run(() => 2, 12_000).sampler;
    for (const id of ['web/apache', 'nic', 'host']) {
      const before = single.figures(id)?.mean ?? 0;
      expect(before).toBeGreaterThan(0);
      expect(double.figures(id)?.mean).toBeCloseTo(2 * before, 10);
    }
  });

  it('writes a counter line at the end of a minute only when the value changed', () => {
    const { kernel } = run((minute) => (minute < 2 ? 2 : 4), 0, 4);
    const counters = kernel.trace
      .lines()
      .map((line) => JSON.parse(line) as { timeMs: number; part: string; event: string; details: unknown })
      .filter((entry) => entry.event === 'counter' && entry.part === 'web/apache');
    expect(counters.map((entry) => [entry.timeMs, entry.details])).toEqual([
      [60_000, { name: 'utilisation', value: 0.5 }],
      [180_000, { name: 'utilisation', value: 1 }],
    ]);
  });
});
