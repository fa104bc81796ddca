import fc from 'fast-check';
import type { EstateIds } from './estateIds.ts';

/**
 * Scenarios as a user might write them, over the schema's main variety: a built-in estate with
 * some numbers changed, a crowd of each shape, a mix, plan steps, faults and checks naming parts
 * the estate has (and sometimes ones it lacks, which validation must refuse). Runs are kept short
 * (at most three minutes, at most 300 users) so hundreds of them fit in CI.
 *
 * Left out, as other branches own them and fix them this round: `move-vm` (runs against a host
 * powered off mid-copy), `link-down` (not simulated yet: a run refuses it), faults aimed at
 * parts of the wrong kind, and the estate's physical constants (shelf temperatures, fan counts,
 * switch ports).
 */

const seconds = (min: number, max: number) => fc.integer({ min, max }).map((value) => `${value}s`);

/** Percentages of whole numbers adding up to exactly 100, over a few page kinds. */
const mixArbitrary = fc
  .record({
    cached: fc.integer({ min: 1, max: 60 }),
    uncached: fc.integer({ min: 0, max: 20 }),
    loggedIn: fc.integer({ min: 0, max: 10 }),
    comments: fc.integer({ min: 0, max: 3 }),
    admin: fc.integer({ min: 0, max: 3 }),
  })
  .map((shares) => {
    const used = shares.cached + shares.uncached + shares.loggedIn + shares.comments + shares.admin;
    return {
      cached: `${shares.cached}%`,
      uncached: `${shares.uncached}%`,
      loggedIn: `${shares.loggedIn}%`,
      comments: `${shares.comments}%`,
      admin: `${shares.admin}%`,
      static: `${100 - used}%`,
    };
  });

const crowdArbitrary = fc.oneof(
  fc.record({ shape: fc.constant('constant'), users: fc.integer({ min: 0, max: 300 }) }),
  fc.record({
    shape: fc.constant('ramp'),
    from: fc.integer({ min: 0, max: 300 }),
    to: fc.integer({ min: 0, max: 300 }),
    start: seconds(0, 60),
    over: seconds(0, 120),
  }),
  fc.record({
    shape: fc.constant('launch'),
    baseline: fc.integer({ min: 0, max: 50 }),
    peak: fc.integer({ min: 50, max: 300 }),
    at: seconds(0, 60),
    rampUp: seconds(1, 60),
    hold: seconds(0, 60),
    decay: seconds(1, 120),
  }),
);

const workloadArbitrary = fc.record({
  crowd: crowdArbitrary,
  thinkTime: seconds(2, 60),
  mix: mixArbitrary,
  requestTimeout: seconds(1, 60),
});

/** One of the ids, or now and then an id the estate does not have. */
function idOf(ids: readonly string[]): fc.Arbitrary<string> {
  return ids.length === 0
    ? fc.constant('nowhere')
    : fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...ids) },
        { weight: 1, arbitrary: fc.constant('nowhere') },
      );
}

/** A time within the run: the steps and faults of a run of durationS seconds. */
const within = (durationS: number) => seconds(0, durationS - 1);

function stepArbitrary(ids: EstateIds, durationS: number): fc.Arbitrary<Record<string, unknown>> {
  const at = fc.option(within(durationS), { nil: undefined, freq: 2 });
  const often = (arbitrary: fc.Arbitrary<Record<string, unknown>>) => ({ weight: 4, arbitrary });
  const rarely = (arbitrary: fc.Arbitrary<Record<string, unknown>>) => ({ weight: 1, arbitrary });
  const steps = [
    rarely(fc.record({ action: fc.constant('start'), vm: idOf(ids.vms) })),
    often(
      fc.record({
        action: fc.constant('shutdown'),
        vm: idOf(ids.vms),
        mode: fc.constantFrom('graceful', 'hard'),
      }),
    ),
    often(fc.record({ action: fc.constant('drain'), backend: idOf(ids.backends) })),
    often(
      fc.record({
        action: fc.constant('update-cdn'),
        backend: idOf(ids.backends),
        weight: fc.integer({ min: 0, max: 5 }),
      }),
    ),
    often(
      fc.record({
        action: fc.constant('scale-vm'),
        vm: idOf(ids.vms),
        cores: fc.integer({ min: 1, max: 8 }),
      }),
    ),
    often(
      fc.record({
        action: fc.constant('wait'),
        duration: seconds(1, Math.max(1, Math.floor(durationS / 4))),
      }),
    ),
    rarely(fc.record({ action: fc.constant('add-replica'), vm: idOf(ids.vms) })),
    rarely(fc.record({ action: fc.constant('wait-for-catch-up'), replica: idOf(ids.replicas) })),
    rarely(
      fc.record({
        action: fc.constant('failover'),
        to: idOf(ids.replicas),
        mode: fc.constantFrom('planned', 'crash'),
      }),
    ),
  ];
  if (ids.poePis.length > 0)
    steps.push(often(fc.record({ action: fc.constant('power-cycle'), pi: idOf(ids.poePis) })));
  return fc
    .tuple(fc.oneof(...steps), at)
    .map(([step, atTime]) => (atTime === undefined ? step : { ...step, at: atTime }));
}

