import { fraction, reference } from '../schema/common.ts';
import { allPartIds, checkObject } from './common.ts';
import { defineCheck } from './types.ts';

export const utilisation = defineCheck({
  metric: 'utilisation',
  schema: checkObject(
    'utilisation',
    fraction('A utilisation'),
    { part: reference('a part') },
    'Peak utilisation of a part.',
  ),
  unit: 'fraction',
  doc:
    'The peak utilisation a part reported over the run. A machine with parts of its own (a VM with ' +
    "its web server and MySQL) reports the busiest of them. Its part must be one of the estate's " +
    'parts; one that reports no utilisation is not measured.',
  crossCheck(check, { scenario, issues, path }) {
    issues.reference([...path, 'part'], check.part, 'part', allPartIds(scenario));
  },
  measure(check, measurements) {
    const value = measurements.utilisationPeak(check.part);
    return value === undefined ? { missing: `${check.part} reports no utilisation` } : { value };
  },
});
