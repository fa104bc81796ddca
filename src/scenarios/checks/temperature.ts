import { celsius, reference } from '../schema/common.ts';
import { checkObject, hotPartIds } from './common.ts';
import { defineCheck } from './types.ts';

export const temperature = defineCheck({
  metric: 'temperature',
  schema: checkObject(
    'temperature',
    celsius('A temperature'),
    { part: reference('a Raspberry Pi or a shelf') },
    'Peak temperature of a Pi or a shelf.',
  ),
  unit: 'celsius',
  doc:
    'The peak temperature of a Pi, or of the hottest Pi of a shelf, sampled once a simulated ' +
    'minute. Its part must be a Raspberry Pi or a shelf.',
  crossCheck(check, { scenario, issues, path }) {
    issues.reference([...path, 'part'], check.part, 'Pi or shelf', hotPartIds(scenario));
  },
  measure(check, measurements) {
    const value = measurements.temperaturePeakCelsius(check.part);
    return value === undefined ? { missing: `${check.part} has no temperature` } : { value };
  },
});
