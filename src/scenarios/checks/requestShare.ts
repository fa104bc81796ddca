import { z } from 'zod';
import { fraction, reference } from '../schema/common.ts';
import { checkObject, webServerIds } from './common.ts';
import { defineCheck } from './types.ts';

export const requestShare = defineCheck({
  metric: 'request-share',
  schema: checkObject(
    'request-share',
    fraction('A share of requests'),
    {
      parts: z
        .array(reference('a VM or Pi running a web server'), { error: 'a list of VM or Pi ids' })
        .min(1, { error: 'at least one VM or Pi id' })
        .describe('Web servers whose requests are counted together.'),
    },
    'Share of public requests served by these web servers.',
  ),
  unit: 'fraction',
  doc:
    'The share of all public requests served by the given web servers together: how the CDN ' +
    'spread the load (a Pi cluster taking its weighted share). No request served at all gives 0. ' +
    'Its parts must be VMs or Pis that run a web server.',
  crossCheck(check, { scenario, issues, path }) {
    check.parts.forEach((part, partIndex) =>
      issues.reference(
        [...path, 'parts', partIndex],
        part,
        'web server (a VM or Pi with web:)',
        webServerIds(scenario.estate),
      ),
    );
  },
  measure: (check, measurements) => ({ value: measurements.requestShare(check.parts) }),
});
