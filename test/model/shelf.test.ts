import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import type { ModelContext } from '../../src/model/part.ts';
import { fanMachine } from '../../src/model/fan.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import { Shelf, fanConductanceForRise, shelfMachine } from '../../src/model/shelf.ts';
import type { ShelfParams } from '../../src/model/shelf.ts';
import { MachineCoverage } from '../support/machineCoverage.ts';

const coverage = new MachineCoverage();
const HOUR_MS = 3_600_000;

/** A shelf of 108 Pi 3s (001_c0c3c660f1f73f92.txt), every Pi powered and up after an hour. */
function buildShelf(
  seed = 1,
  params: Partial<ShelfParams> = {},
): { context: ModelContext; shelf: Shelf; pis: RaspberryPi[] } {
  const context = coverage.track(createModelContext(new Kernel({ seed })));
  const pis: RaspberryPi[] = [];
  for (let index = 0; index < 108; index++) {
    pis.push(
      createRaspberryPi(context, `pi${index}`, 'pi3', {
        rootFilesystem: 'sd',
        netboot: { stallProbability: 0 },
      }),
    );
  }
  const shelf = new Shelf(context, 'shelf1', pis, params);
  for (const pi of pis) pi.setPortPower(true);
  context.kernel.run({ untilMs: HOUR_MS });
  return { context, shelf, pis };
}

describe('shelf thermals (001_c0c3c660f1f73f92.txt)', () => {
  it('in normal operation the hot aisle runs about 5 °C warmer than the cold one', () => {
    for (const seed of [1, 2, 3]) {
      const { context, shelf } = buildShelf(seed);
      for (let hour = 2; hour <= 24; hour += 2) {
        context.kernel.run({ untilMs: hour * HOUR_MS });
        expect(shelf.hotAisleCelsius() - shelf.coldAisleCelsius()).toBeCloseTo(5, 1);
      }
      expect(shelf.state).toBe('online');
      expect(shelf.hottestPiCelsius()).toBeLessThan(70);
    }
  });

  it('with both shelf fans failed the hottest Pi reaches critical temperature 6 ± 1 h later', () => {
    const hoursToCritical: number[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const { context, shelf, pis } = buildShelf(seed);
      const failedAtMs = context.kernel.nowMs;
      shelf.failFan(1);
      shelf.failFan(2);
      context.kernel.run({ untilMs: failedAtMs + 12 * HOUR_MS });
      expect(shelf.state).toBe('overheated');
      const criticalAtMs = shelf.criticalReachedAtMs ?? NaN;
      hoursToCritical.push((criticalAtMs - failedAtMs) / HOUR_MS);
      // The hottest Pis (the row by the hot aisle) throttled first.
      expect(pis[107]?.isThrottled()).toBe(true);
      expect(pis[0]?.isThrottled()).toBe(false);
    }
    for (const hours of hoursToCritical) {
      expect(hours).toBeGreaterThanOrEqual(5);
      expect(hours).toBeLessThanOrEqual(7);
    }
  });

  it('a scenario stating the hot-aisle rise gets the per-fan airflow that makes it', () => {
    expect(fanConductanceForRise(216, 5, 2)).toBeCloseTo(20.25, 9);
    const { context, shelf } = buildShelf(1, {
      fanConductanceWattsPerKelvin: fanConductanceForRise(216, 8, 2),
    });
    context.kernel.run({ untilMs: 6 * HOUR_MS });
    expect(shelf.hotAisleCelsius() - shelf.coldAisleCelsius()).toBeCloseTo(8, 1);
    expect(() => fanConductanceForRise(216, 100, 2)).toThrow(/needs less cooling than natural convection/);
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
    context.kernel.run({ untilMs: 9 * HOUR_MS });
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
    context.kernel.run({ untilMs: 9 * HOUR_MS });
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
