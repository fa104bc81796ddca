import { checkDefinition } from '../checks/registry.ts';
import type { CheckUnit } from '../checks/types.ts';
import type { CheckResult } from '../report.ts';
import type { Check } from '../schema/index.ts';
import type { Measurements } from './measurements.ts';

const SECOND_MS = 1000;

/** How the report shows a value of each unit: seconds for durations, percentages for fractions. */
const display: Record<CheckUnit, { shown: (value: number) => number; suffix: string; name: string }> = {
  ms: { shown: (value) => Number((value / SECOND_MS).toFixed(3)), suffix: ' s', name: 'seconds' },
  fraction: { shown: (value) => Number((value * 100).toFixed(3)), suffix: ' %', name: 'percent' },
  celsius: { shown: (value) => Number(value.toFixed(2)), suffix: ' °C', name: '°C' },
  count: { shown: (value) => value, suffix: '', name: 'a count' },
};

function limitText(check: Check, unit: CheckUnit): string {
  const { shown, suffix } = display[unit];
  const parts: string[] = [];
  if (check.min !== undefined) parts.push(`≥ ${shown(check.min)}${suffix}`);
  if (check.max !== undefined) parts.push(`≤ ${shown(check.max)}${suffix}`);
  return parts.join(' and ');
}

/**
 * Evaluates each check against the run: its kind measures it (src/scenarios/checks/), and every
 * kind is judged the same way, by inclusive bounds. A quantity that could not be measured (the part
 * never got that hot, the plan never finished) fails the check and says why, rather than passing
 * by default.
 */
export function evaluateChecks(checks: readonly Check[], measurements: Measurements): CheckResult[] {
  return checks.map((check) => {
    const definition = checkDefinition(check);
    const { unit } = definition;
    const limit = limitText(check, unit);
    const measured = definition.measure(check, measurements);
    if ('missing' in measured)
      return { name: check.name, ok: false, actual: 'not measured', limit, detail: measured.missing };
    const ok =
      (check.min === undefined || measured.value >= check.min) &&
      (check.max === undefined || measured.value <= check.max);
    return {
      name: check.name,
      ok,
      actual: display[unit].shown(measured.value),
      limit,
      detail: `${check.check} in ${display[unit].name}`,
    };
  });
}
