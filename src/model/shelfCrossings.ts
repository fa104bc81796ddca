import type { RaspberryPi } from './raspberryPi.ts';
import { piSocCelsius, relaxationTimeToMs, riseForPiCelsius } from './thermal.ts';

/** The shelf's thermal solution at the instant it was solved, as the crossing search reads it. */
export interface ShelfSolution {
  /** The shelf air's rise over the cold aisle now. */
  riseKelvin: number;
  /** The rise it relaxes toward under the present heat and conductance. */
  steadyKelvin: number;
  /** The shelf's time constant now (Infinity when nothing changes). */
  tauMs: number;
  coldCelsius: number;
  /** Whether the shelf's alarm is firing (some Pi was at critical). */
  overheated: boolean;
  criticalHysteresisCelsius: number;
}

/**
 * How long from now until the next threshold a Pi on the shelf crosses: its throttle point (or
 * the point it unthrottles), its shutdown point, and the alarm's onset or clearing. Infinity when
 * nothing will be crossed under the present solution. Only powered Pis are considered.
 */
export function nextCrossingMs(
  solution: ShelfSolution,
  pis: readonly RaspberryPi[],
  positions: readonly number[],
): number {
  const { riseKelvin, steadyKelvin, tauMs, coldCelsius, overheated } = solution;
  let soonestMs = Infinity;
  const consider = (targetRiseKelvin: number): void => {
    if (!Number.isFinite(targetRiseKelvin) || targetRiseKelvin === riseKelvin) return;
    soonestMs = Math.min(soonestMs, relaxationTimeToMs(riseKelvin, steadyKelvin, tauMs, targetRiseKelvin));
  };
  // The alarm starts when the first Pi reaches critical, and clears when the last one is back
  // under critical less the hysteresis: the soonest onset, or the latest clearing.
  let alarmMs = overheated ? 0 : Infinity;
  pis.forEach((pi, index) => {
    if (!pi.isPowered()) return;
    const position = positions[index] as number;
    const p = pi.params;
    if (pi.isUp()) {
      const threshold = pi.isThrottled()
        ? p.throttleCelsius - p.unthrottleHysteresisCelsius
        : p.throttleCelsius;
      consider(
        riseForPiCelsius(threshold, coldCelsius, position, pi.unthrottledDrawWatts(), p.socKelvinPerWatt),
      );
    }
    consider(
      riseForPiCelsius(p.shutdownCelsius, coldCelsius, position, pi.powerDrawWatts(), p.socKelvinPerWatt),
    );
    const celsius = piSocCelsius(coldCelsius, position, riseKelvin, pi.powerDrawWatts(), p.socKelvinPerWatt);
    const alarmCelsius = overheated
      ? p.criticalCelsius - solution.criticalHysteresisCelsius
      : p.criticalCelsius;
    const targetRise = riseForPiCelsius(
      alarmCelsius,
      coldCelsius,
      position,
      pi.powerDrawWatts(),
      p.socKelvinPerWatt,
    );
    const crossingMs = relaxationTimeToMs(riseKelvin, steadyKelvin, tauMs, targetRise);
    if (!overheated) alarmMs = Math.min(alarmMs, crossingMs);
    else if (celsius > alarmCelsius) alarmMs = Math.max(alarmMs, crossingMs);
  });
  return Math.min(soonestMs, alarmMs > 0 ? alarmMs : Infinity);
}
