import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACTIONS, PLAN_ACTIONS, actionOf } from '../../../src/scenarios/actions/registry.ts';
import { stepSchema } from '../../../src/scenarios/actions/stepSchema.ts';
import { ENDS_AT_ONCE, defineAction } from '../../../src/scenarios/actions/types.ts';
import { scenarioJsonSchema } from '../../../src/scenarios/jsonSchema.ts';
import { planStepSchema } from '../../../src/scenarios/schema/plan.ts';

function literalOf(schema: z.ZodObject): unknown {
  return (schema.shape['action'] as z.ZodLiteral<string>).value;
}

describe('the plan-action registry', () => {
  it('lists each action once, and each schema parses only its own action', () => {
    expect(new Set(PLAN_ACTIONS).size).toBe(ACTIONS.length);
    for (const action of ACTIONS) {
      expect(literalOf(action.schema)).toBe(action.kind);
      expect(actionOf({ action: action.kind })).toBe(action);
      expect(action.doc.length).toBeGreaterThan(80);
    }
  });

  it('is what the step union, its error message and the JSON Schema are derived from', () => {
    const parsed = planStepSchema.safeParse({ action: 'teleport', name: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('"live-migrate"');
    const schema = JSON.stringify(scenarioJsonSchema());
    for (const kind of PLAN_ACTIONS) expect(schema).toContain(`"const":"${kind}"`);
  });

  it('says a step naming no registered action is a bug', () => {
    expect(() => actionOf({ action: 'teleport' })).toThrow(/bug: no plan action "teleport"/);
  });

  it('refuses, at type-check time, an action that lacks a part', () => {
    const schema = stepSchema('nothing', {}, 'Does nothing.');
    // @ts-expect-error: no `begin`, so no run-time behaviour; the type checker must refuse it.
    const incomplete = defineAction({
      kind: 'nothing',
      schema,
      doc: 'Nothing.',
      units: {},
      leastDurationMs: () => 0,
      plan: () => undefined,
    });
    const complete = defineAction({
      kind: 'nothing',
      schema,
      doc: 'Nothing.',
      units: {},
      leastDurationMs: () => 0,
      plan: () => undefined,
      begin: () => ENDS_AT_ONCE,
    });
    const misnamed = defineAction({
      // @ts-expect-error: the kind must be the action its schema parses.
      kind: 'something-else',
      schema,
      doc: 'Nothing.',
      units: {},
      leastDurationMs: () => 0,
      plan: () => undefined,
      begin: () => ENDS_AT_ONCE,
    });
    expect(misnamed.kind).not.toBe(literalOf(schema));
    expect(Object.keys(incomplete)).not.toContain('begin');
    expect(Object.keys(complete)).toContain('begin');
  });
});
