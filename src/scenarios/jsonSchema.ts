import { z } from 'zod';
import { scenarioSchema } from './schema/index.ts';

/**
 * The JSON Schema editors use to autocomplete and check scenario files, generated from the same
 * zod definition the loader validates with. It describes the file as written (units as strings).
 *
 * One addition: an estate with `extends` holds only overrides, so in that form no field is
 * required and a part may be `null` (removed). The generated estate schema is offered alongside a
 * relaxed copy for that case.
 */

type JsonObject = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy with nothing required and every mapping's values allowed to be null (removal). */
function asOverrides(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return schema.map(asOverrides);
  if (!isObject(schema)) return schema;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'required') continue;
    copy[key] = asOverrides(value);
  }
  const values = copy['additionalProperties'];
  if (isObject(values)) copy['additionalProperties'] = { anyOf: [values, { type: 'null' }] };
  const properties = copy['properties'];
  if (isObject(properties)) {
    for (const [key, value] of Object.entries(properties)) {
      if (isObject(value) && key !== 'extends') properties[key] = { anyOf: [value, { type: 'null' }] };
    }
  }
  return copy;
}

export function scenarioJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as JsonObject;
  const properties = generated['properties'];
  const estate = isObject(properties) ? properties['estate'] : undefined;
  if (!isObject(properties) || !isObject(estate)) throw new Error('scenario schema has no estate');
  const overrides = asOverrides(estate) as JsonObject;
  overrides['required'] = ['extends'];
  overrides['description'] =
    'Overrides of a built-in estate: mappings merge by key, null removes, lists replace.';
  properties['estate'] = { anyOf: [estate, overrides] };
  return { ...generated, title: 'estate-twin scenario' };
}

/** The file's text, as committed in schema/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
