import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { createModelContext } from '../../src/model/part.ts';
import { createRaspberryPi } from '../../src/model/raspberryPi.ts';
import type { RaspberryPi } from '../../src/model/raspberryPi.ts';
import { Shelf } from '../../src/model/shelf.ts';
import { socCelsiusAt, socCrossingMs } from '../../src/model/socThermal.ts';
import type { SocSolution } from '../../src/model/socThermal.ts';
import { checkProperty } from '../support/property.ts';

const HOUR_MS = 3_600_000;

/**
 * A shelf of 108 idle Pi 3s with its fans running; after an hour one Pi in the coolest row (so it stays below its
 * throttle point) steps
 * from idle to all four cores busy. Returns that Pi's SoC temperature, sampled every second for
 * 2 hours from the step (many of its time constants), and the temperature it had just before.
 */
function stepResponse(boardHeatCapacityJoulesPerKelvin?: number): {
  beforeCelsius: number;
  celsius: number[];
} {
  const context = createModelContext(new Kernel({ seed: 1 }));
  const pis: RaspberryPi[] = [];
  for (let index = 0; index < 108; index++) {
    pis.push(
      createRaspberryPi(context, `pi${index}`, 'pi3', {
        rootFilesystem: 'sd',
        renderWriteBytes: 0,
        netboot: { stallProbability: 0 },
        ...(boardHeatCapacityJoulesPerKelvin === undefined ? {} : { boardHeatCapacityJoulesPerKelvin }),
      }),
    );
  }
  const shelf = new Shelf(context, 'shelf1', pis, { roomDriftStdDevCelsius: 0 });
  for (const pi of pis) pi.setPortPower(true);
  context.kernel.run({ untilMs: HOUR_MS });
  const index = 0;
  const beforeCelsius = shelf.piCelsius(index);
  // Enough 0.7 s renders in 10 s to keep four cores busy.
  (pis[index] as RaspberryPi).noteWork({ cachedHits: 0, renders: (4 * 10_000) / 700, intervalMs: 10_000 });
  const celsius: number[] = [];
  for (let second = 1; second <= 7_200; second++) {
    context.kernel.run({ untilMs: HOUR_MS + second * 1000 });
    celsius.push(shelf.piCelsius(index));
  }
  return { beforeCelsius, celsius };
}

/** Seconds until the response first covers 63.2 % (1 − 1/e) of its rise over 2 hours. */
function secondsTo63Percent(response: { beforeCelsius: number; celsius: number[] }): number {
  const finalCelsius = response.celsius[response.celsius.length - 1] as number;
  const target = response.beforeCelsius + (1 - Math.exp(-1)) * (finalCelsius - response.beforeCelsius);
  return response.celsius.findIndex((celsius) => celsius >= target) + 1;
}

describe("a Pi's own thermal lag", () => {
  it('a step to full load heats the SoC over minutes, and a heavier board slows it in proportion', () => {
    const board = stepResponse();
    const heavier = stepResponse(81);
    const stepKelvin = (board.celsius[7_199] as number) - board.beforeCelsius;
    const firstSecondKelvin = (board.celsius[0] as number) - board.beforeCelsius;
    const t63 = secondsTo63Percent(board);
    const t63Heavier = secondsTo63Percent(heavier);
    console.log(
      `step +${stepKelvin.toFixed(1)} K: +${firstSecondKelvin.toFixed(3)} K after 1 s; 63 % after ${t63} s (board 40.5 J/K), ${t63Heavier} s (81 J/K)`,
    );
    // 3.3 W more at 10 K/W: about 33 K, reached over minutes rather than at once.
    expect(stepKelvin).toBeGreaterThan(28);
    expect(stepKelvin).toBeLessThan(36);
    expect(firstSecondKelvin).toBeGreaterThan(0);
    expect(firstSecondKelvin).toBeLessThan(0.2);
    // Board heat capacity × 10 K/W: 405 s; the shelf's air barely moves for one Pi's 3.3 W.
    expect(t63).toBeGreaterThan(330);
    expect(t63).toBeLessThan(480);
    expect(t63Heavier / t63).toBeGreaterThan(1.8);
    expect(t63Heavier / t63).toBeLessThan(2.2);
  });
});

