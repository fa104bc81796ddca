import { createActor, createMachine } from 'xstate';
import { Kernel } from '../src/sim/kernel.ts';
import { SimClock } from '../src/sim/clock.ts';
import { printTable, verdict } from './report.ts';

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
  const started = performance.now();
  const result = kernel.run({ untilMs: simulatedMs });
  const elapsedNs = (performance.now() - started) * 1e6;
  return { events: result.eventsProcessed, nsPerEvent: elapsedNs / result.eventsProcessed };
}

/** `npm run bench -- actors`: returns false when per-event cost grows with the actor count. */
export function actorsBench(): boolean {
  runActors(1000, 60_000);
  const counts = [1000, 10_000, 50_000];
  const rows = counts.map((count) => {
    // Same number of events at each size: fewer simulated seconds for more actors.
    const simulatedMs = Math.round((60_000 * 10_000) / count);
    return { count, ...runActors(count, simulatedMs) };
  });
  printTable(
    ['actors', 'events', 'ns/event'],
    rows.map((row) => [String(row.count), String(row.events), row.nsPerEvent.toFixed(0)]),
  );
  const first = rows[0];
  const tenThousand = rows[1];
  const largest = rows[rows.length - 1];
  if (first === undefined || tenThousand === undefined || largest === undefined) return false;
  const growth = tenThousand.nsPerEvent / first.nsPerEvent;
  const largestGrowth = largest.nsPerEvent / first.nsPerEvent;
  console.log(`\ncost per event, 10,000 actors / 1,000 actors: ${growth.toFixed(2)}×`);
  console.log(
    `cost per event, ${largest.count.toLocaleString('en-GB')} actors / 1,000 actors: ${largestGrowth.toFixed(2)}× (a clock that scans its timers: ${largest.count / first.count}×)`,
  );
  const heldAtTenThousand = verdict(
    '10,000 actors cost at most 2× per event what 1,000 do (no slowdown with pending timers)',
    growth <= 2,
  );
  // Past 10,000 the heap outgrows the caches: the cost still grows far slower than the count.
  const heldAtLargest = verdict(
    `${largest.count.toLocaleString('en-GB')} actors cost per event at most a tenth of the growth in actors`,
    largestGrowth <= largest.count / first.count / 10,
  );
  return heldAtTenThousand && heldAtLargest;
}
