import { describe, expect, it } from 'vitest';
import { EndOfInstant } from '../../src/model/endOfInstant.ts';
import { Kernel } from '../../src/sim/kernel.ts';

describe('EndOfInstant', () => {
  it('runs its action once, after the instant’s other events, however often it was asked', () => {
    const kernel = new Kernel({ seed: 1 });
    const seen: string[] = [];
    const later = new EndOfInstant(kernel, () => seen.push(`action at ${kernel.nowMs}`));
    kernel.scheduleCallback(10, () => {
      for (let request = 0; request < 100; request++) later.request();
      seen.push('first event at 10');
    });
    kernel.scheduleCallback(10, () => seen.push('second event at 10'));
    kernel.scheduleCallback(20, () => later.request());
    kernel.run({ untilMs: 30 });
    expect(seen).toEqual(['first event at 10', 'second event at 10', 'action at 10', 'action at 20']);
  });
});
