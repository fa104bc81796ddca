import { describe, expect, it } from 'vitest';
import type { PartRecord } from '../../../src/model/part.ts';
import type { Fault } from '../../../src/scenarios/schema/index.ts';
import { faultSpans, healedAtMs } from '../../../src/scenarios/run/faultWindows.ts';

function part(changes: [number, string[]][]): PartRecord {
  return {
    id: 'web1',
    kind: 'vm',
    states: changes.map(([atMs, tags]) => ({ atMs, state: tags.join('+') || 'other', tags })),
    utilisationPeak: 0,
    crashes: undefined,
  };
}

const crash: Fault = { kind: 'vm-crash', target: 'web1', at: 100_000 };
const outage: Fault = { kind: 'host-power-off', target: 'old-hex', at: 100_000, duration: 60_000 };

describe('healedAtMs', () => {
  it('is when a crashed target is serving again', () => {
    const vm = part([
      [0, ['serving']],
      [100_000, ['down']],
      [100_000, ['booting']],
      [145_000, ['serving']],
    ]);
    expect(healedAtMs({ fault: crash, atMs: 100_000, tookEffect: true }, vm)).toBe(145_000);
  });

  it('is the end of its duration when the target was back sooner or never left', () => {
    expect(healedAtMs({ fault: outage, atMs: 100_000, tookEffect: true }, undefined)).toBe(160_000);
  });

  it('is the later of the duration and the return to service', () => {
    const host = part([
      [0, ['serving']],
      [100_000, ['down']],
      [160_000, ['booting']],
      [220_000, ['serving']],
    ]);
    expect(healedAtMs({ fault: outage, atMs: 100_000, tookEffect: true }, host)).toBe(220_000);
  });

  it('is never for a target that did not come back, or a fault with no end', () => {
    const dead = part([
      [0, ['serving']],
      [100_000, ['crashed']],
    ]);
    expect(healedAtMs({ fault: crash, atMs: 100_000, tookEffect: true }, dead)).toBeUndefined();
    const fan: Fault = { kind: 'fan-failure', target: 'shelf1', fans: 1, at: 5_000 };
    expect(healedAtMs({ fault: fan, atMs: 5_000, tookEffect: true }, undefined)).toBeUndefined();
  });
});

describe('faultSpans', () => {
  it('runs from the injection to the settle bound after the heal, or to the end of the run', () => {
    const spans = faultSpans(
      [
        { fault: outage, atMs: 100_000, tookEffect: true },
        { fault: crash, atMs: 300_000, tookEffect: true },
      ],
      () => undefined,
      1_000_000,
      36_000,
    );
    expect(spans[0]?.window).toEqual({ fromMs: 100_000, toMs: 196_000 });
    expect(spans[0]?.healedAtMs).toBe(160_000);
    expect(spans[1]?.window.fromMs).toBe(300_000);
    expect(spans[1]?.window.toMs).toBe(Infinity);
    expect(spans[1]?.healedAtMs).toBeUndefined();
  });
});