describe('the first crossing of a sum of two relaxations', () => {
  // The shelf air cools (its fans were repaired) while the SoC heats (its load stepped up): the
  // temperature rises, turns, and falls back.
  const turning: SocSolution = {
    coldCelsius: 22,
    position: 1,
    riseStartKelvin: 40,
    riseSteadyKelvin: 6,
    riseTauMs: 600_000,
    excessStartKelvin: 20,
    excessSteadyKelvin: 53,
    excessTauMs: 60_000,
  };

  it('finds the first of two crossings on the way up, and none past the peak', () => {
    let peakCelsius = -Infinity;
    for (let ms = 0; ms <= 3_600_000; ms += 1_000)
      peakCelsius = Math.max(peakCelsius, socCelsiusAt(turning, ms));
    const start = socCelsiusAt(turning, 0);
    const target = (start + peakCelsius) / 2;
    const crossingMs = socCrossingMs(turning, target);
    expect(socCelsiusAt(turning, crossingMs)).toBeGreaterThanOrEqual(target);
    expect(socCelsiusAt(turning, crossingMs - 0.01)).toBeLessThan(target);
    expect(socCrossingMs(turning, peakCelsius + 0.5)).toBe(Infinity);
    // On the way down it later passes below the start, at a time past the peak.
    const belowMs = socCrossingMs(turning, start - 1);
    expect(belowMs).toBeGreaterThan(crossingMs);
    expect(socCelsiusAt(turning, belowMs)).toBeLessThanOrEqual(start - 1);
  });

  it('with the shelf air steady it is one relaxation: a target past its limit is never reached', () => {
    const steadyAir: SocSolution = { ...turning, riseStartKelvin: 6, riseTauMs: Infinity };
    const limit = socCelsiusAt(steadyAir, Infinity);
    expect(limit).toBeCloseTo(22 + 6 + 53, 9);
    expect(socCrossingMs(steadyAir, limit + 0.1)).toBe(Infinity);
    const halfwayMs = socCrossingMs(steadyAir, 22 + 6 + (20 + 53) / 2);
    // Half of a relaxation's gap closes after τ·ln 2.
    expect(halfwayMs / 60_000).toBeCloseTo(Math.LN2, 3);
  });

  it('what it finds is the first moment the target is reached, checked against a fine sampling', () => {
    checkProperty(
      fc.property(
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 60_000, max: 3e7, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 10_000, max: 2e6, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 20, max: 140, noNaN: true }),
        (riseStart, riseSteady, riseTauMs, excessStart, excessSteady, excessTauMs, position, target) => {
          const s: SocSolution = {
            coldCelsius: 20,
            position,
            riseStartKelvin: riseStart,
            riseSteadyKelvin: riseSteady,
            riseTauMs,
            excessStartKelvin: excessStart,
            excessSteadyKelvin: excessSteady,
            excessTauMs,
          };
          const start = socCelsiusAt(s, 0);
          fc.pre(Math.abs(start - target) > 1e-6);
          const rising = target > start;
          const past = (ms: number): boolean =>
            rising ? socCelsiusAt(s, ms) >= target : socCelsiusAt(s, ms) <= target;
          const crossingMs = socCrossingMs(s, target);
          const horizonMs = 10 * Math.max(riseTauMs, excessTauMs);
          // No sample before the answer (or over the horizon, when there is none) has reached it.
          const endMs = Math.min(crossingMs, horizonMs);
          for (let step = 1; step < 400; step++) expect(past((endMs * step) / 400 - 1e-3)).toBe(false);
          if (Number.isFinite(crossingMs)) {
            expect(past(crossingMs)).toBe(true);
            expect(crossingMs).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
