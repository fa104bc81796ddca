import { createActor, createMachine } from 'xstate';
import { Kernel } from '../src/sim/kernel.ts';
import { SimClock } from '../src/sim/clock.ts';
import { formatSpread, interleaved, numberOption, spread, withCpuSeconds } from './cpuTime.ts';
import { printTable, verdictOverRounds } from './report.ts';

/**
 * Many XState actors with delayed transitions on the sim clock: each cycles up -> degraded -> up on
 * timers of different lengths. The cost per event should stay flat as the actor count grows (a
 * heap is O(log n) per event; XState's own SimulatedClock rescans its timers and slows down).
 */
function runActors(actorCount: number, simulatedMs: number): { events: number; nsPerEvent: number } {
  const kernel = new Kernel({ seed: 1 });
  const clock = new SimClock(kernel);
  const machine = createMachine({
    initial: 'up',
    states: {
      up: { after: { upTime: 'degraded' } },
      degraded: { after: { 500: 'up' } },
    },
  }).provide({ delays: { upTime: ({ context }) => (context as { upMs: number }).upMs } });
  const stream = kernel.random.stream('uptimes');
  for (let index = 0; index < actorCount; index++) {
    const upMs = 1000 + stream.integer(9000);
    createActor(machine.provide({ delays: { upTime: upMs } }), { clock }).start();
  }
  const { result, cpuSeconds } = withCpuSeconds(() => kernel.run({ untilMs: simulatedMs }));
  return { events: result.eventsProcessed, nsPerEvent: (cpuSeconds * 1e9) / result.eventsProcessed };
}

/**
 * `npm run bench -- actors [--repeats=3]`: returns false when per-event cost grows with the actor
 * count. Cost is CPU time per event; the sizes run in turn, `repeats` rounds; verdicts on medians.
 */
export function actorsBench(args: string[] = []): boolean {
  const repeats = numberOption(args, 'repeats', 3);
  runActors(1000, 60_000);
  const counts = [1000, 10_000, 50_000] as const;
  const events = new Map<number, number>();
  // Same number of events at each size: fewer simulated seconds for more actors.
  const side = (count: number) => (): number => {
    const run = runActors(count, Math.round((60_000 * 10_000) / count));
    events.set(count, run.events);
    return run.nsPerEvent;
  };
  const figures = interleaved(repeats, { '1000': side(1000), '10000': side(10_000), '50000': side(50_000) });
  const nsPerEvent = (count: number): number[] => figures[String(count) as keyof typeof figures];
  console.log(`${repeats} rounds, sizes interleaved; CPU ns per event, median (min–max)\n`);
  printTable(
    ['actors', 'events', 'CPU ns/event'],
    counts.map((count) => [
      String(count),
      String(events.get(count) ?? 0),
      formatSpread(nsPerEvent(count), (value) => value.toFixed(0)),
    ]),
  );
  const median = (count: number): number => spread(nsPerEvent(count)).median;
  const first = median(1000);
  const growth = median(10_000) / first;
  const largestGrowth = median(50_000) / first;
  console.log(`\ncost per event, 10,000 actors / 1,000 actors (medians): ${growth.toFixed(2)}×`);
  console.log(
    `cost per event, 50,000 actors / 1,000 actors (medians): ${largestGrowth.toFixed(2)}× (a clock that scans its timers: 50×)`,
  );
  const perRound = (count: number): number[] =>
    nsPerEvent(count).map((value, round) => value / (nsPerEvent(1000)[round] ?? Number.NaN));
  const heldAtTenThousand = verdictOverRounds(
    '10,000 actors cost at most 2× per event what 1,000 do (no slowdown with pending timers)',
    growth <= 2,
    perRound(10_000).map((ratio) => ratio <= 2),
  );
  // Past 10,000 the heap outgrows the caches: the cost still grows far slower than the count.
  const heldAtLargest = verdictOverRounds(
    '50,000 actors cost per event at most a tenth of the growth in actors',
    largestGrowth <= 50 / 10,
    perRound(50_000).map((ratio) => ratio <= 50 / 10),
  );
  return heldAtTenThousand && heldAtLargest;
}
