import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import type { ModelContext } from '../../src/model/part.ts';
import { fanMachine } from '../../src/model/fan.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPiOverrides } from '../../src/model/raspberryPiParams.ts';
import { SHELF_DEFAULTS, Shelf, fanConductanceForRise, shelfMachine } from '../../src/model/shelf.ts';
import type { ShelfParams } from '../../src/model/shelf.ts';
import { MachineCoverage } from '../support/machineCoverage.ts';

const coverage = new MachineCoverage();
const HOUR_MS = 3_600_000;

/** Runs until the shelf first alarms (bounded: 24 h more at most). */
function runUntilOverheated(context: ModelContext, shelf: Shelf): void {
  const untilMs = context.kernel.nowMs + 24 * HOUR_MS;
  while (shelf.state !== 'overheated' && context.kernel.nowMs < untilMs)
    context.kernel.run({ untilMs: context.kernel.nowMs + 5 * 60_000 });
}

/** A shelf of 108 Pi 3s (001_c0c3c660f1f73f92.txt), every Pi powered and up after an hour. */
function buildShelf(
  seed = 1,
  params: Partial<ShelfParams> = {},
  piOverrides: RaspberryPiOverrides = {},
): { context: ModelContext; shelf: Shelf; pis: RaspberryPi[] } {
  const context = coverage.track(createModelContext(new Kernel({ seed })));
  const pis: RaspberryPi[] = [];
  for (let index = 0; index < 108; index++) {
    pis.push(
      createRaspberryPi(context, `pi${index}`, 'pi3', {
        rootFilesystem: 'sd',
        netboot: { stallProbability: 0 },
        ...piOverrides,
      }),
    );
  }
  const shelf = new Shelf(context, 'shelf1', pis, params);
  for (const pi of pis) pi.setPortPower(true);
  context.kernel.run({ untilMs: HOUR_MS });
  return { context, shelf, pis };
}

