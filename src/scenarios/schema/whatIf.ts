import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * The `whatIf:` section: named variants `twin capacity` searches beside the scenario, each a set of
 * values written at dotted paths into this file (`bigger-db: { estate.vms.db1.cores: 16 }`), as
 * `--what-if 'NAME:PATH=VALUE,…'` writes them. A single run (`twin run`) ignores it.
 */
const overrideValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'a number, a word, true/false, or null (to remove the key)',
});

export const whatIfSchema = z
  .record(
    idSchema,
    z.record(
      z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, {
        error: 'a dotted path such as estate.vms.web1.cores',
      }),
      overrideValue,
      { error: 'a mapping from dotted paths to values' },
    ),
    { error: 'a mapping from variant names to their changes' },
  )
  .describe('What-if variants for `twin capacity`: each name maps dotted paths to the values it sets.');
