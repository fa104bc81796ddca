import { reference } from '../schema/common.ts';
import { checkObject, count, crashablePartIds } from './common.ts';
import { defineCheck } from './types.ts';

export const crashes = defineCheck({
  metric: 'crashes',
  schema: checkObject(
    'crashes',
    count('Crashes'),
    { part: reference('a VM host, VM or Raspberry Pi') },
    'How many times a part crashed.',
  ),
  unit: 'count',
  doc:
    'How many times a part went down that nobody asked it to: a Pi each time it crashed, a VM ' +
    'host each reboot or power-off from up, a VM each abrupt stop other than a hard shutdown the ' +
    'plan asked for. Its part must be a VM host, a VM or a Raspberry Pi.',
  crossCheck(check, { scenario, issues, path }) {
    issues.reference([...path, 'part'], check.part, 'VM host, VM or Pi', crashablePartIds(scenario));
  },
  measure(check, measurements) {
    const value = measurements.crashes(check.part);
    return value === undefined ? { missing: `${check.part} cannot crash` } : { value };
  },
});
