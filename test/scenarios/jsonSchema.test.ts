import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenarios/jsonSchema.ts';

describe('JSON Schema', () => {
  it('is committed as generated (regenerate: npx tsx src/scenarios/writeJsonSchema.ts)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../schema/scenario.schema.json'), 'utf8');
    expect(committed === scenarioJsonSchemaText()).toBe(true);
  });

  it('describes units as patterned strings and forbids unknown keys', () => {
    const schema = scenarioJsonSchema() as {
      properties: { duration: { type: string; pattern: string } };
      additionalProperties: boolean;
    };
    expect(schema.properties.duration.type).toBe('string');
    expect(new RegExp(schema.properties.duration.pattern).test('1h30m')).toBe(true);
    expect(new RegExp(schema.properties.duration.pattern).test('90')).toBe(false);
    expect(schema.additionalProperties).toBe(false);
  });

  it('lets an estate that extends a built-in give only overrides', () => {
    const schema = scenarioJsonSchema() as {
      properties: { estate: { anyOf: Array<{ required?: string[] }> } };
    };
    const [full, overrides] = schema.properties.estate.anyOf;
    expect(full?.required).toContain('sites');
    expect(overrides?.required).toEqual(['extends']);
  });
});
