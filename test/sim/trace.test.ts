import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { Kernel } from '../../src/sim/kernel.ts';
import { SimClock } from '../../src/sim/clock.ts';
import { Trace } from '../../src/sim/trace.ts';
import { createActor } from 'xstate';

/**
 * A small model with every source of nondeterminism a real run has: random failure and repair
 * times from a seeded stream, XState actors on the sim clock, and many events at equal times.
 */
function runFailureModel(seed: number): { hash: string; lines: number } {
  const kernel = new Kernel({ seed });
  const clock = new SimClock(kernel);
  const repairs = kernel.random.stream('repairs');
  const failures = kernel.random.stream('failures');
  const server = createMachine({
    initial: 'up',
    states: { up: { on: { FAIL: 'down' } }, down: { after: { 60_000: 'up' } } },
  });
  for (let index = 0; index < 20; index++) {
    const part = `server${index}`;
    const actor = createActor(server, { clock });
    let previous = 'up';
    actor.subscribe((snapshot) => {
      const next = String(snapshot.value);
      if (next === previous) return;
      kernel.trace.record({ timeMs: kernel.nowMs, part, event: 'state', from: previous, to: next });
      previous = next;
    });
    actor.start();
    const scheduleFailure = (): void => {
      kernel.scheduleCallback(failures.exponential(3_600_000), () => {
        actor.send({ type: 'FAIL' });
        kernel.trace.record({
          timeMs: kernel.nowMs,
          part,
          event: 'fault',
          details: { repairMs: repairs.next() },
        });
        scheduleFailure();
      });
    };
    scheduleFailure();
  }
  kernel.run({ untilMs: 48 * 3_600_000 });
  return { hash: kernel.trace.hash(), lines: kernel.trace.lineCount };
}

describe('Trace', () => {
  it('gives a byte-identical trace, and so the same hash, on 20 runs of one seed', () => {
    const runs = Array.from({ length: 20 }, () => runFailureModel(2017));
    expect(runs[0]?.lines).toBeGreaterThan(1000);
    expect(new Set(runs.map((run) => run.hash)).size).toBe(1);
  });

  it('gives a different trace for a different seed', () => {
    expect(runFailureModel(2017).hash).not.toBe(runFailureModel(2016).hash);
  });

  it('writes each entry as one JSON line with keys in a fixed order', () => {
    const written: string[] = [];
    const trace = new Trace({ linesMax: 10, onLine: (line) => written.push(line) });
    trace.record({ timeMs: 5, part: 'db1', event: 'FAILOVER', from: 'primary', to: 'replica' });
    trace.record({ timeMs: 6, part: 'cdn1', event: 'operator', details: { backend: 'web1' } });
    expect(written).toEqual([
      '{"timeMs":5,"part":"db1","event":"FAILOVER","from":"primary","to":"replica","details":{}}',
      '{"timeMs":6,"part":"cdn1","event":"operator","from":null,"to":null,"details":{"backend":"web1"}}',
    ]);
    expect(trace.hash()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps hashing past its line limit and says how many lines it dropped', () => {
    const small = new Trace({ linesMax: 2 });
    const large = new Trace({ linesMax: 100 });
    for (let i = 0; i < 5; i++) {
      small.record({ timeMs: i, part: 'p', event: 'e' });
      large.record({ timeMs: i, part: 'p', event: 'e' });
    }
    expect(small.lines()).toHaveLength(2);
    expect(small.droppedLineCount).toBe(3);
    expect(small.hash()).toBe(large.hash());
  });
});