function faultArbitrary(ids: EstateIds, durationS: number): fc.Arbitrary<Record<string, unknown>> {
  const timing = fc.oneof(
    within(durationS).map((at) => ({ at })),
    fc.integer({ min: 1, max: 60 }).map((perHour) => ({ rate: `${perHour}/h` })),
  );
  const faults: Array<fc.Arbitrary<Record<string, unknown>>> = [
    fc.record({ kind: fc.constant('vm-crash'), target: idOf(ids.vms) }),
    fc.record({ kind: fc.constant('host-reboot'), target: idOf(ids.hosts) }),
    fc.record({ kind: fc.constant('host-power-off'), target: idOf(ids.hosts), duration: seconds(1, 120) }),
  ];
  if (ids.pis.length > 0) faults.push(fc.record({ kind: fc.constant('sd-failure'), target: idOf(ids.pis) }));
  if (ids.netbootPis.length > 0)
    faults.push(
      fc.record({
        kind: fc.constant('netboot-stall'),
        target: idOf(ids.netbootPis),
        duration: seconds(1, 120),
      }),
    );
  if (ids.shelves.length > 0)
    faults.push(
      fc.record({
        kind: fc.constant('fan-failure'),
        target: idOf(ids.shelves),
        fans: fc.integer({ min: 1, max: 2 }),
      }),
    );
  return fc.tuple(fc.oneof(...faults), timing).map(([fault, time]) => ({ ...fault, ...time }));
}

const checkArbitrary = fc.oneof(
  seconds(0, 60).map((max) => ({ check: 'user-downtime', max })),
  seconds(0, 60).map((max) => ({ check: 'admin-downtime', max })),
  fc.integer({ min: 0, max: 1000 }).map((max) => ({ check: 'failed-requests', max })),
  fc
    .tuple(fc.constantFrom('p50', 'p95', 'p99'), fc.integer({ min: 1, max: 5000 }))
    .map(([percentile, ms]) => ({ check: 'latency', percentile, max: `${ms}ms` })),
  fc.constant({ check: 'lost-writes', max: 0 }),
  seconds(0, 10).map((max) => ({ check: 'split-brain', max })),
);

/** VMs given a new core count, the perturbation of numbers the estate allows without owning physics. */
function estateArbitrary(ids: EstateIds): fc.Arbitrary<Record<string, unknown>> {
  const vmChanges = fc
    .subarray([...ids.vms], { maxLength: 2 })
    .chain((vms) =>
      fc.tuple(...vms.map((vm) => fc.integer({ min: 1, max: 8 }).map((cores) => [vm, { cores }] as const))),
    );
  return vmChanges.map((changes) => ({
    extends: ids.name,
    ...(changes.length === 0 ? {} : { vms: Object.fromEntries(changes) }),
  }));
}

/** A whole scenario as plain data, ready to be written as YAML. */
export function scenarioArbitrary(estates: readonly EstateIds[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.constantFrom(...estates), fc.integer({ min: 30, max: 180 })).chain(([ids, durationS]) =>
    fc.record({
      name: fc.constant('generated'),
      seed: fc.nat({ max: 1_000_000 }),
      duration: fc.constant(`${durationS}s`),
      estate: estateArbitrary(ids),
      workload: workloadArbitrary,
      plan: fc
        .array(stepArbitrary(ids, durationS), { maxLength: 3 })
        .map((steps) => sortedByAt(steps).map((step, index) => ({ name: `step ${index + 1}`, ...step }))),
      faults: fc.array(faultArbitrary(ids, durationS), { maxLength: 2 }),
      checks: fc
        .array(checkArbitrary, { maxLength: 2 })
        .map((checks) => checks.map((check, index) => ({ name: `check ${index + 1}`, ...check }))),
    }),
  );
}

/** Steps with an `at` in the order of their times, as a runbook is written (the rest keep their places). */
function sortedByAt(steps: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const timed = steps
    .filter((step) => step['at'] !== undefined)
    .sort((a, b) => parseInt(String(a['at'])) - parseInt(String(b['at'])));
  let next = 0;
  return steps.map((step) => (step['at'] === undefined ? step : (timed[next++] as Record<string, unknown>)));
}
