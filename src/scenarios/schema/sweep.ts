import { z } from 'zod';
import { strictObject } from './common.ts';

/**
 * The `sweep:` section: what `twin sweep` runs when the command line does not say. A single run
 * (`twin run`) ignores it. Paths are dotted paths into this file, as `--vary` takes them.
 */
const gridValue = z.union([z.string(), z.number(), z.boolean()], { error: 'a number, a word or true/false' });

export const sweepSchema = strictObject(
  {
    seeds: z
      .string({ error: 'a seed range such as 1..200' })
      .regex(/^\s*-?\d+\s*(\.\.\s*-?\d+\s*)?$/, { error: 'a seed range such as 1..200' })
      .optional()
      .describe('Seeds to run, e.g. 1..200 (both included).'),
    vary: z
      .record(
        z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, {
          error: 'a dotted path such as workload.crowd.peak',
        }),
        z.array(gridValue, { error: 'a list of values' }).min(1, { error: 'at least one value' }).max(1000),
        { error: 'a mapping from dotted paths to lists of values' },
      )
      .optional()
      .describe('Grid dimensions: each dotted path takes each of its values, in every combination.'),
  },
  'What `twin sweep` runs: a seed range and a grid of parameter values.',
);