describe('shelf thermals (001_c0c3c660f1f73f92.txt)', () => {
  // The fans' airflow and the Pis' idle draw give 6.25 K (216 W over 34.6 W/K): 25 % above the 5 °C
  // 001 read off a heatmap. Held to ±30 % of the seed's figure; see docs/CALIBRATION.md.
  it("the fans' airflow alone gives 001's 5 °C between the aisles within 30 % (not fitted to it)", () => {
    for (const seed of [1, 2, 3]) {
      const { context, shelf } = buildShelf(seed);
      for (let hour = 2; hour <= 24; hour += 2) {
        context.kernel.run({ untilMs: hour * HOUR_MS });
        const riseKelvin = shelf.hotAisleCelsius() - shelf.coldAisleCelsius();
        expect(riseKelvin).toBeGreaterThan(5 - 1.5);
        expect(riseKelvin).toBeLessThan(5 + 1.5);
      }
      expect(shelf.state).toBe('online');
      expect(shelf.hottestPiCelsius()).toBeLessThan(70);
    }
  });

  // From the enclosure's physics alone the climb takes about half an hour, not 001's six hours:
  // docs/CALIBRATION.md says why, and shelf-dual-fan-failure expects its six-hour check to fail.
  it('with both fans failed the climb to critical lengthens with the heat capacity that absorbs it', () => {
    const hoursToCritical = (enclosureScale: number): number => {
      const enclosure = SHELF_DEFAULTS.enclosureHeatCapacityJoulesPerKelvin * enclosureScale;
      const { context, shelf, pis } = buildShelf(1, {
        roomDriftStdDevCelsius: 0,
        enclosureHeatCapacityJoulesPerKelvin: enclosure,
      });
      const failedAtMs = context.kernel.nowMs;
      shelf.failFan(1);
      shelf.failFan(2);
      context.kernel.run({ untilMs: failedAtMs + 12 * HOUR_MS });
      // The Pis by the hot aisle throttled; the ones by the cold aisle did not.
      expect(pis[0]?.isThrottled()).toBe(false);
      return ((shelf.criticalReachedAtMs ?? Infinity) - failedAtMs) / HOUR_MS;
    };
    const asBuilt = hoursToCritical(1);
    const heavier = hoursToCritical(4);
    console.log(
      `hours to critical: enclosure as derived ${asBuilt.toFixed(2)}, four times its heat capacity ${heavier.toFixed(2)}`,
    );
    // Far below its steady rise the shelf heats almost linearly, so the time scales with the whole
    // heat capacity: 3.4 + 6.3 kJ/K (enclosure + Pis) against 13.5 + 6.3 kJ/K, about 2 times.
    const capacityRatio = (4 * 3384 + 108 * 58.5) / (3384 + 108 * 58.5);
    expect(heavier / asBuilt).toBeGreaterThan(capacityRatio * 0.85);
    expect(heavier / asBuilt).toBeLessThan(capacityRatio * 1.15);
    expect(asBuilt).toBeGreaterThan(0.25);
    expect(asBuilt).toBeLessThan(1);
  });

  it('a busier shelf reaches critical sooner than an idle one', () => {
    const hoursToCritical = (utilisation: number): number => {
      // Their cards' writes are not the point here: renders write nothing, so no card stalls.
      const { context, shelf, pis } = buildShelf(1, { roomDriftStdDevCelsius: 0 }, { renderWriteBytes: 0 });
      // Each Pi 3 renders enough pages to keep this share of its four cores busy (0.7 s a page).
      const rendersPer10s = (utilisation * 4 * 10_000) / 700;
      for (const pi of pis) pi.noteWork({ cachedHits: 0, renders: rendersPer10s, intervalMs: 10_000 });
      context.kernel.run({ untilMs: context.kernel.nowMs + HOUR_MS });
      const failedAtMs = context.kernel.nowMs;
      shelf.failFan(1);
      shelf.failFan(2);
      context.kernel.run({ untilMs: failedAtMs + 24 * HOUR_MS });
      return ((shelf.criticalReachedAtMs ?? Infinity) - failedAtMs) / HOUR_MS;
    };
    const idle = hoursToCritical(0);
    const quarter = hoursToCritical(0.25);
    const half = hoursToCritical(0.5);
    console.log(
      `hours to critical: idle ${idle.toFixed(2)}, quarter load ${quarter.toFixed(2)}, half ${half.toFixed(2)}`,
    );
    expect(quarter).toBeLessThan(idle);
    expect(half).toBeLessThan(quarter);
    // Half load draws 1.8 times idle's heat, and each Pi's own SoC runs 16.5 K hotter over the air,
    // so the air needs 26.5 K rather than 43 K of rise: the climb takes a fifth to a half as long.
    expect(half / idle).toBeLessThan(0.5);
    expect(half / idle).toBeGreaterThan(0.2);
  });

  it('past its shutdown temperature a Pi powers itself off and stays off until power-cycled', () => {
    const { context, shelf, pis } = buildShelf(1, { roomDriftStdDevCelsius: 0 });
    shelf.failFan(1);
    shelf.failFan(2);
    context.kernel.run({ untilMs: 48 * HOUR_MS });
    const hot = pis[107];
    if (hot === undefined) throw new Error('no Pi 108');
    expect(hot.state).toBe('off');
    expect(hot.powerDrawWatts()).toBe(0);
    const lines = context.kernel.trace.lines().filter((line) => line.includes('thermalShutdown'));
    expect(lines.length).toBeGreaterThan(0);
    // The Pis by the cold aisle keep running: the shelf's heat fell with each shutdown.
    expect(pis[0]?.isUp()).toBe(true);
    shelf.repairFan(1);
    shelf.repairFan(2);
    context.kernel.run({ untilMs: 60 * HOUR_MS });
    expect(hot.state).toBe('off');
    // The alarm stays on while a Pi that shut itself down is off, though the air has cooled.
    expect(shelf.state).toBe('overheated');
    for (const pi of pis.filter((each) => each.isShutDownByHeat())) {
      pi.setPortPower(false);
      pi.setPortPower(true);
    }
    context.kernel.run({ untilMs: 61 * HOUR_MS });
    expect(hot.isUp()).toBe(true);
    expect(shelf.state).toBe('online');
  });

  it('a scenario stating the hot-aisle rise gets the per-fan airflow that makes it', () => {
    for (const riseKelvin of [4, 8]) {
      const { context, shelf } = buildShelf(1, {
        roomDriftStdDevCelsius: 0,
        fanConductanceWattsPerKelvin: fanConductanceForRise(216, riseKelvin, 2),
      });
      context.kernel.run({ untilMs: 6 * HOUR_MS });
      expect(shelf.hotAisleCelsius() - shelf.coldAisleCelsius()).toBeCloseTo(riseKelvin, 1);
    }
    expect(fanConductanceForRise(216, 4, 2)).toBeGreaterThan(fanConductanceForRise(216, 8, 2));
    expect(() => fanConductanceForRise(216, 600, 2)).toThrow(/needs less cooling than natural convection/);
  });

  it('with one fan failed the hottest Pi never reaches critical temperature', () => {
    const { context, shelf } = buildShelf(5);
    shelf.failFan(2);
    context.kernel.run({ untilMs: 14 * 24 * HOUR_MS });
    expect(shelf.criticalReachedAtMs).toBeUndefined();
    expect(shelf.state).toBe('online');
    expect(shelf.hottestPiCelsius()).toBeLessThan(80);
  });

  it('a throttled Pi page time rises, and falls back once the fans are repaired', () => {
    const { context, shelf, pis } = buildShelf(1);
    const hottest = pis[107];
    if (hottest === undefined) throw new Error('no Pi 108');
    const coolPageMs = hottest.pageTimeMs();
    shelf.failFan(1);
    shelf.failFan(2);
    runUntilOverheated(context, shelf);
    expect(hottest.state).toBe('up.throttled');
    expect(hottest.pageTimeMs()).toBeGreaterThan(coolPageMs * 1.5);
    shelf.repairFan(1);
    shelf.repairFan(2);
    context.kernel.run({ untilMs: 24 * HOUR_MS });
    expect(shelf.state).toBe('online');
    expect(hottest.state).toBe('up.cool');
    expect(hottest.pageTimeMs()).toBe(coolPageMs);
  });

  it('replacing a Pi takes the whole shelf offline, then every Pi boots again', () => {
    const { context, shelf, pis } = buildShelf(1);
    const startMs = context.kernel.nowMs;
    shelf.replacePi(17);
    expect(shelf.state).toBe('offline');
    expect(pis.every((pi) => !pi.isPowered())).toBe(true);
    expect(() => shelf.replacePi(3)).toThrow(/shelf shelf1: replacePi\(3\): the shelf is already offline/);
    context.kernel.run({ untilMs: startMs + shelf.params.replacementMs + 60_000 });
    expect(shelf.state).toBe('online');
    expect(pis.every((pi) => pi.isUp())).toBe(true);
    expect(pis[17]?.boots).toBe(2);
  });

  it('an overheated shelf can go offline too; bad arguments name the shelf', () => {
    const { context, shelf } = buildShelf(1);
    shelf.failFan(1);
    shelf.failFan(2);
    runUntilOverheated(context, shelf);
    expect(shelf.state).toBe('overheated');
    shelf.replacePi(0);
    expect(shelf.state).toBe('offline');
    expect(() => shelf.failFan(3)).toThrow(
      /shelf shelf1: failFan: fan must be a whole number in 1..2, got 3/,
    );
    expect(() => shelf.piCelsius(108)).toThrow(/Pi index must be a whole number in 0..107, got 108/);
    expect(() => new Shelf(context, 'empty', [])).toThrow(/shelf empty: expected 1..108 Pis, got 0/);
  });
});

it('every state and transition of the shelf and fan machines is reached by the tests above', () => {
  expect(coverage.missing(shelfMachine, 'shelf')).toEqual({ states: [], transitions: [] });
  expect(coverage.missing(fanMachine, 'fan')).toEqual({ states: [], transitions: [] });
});
