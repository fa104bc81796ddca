import type { RaspberryPi } from './raspberryPi.ts';
import { socCelsiusAt, socCrossingMs } from './socThermal.ts';
import type { SocSolution } from './socThermal.ts';

/** The shelf's alarm as the crossing search reads it. */
export interface ShelfAlarm {
  /** Whether the shelf's alarm is firing (some Pi was at critical). */
  overheated: boolean;
  criticalHysteresisCelsius: number;
}

/**
 * How long from now until the next threshold a Pi on the shelf crosses: its throttle point (or
 * the point it unthrottles), its shutdown point, and the alarm's onset or clearing. Infinity when
 * nothing will be crossed under the present solution. Only powered Pis are considered; each Pi's
 * temperature follows its SocSolution (socThermal.ts).
 */
export function nextCrossingMs(
  pis: readonly RaspberryPi[],
  solutionOf: (index: number) => SocSolution,
  alarm: ShelfAlarm,
): number {
  const { overheated } = alarm;
  let soonestMs = Infinity;
  // The alarm starts when the first Pi reaches critical, and clears when the last one is back
  // under critical less the hysteresis: the soonest onset, or the latest clearing.
  let alarmMs = overheated ? 0 : Infinity;
  pis.forEach((pi, index) => {
    if (!pi.isPowered()) return;
    const p = pi.params;
    const solution = solutionOf(index);
    if (pi.isUp()) {
      const threshold = pi.isThrottled()
        ? p.throttleCelsius - p.unthrottleHysteresisCelsius
        : p.throttleCelsius;
      soonestMs = Math.min(soonestMs, socCrossingMs(solution, threshold));
    }
    soonestMs = Math.min(soonestMs, socCrossingMs(solution, p.shutdownCelsius));
    const alarmCelsius = overheated ? p.criticalCelsius - alarm.criticalHysteresisCelsius : p.criticalCelsius;
    const crossingMs = socCrossingMs(solution, alarmCelsius);
    if (!overheated) alarmMs = Math.min(alarmMs, crossingMs);
    else if (socCelsiusAt(solution, 0) > alarmCelsius) alarmMs = Math.max(alarmMs, crossingMs);
  });
  return Math.min(soonestMs, alarmMs > 0 ? alarmMs : Infinity);
}
