import { celsius, idSchema, reference } from '../schema/common.ts';
import { checkObject, duration, hotPartIds, momentNames } from './common.ts';
import { defineCheck } from './types.ts';

export const timeToTemperature = defineCheck({
  metric: 'time-to-temperature',
  schema: checkObject(
    'time-to-temperature',
    duration(),
    {
      part: reference('a Raspberry Pi or a shelf'),
      temperature: celsius('The temperature to reach'),
      since: idSchema
        .optional()
        .describe("A fault's name or a plan step's name to time from; by default the start of the run."),
    },
    'How long until a part first reaches a temperature; a run where it never does fails a min or max.',
  ),
  unit: 'ms',
  doc:
    "How long after a moment (a named fault's first effect, a named step's start, or the start of " +
    'the run) a Pi or shelf first reached a temperature, interpolated between the once-a-minute ' +
    'samples. A part that never got that hot, or was already that hot before the moment, is not ' +
    'measured and fails the check. Its part must be a Pi or a shelf, and `since` a step or fault name.',
  crossCheck(check, { scenario, issues, path }) {
    issues.reference([...path, 'part'], check.part, 'Pi or shelf', hotPartIds(scenario));
    if (check.since !== undefined)
      issues.reference([...path, 'since'], check.since, 'step or fault name', momentNames(scenario));
  },
  measure(check, measurements) {
    const fromMs = check.since === undefined ? 0 : measurements.timeOfMs(check.since);
    if (fromMs === undefined) return { missing: `"${check.since}" never happened` };
    const reachedMs = measurements.firstTimeAtCelsiusMs(check.part, check.temperature);
    if (reachedMs === undefined) return { missing: `${check.part} never reached ${check.temperature} °C` };
    if (reachedMs < fromMs)
      return { missing: `${check.part} was already at ${check.temperature} °C before "${check.since}"` };
    return { value: reachedMs - fromMs };
  },
});
