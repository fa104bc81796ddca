import { exp, log } from '../sim/portableMath.ts';

/**
 * Pure arithmetic of the shelf's thermal model, solved in closed form between events.
 *
 * The shelf is one lumped thermal mass: the air and metal inside it sit `riseKelvin` above the
 * cold aisle, and obey C·dRise/dt = P − G·Rise, where P is the heat the Pis dissipate, G the
 * conductance to the cold aisle (fans' airflow plus natural convection) and C the heat capacity.
 * Between events P, G and C are constant, so Rise relaxes exponentially toward P/G with time
 * constant C/G, and the moment it crosses a threshold is found with one logarithm: one event per
 * crossing, never a tick per Pi.
 *
 * A Pi's SoC sits at inlet + position × Rise + power × kelvinPerWatt: the air warms as it crosses
 * the shelf from the cold aisle (position 0) to the hot aisle (position 1). The Pi's own thermal
 * time constant (a few minutes for a bare board) is taken as instantaneous: it is tiny beside the
 * shelf's hours, and it keeps every crossing analytic.
 */

/*
 * The checks below throw directly rather than through assertArgument: these functions run for
 * every Pi on every thermal solution, and a template-literal message passed as an argument is
 * built (numbers formatted) on every call, even when the check passes.
 */

/** The value of a first-order relaxation elapsedMs after it was startValue. */
export function relaxedValue(
  startValue: number,
  steadyValue: number,
  timeConstantMs: number,
  elapsedMs: number,
): number {
  if (!(elapsedMs >= 0)) throw new RangeError(`thermal: elapsedMs must be non-negative, got ${elapsedMs}`);
  if (timeConstantMs === Infinity) return startValue;
  if (!(timeConstantMs > 0))
    throw new RangeError(`thermal: timeConstantMs must be positive, got ${timeConstantMs}`);
  return steadyValue + (startValue - steadyValue) * exp(-elapsedMs / timeConstantMs);
}

/**
 * How long after the start a first-order relaxation first equals `target`: 0 when it starts
 * there, Infinity when it never gets there (the target is not between the start and the steady
 * value, or is the steady value itself, which is only approached).
 */
export function relaxationTimeToMs(
  startValue: number,
  steadyValue: number,
  timeConstantMs: number,
  target: number,
): number {
  if (target === startValue) return 0;
  if (timeConstantMs === Infinity || steadyValue === startValue) return Infinity;
  const remainingShare = (target - steadyValue) / (startValue - steadyValue);
  if (!(remainingShare > 0 && remainingShare < 1)) return Infinity;
  return -timeConstantMs * log(remainingShare);
}

/** Steady rise of the shelf air over the cold aisle: heat over conductance. */
export function steadyRiseKelvin(heatWatts: number, conductanceWattsPerKelvin: number): number {
  if (!(heatWatts >= 0)) throw new RangeError(`thermal: heatWatts must be non-negative, got ${heatWatts}`);
  if (!(conductanceWattsPerKelvin > 0))
    throw new RangeError(
      `thermal: conductanceWattsPerKelvin must be positive, got ${conductanceWattsPerKelvin}`,
    );
  return heatWatts / conductanceWattsPerKelvin;
}

/** Time constant of the shelf: heat capacity over conductance, in ms. */
export function timeConstantMs(
  heatCapacityJoulesPerKelvin: number,
  conductanceWattsPerKelvin: number,
): number {
  if (!(heatCapacityJoulesPerKelvin > 0 && conductanceWattsPerKelvin > 0))
    throw new RangeError(
      `thermal: heat capacity and conductance must be positive, got ${heatCapacityJoulesPerKelvin} J/K and ${conductanceWattsPerKelvin} W/K`,
    );
  return (heatCapacityJoulesPerKelvin / conductanceWattsPerKelvin) * 1000;
}

/** A Pi's SoC temperature at its place in the shelf. */
export function piSocCelsius(
  coldAisleCelsius: number,
  position: number,
  riseKelvin: number,
  powerWatts: number,
  kelvinPerWatt: number,
): number {
  return coldAisleCelsius + position * riseKelvin + powerWatts * kelvinPerWatt;
}

/**
 * The shelf rise at which a Pi at `position` reaches `celsius`; Infinity for a Pi at position 0
 * (it only sees the cold aisle, so the shelf's rise never moves it).
 */
export function riseForPiCelsius(
  celsius: number,
  coldAisleCelsius: number,
  position: number,
  powerWatts: number,
  kelvinPerWatt: number,
): number {
  if (!(position >= 0 && position <= 1))
    throw new RangeError(`thermal: position must be in [0, 1], got ${position}`);
  const riseKelvin = celsius - coldAisleCelsius - powerWatts * kelvinPerWatt;
  if (position === 0) return riseKelvin <= 0 ? -Infinity : Infinity;
  return riseKelvin / position;
}
