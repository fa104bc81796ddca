import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../../src/scenarios/jsonSchema.ts';
import { FAULT_DEFINITIONS, FAULT_KINDS } from '../../../src/scenarios/faults/registry.ts';
import { faultObject } from '../../../src/scenarios/faults/common.ts';
import { defineFault } from '../../../src/scenarios/faults/types.ts';
import { reference } from '../../../src/scenarios/schema/common.ts';
import { faultSchema } from '../../../src/scenarios/schema/index.ts';

describe('the fault registry', () => {
  it('is where the schema, the kind list and the JSON Schema get their kinds', () => {
    expect(FAULT_KINDS).toEqual(FAULT_DEFINITIONS.map((definition) => definition.kind));
    expect(new Set(FAULT_KINDS).size).toBe(FAULT_KINDS.length);
    const jsonSchema = scenarioJsonSchemaText();
    for (const kind of FAULT_KINDS) {
      expect(jsonSchema).toContain(`"const": "${kind}"`);
      // The union knows the kind: what it misses is the kind's own fields, never the kind.
      const parsed = faultSchema.safeParse({ kind });
      expect(parsed.error?.issues.map((issue) => issue.path[0])).not.toContain('kind');
    }
    expect(faultSchema.safeParse({ kind: 'rack-fire', target: 'x', at: '1m' }).success).toBe(false);
  });

  it('gives every kind a paragraph of documentation and a unit for each timed field', () => {
    for (const definition of FAULT_DEFINITIONS) {
      expect(definition.doc.length, definition.kind).toBeGreaterThan(100);
      const units: Readonly<Record<string, string>> = definition.units;
      expect(units['at'], definition.kind).toBe('ms from the start of the run');
    }
  });

  it('refuses, in the type checker, a definition that lacks a part', () => {
    const schema = faultObject('test-fault', { target: reference('a part') }, 'A test fault.');
    const complete = defineFault({
      kind: 'test-fault',
      schema,
      units: {},
      doc: 'A fault for this test.',
      crossCheck: () => undefined,
      inject: () => ({ tookEffect: false }),
    });
    expect(complete.kind).toBe('test-fault');
    // @ts-expect-error: no run-time behaviour (inject).
    defineFault({ kind: 'test-fault', schema, units: {}, doc: 'A fault.', crossCheck: () => undefined });
  });
});
