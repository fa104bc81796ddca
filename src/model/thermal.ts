import { exp } from '../sim/portableMath.ts';

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
 * A Pi's SoC sits at inlet + position × Rise + its own excess over that air: the air warms as it
 * crosses the shelf from the cold aisle (position 0) to the hot aisle (position 1), and the excess
 * relaxes toward power × kelvinPerWatt with the Pi's own time constant (socThermal.ts).
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
