import { log } from '../sim/portableMath.ts';
import { relaxedValue } from './thermal.ts';

/**
 * A Pi's SoC temperature between two events, as two first-order relaxations added up: the shelf
 * air at the Pi's place (the shelf's rise, time constant hours with the fans stopped) and the
 * SoC's own excess over that air (its heat input × kelvinPerWatt, reached with the Pi's own time
 * constant: its board's heat capacity × kelvinPerWatt, minutes). A step of load therefore heats
 * the SoC over minutes rather than at once.
 *
 * T(t) = cold + position × rise(t) + excess(t), each of rise and excess relaxing from its start to
 * its steady value. Such a sum has at most one turning point, so the first time it meets a
 * threshold is found by bisection on a monotone stretch: bounded, and with no tick per Pi.
 */
export interface SocSolution {
  coldCelsius: number;
  /** Where the Pi sits between the cold aisle (0) and the hot aisle (1). */
  position: number;
  riseStartKelvin: number;
  riseSteadyKelvin: number;
  riseTauMs: number;
  excessStartKelvin: number;
  excessSteadyKelvin: number;
  excessTauMs: number;
}

/** Bisection halvings at most; 64 halve any span of simulated time below a microsecond. */
const BISECTIONS_MAX = 64;
/** A crossing found to within this is close enough: the shelf's event lands on its far side. */
const CROSSING_RESOLUTION_MS = 1e-3;
/** Doublings at most when a stretch runs to infinity and the crossing must be bracketed. */
const DOUBLINGS_MAX = 64;

/** The SoC's temperature elapsedMs after the solution was taken. */
export function socCelsiusAt(s: SocSolution, elapsedMs: number): number {
  return (
    s.coldCelsius +
    s.position * relaxedValue(s.riseStartKelvin, s.riseSteadyKelvin, s.riseTauMs, elapsedMs) +
    relaxedValue(s.excessStartKelvin, s.excessSteadyKelvin, s.excessTauMs, elapsedMs)
  );
}

/**
 * How long after the solution the SoC first reaches `targetCelsius` (the first moment it is at or
 * past it, seen from where it starts); Infinity when it never does, or when it starts there (the
 * shelf applies a threshold it is at when it solves).
 */
export function socCrossingMs(s: SocSolution, targetCelsius: number): number {
  const startCelsius = socCelsiusAt(s, 0);
  if (startCelsius === targetCelsius) return Infinity;
  const rising = targetCelsius > startCelsius;
  const turnMs = turningPointMs(s);
  const stretches: [number, number][] =
    turnMs > 0 && Number.isFinite(turnMs)
      ? [
          [0, turnMs],
          [turnMs, Infinity],
        ]
      : [[0, Infinity]];
  for (const [fromMs, toMs] of stretches) {
    const found = crossingOnMonotoneStretch(s, targetCelsius, rising, fromMs, toMs);
    if (found !== undefined) return found;
  }
  return Infinity;
}

/** Whether the temperature at elapsedMs is at or past the target, seen from where it started. */
function reached(s: SocSolution, targetCelsius: number, rising: boolean, elapsedMs: number): boolean {
  const celsius = socCelsiusAt(s, elapsedMs);
  return rising ? celsius >= targetCelsius : celsius <= targetCelsius;
}

/** The one moment the two relaxations' slopes cancel, or NaN/non-positive when there is none. */
function turningPointMs(s: SocSolution): number {
  const riseGap = s.position * (s.riseStartKelvin - s.riseSteadyKelvin);
  const excessGap = s.excessStartKelvin - s.excessSteadyKelvin;
  const tau1 = s.riseTauMs;
  const tau2 = s.excessTauMs;
  if (!Number.isFinite(tau1) || !Number.isFinite(tau2) || tau1 === tau2) return Number.NaN;
  if (riseGap === 0 || excessGap === 0 || Math.sign(riseGap) === Math.sign(excessGap)) return Number.NaN;
  // riseGap/τ1 · e^(−t/τ1) = −excessGap/τ2 · e^(−t/τ2), solved for t.
  return log((-excessGap * tau1) / (riseGap * tau2)) / (1 / tau2 - 1 / tau1);
}

/**
 * The first time in [fromMs, toMs] the target is reached, on a stretch where the temperature only
 * rises or only falls; undefined when it is not reached there.
 */
function crossingOnMonotoneStretch(
  s: SocSolution,
  targetCelsius: number,
  rising: boolean,
  fromMs: number,
  toMs: number,
): number | undefined {
  if (reached(s, targetCelsius, rising, fromMs)) return fromMs > 0 ? fromMs : undefined;
  let highMs = toMs;
  if (!Number.isFinite(highMs)) {
    // Monotone to the end: the target is reached only if the temperature's limit is past it.
    const limitCelsius = socCelsiusAt(s, Infinity);
    if (rising ? limitCelsius < targetCelsius : limitCelsius > targetCelsius) return undefined;
    // Bracket it: double a step of the longer finite time constant until the target is passed.
    const finiteTaus = [s.riseTauMs, s.excessTauMs].filter((tau) => Number.isFinite(tau));
    let stepMs = Math.max(1, ...finiteTaus);
    highMs = fromMs + stepMs;
    let doublings = 0;
    while (!reached(s, targetCelsius, rising, highMs)) {
      if (++doublings > DOUBLINGS_MAX) return undefined;
      stepMs *= 2;
      highMs = fromMs + stepMs;
    }
  } else if (!reached(s, targetCelsius, rising, highMs)) return undefined;
  let lowMs = fromMs;
  for (let step = 0; step < BISECTIONS_MAX && highMs - lowMs > CROSSING_RESOLUTION_MS; step++) {
    const midMs = (lowMs + highMs) / 2;
    if (reached(s, targetCelsius, rising, midMs)) highMs = midMs;
    else lowMs = midMs;
  }
  return highMs;
}

/** The SoC's own time constant: its board's heat capacity over its conductance to the air. */
export function socTimeConstantMs(boardJoulesPerKelvin: number, kelvinPerWatt: number): number {
  return boardJoulesPerKelvin * kelvinPerWatt * 1000;
}
