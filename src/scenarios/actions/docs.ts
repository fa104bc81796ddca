import { z } from 'zod';
import { ACTIONS } from './registry.ts';
import type { AnyActionDefinition } from './types.ts';

/**
 * docs/actions.md, derived from the registry: a table of every plan action, then a paragraph and
 * the fields of each. test/scenarios/actions/docs.test.ts fails when the committed file is stale;
 * regenerate it with `npm run docs:actions`.
 */

interface FieldDoc {
  name: string;
  required: boolean;
  description: string;
  unit: string | undefined;
}

/** The fields every step shares are documented once, above the table. */
const SHARED_FIELDS = new Set(['action', 'name', 'at']);

function fieldsOf(action: AnyActionDefinition): FieldDoc[] {
  const schema = z.toJSONSchema(action.schema, { io: 'input' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  return (
    Object.entries(schema.properties ?? {})
      // An optional `duration` is the shared override; a required one (wait) is the action's own.
      .filter(([name]) => !SHARED_FIELDS.has(name) && !(name === 'duration' && !required.has(name)))
      .map(([name, property]) => ({
        name,
        required: required.has(name),
        description: property.description ?? '',
        unit: action.units[name],
      }))
  );
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function fieldSummary(field: FieldDoc): string {
  return `\`${field.name}\`${field.required ? '' : '?'}`;
}

function section(action: AnyActionDefinition): string[] {
  const fields = fieldsOf(action);
  return [
    `## \`${action.kind}\``,
    '',
    action.doc,
    '',
    '| field | required | unit | meaning |',
    '| --- | --- | --- | --- |',
    ...fields.map(
      (field) =>
        `| \`${field.name}\` | ${field.required ? 'yes' : 'no'} | ${field.unit ?? ''} | ${cell(field.description)} |`,
    ),
    '',
  ];
}

export function actionsDocText(): string {
  const lines = [
    '# Plan actions',
    '',
    '<!-- Generated from src/scenarios/actions/registry.ts by `npm run docs:actions`; do not edit. -->',
    '',
    "A scenario's `plan` is a list of steps run in order. Every step has an `action`, a `name` the",
    'report shows, and may have an `at` (start at this time from the beginning of the run, instead',
    'of when the previous step ends; a step that cannot start then starts late and its report row',
    'says by how much) and a `duration` (how long the step takes, instead of what the model',
    'computes; never shorter than the model allows). A step the estate refuses stops the plan there',
    'and its row says why (`refused: …`).',
    '',
    '| action | what it does | fields (`?`: optional) |',
    '| --- | --- | --- |',
    ...ACTIONS.map(
      (action) =>
        `| [\`${action.kind}\`](#${action.kind}) | ${cell(action.schema.description ?? '')} | ${fieldsOf(action).map(fieldSummary).join(', ')} |`,
    ),
    '',
    ...ACTIONS.flatMap(section),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
