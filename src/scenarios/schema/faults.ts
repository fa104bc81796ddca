import { z } from 'zod';
import { FAULT_KINDS, faultSchemas } from '../faults/registry.ts';

/**
 * Faults: things that happen to the estate that nobody planned. Each is either scheduled (`at`) or
 * random (`rate`, a hazard drawn from the scenario's seed) — exactly one of the two. The kinds are
 * defined one module each in src/scenarios/faults/; this union derives from their registry.
 */

export { FAULT_KINDS };
export type { FaultKind } from '../faults/registry.ts';

export const faultSchema = z
  .discriminatedUnion('kind', faultSchemas(), {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `a fault kind: one of ${FAULT_KINDS.map((kind) => `"${kind}"`).join(', ')}`
        : undefined,
  })
  .describe('A fault, scheduled (at) or random (rate).');

export const faultsSchema = z.array(faultSchema, { error: 'a list of faults' }).describe('Faults to inject.');

export type Fault = z.output<typeof faultSchema>;
