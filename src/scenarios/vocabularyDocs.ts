import { z } from 'zod';
import { CHECK_DEFINITIONS } from './checks/registry.ts';
import type { CheckUnit } from './checks/types.ts';
import { FAULT_DEFINITIONS } from './faults/registry.ts';

/**
 * docs/faults.md and docs/checks.md, rendered from the registries: each kind's description, its
 * paragraph, and a table of its fields (from its schema as the file writes them) with their units.
 * test/scenarios/vocabularyDocs.test.ts fails when a committed file is stale.
 */

interface FieldRow {
  name: string;
  required: boolean;
  description: string;
}

function fieldsOf(schema: z.ZodType): FieldRow[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string; const?: unknown }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {})
    .filter(([, property]) => property.const === undefined)
    .map(([name, property]) => ({
      name,
      required: (json.required ?? []).includes(name),
      description: (property.description ?? '').replaceAll('|', '\\|'),
    }));
}

function descriptionOf(schema: z.ZodType): string {
  return schema.description ?? '';
}

function fieldTable(schema: z.ZodType, unitOf: (field: string) => string): string[] {
  return [
    '| Field | Required | Unit (parsed) | Meaning |',
    '| --- | --- | --- | --- |',
    ...fieldsOf(schema).map(
      (field) =>
        `| \`${field.name}\` | ${field.required ? 'yes' : 'no'} | ${unitOf(field.name)} | ${field.description} |`,
    ),
  ];
}

const GENERATED =
  '<!-- Generated from the registry by `npx tsx src/scenarios/writeVocabularyDocs.ts`; do not edit. -->';

export function faultsMarkdown(): string {
  const lines = [
    '# Faults',
    '',
    GENERATED,
    '',
    'Faults are things that happen to the estate that nobody planned. Each is either scheduled (`at`)',
    'or random (`rate`, a Poisson hazard drawn from a random stream of its own, so adding a fault',
    'leaves every other draw as it was) — exactly one of the two. A fault whose target is of the wrong',
    'kind is refused when the scenario is validated. At run time a fault that could change nothing is',
    'traced as `faultHadNoEffect`; one the estate refuses is traced as `faultRefused` and named in the',
    "report's limits. Each kind is one module in `src/scenarios/faults/`, listed in its `registry.ts`.",
    '',
    `Kinds: ${FAULT_DEFINITIONS.map((definition) => `[\`${definition.kind}\`](#${definition.kind})`).join(', ')}.`,
  ];
  for (const definition of FAULT_DEFINITIONS) {
    const units: Readonly<Record<string, string>> = definition.units;
    lines.push(
      '',
      `## ${definition.kind}`,
      '',
      descriptionOf(definition.schema),
      '',
      definition.doc,
      '',
      ...fieldTable(definition.schema, (field) => units[field] ?? '—'),
    );
  }
  return `${lines.join('\n')}\n`;
}

const UNIT_TEXT: Record<CheckUnit, string> = {
  ms: 'ms (the report shows seconds)',
  fraction: 'a fraction (the report shows percent)',
  count: 'a count',
  celsius: '°C',
};

export function checksMarkdown(): string {
  const lines = [
    '# Checks',
    '',
    GENERATED,
    '',
    'A check is a measured quantity and its bounds: `min` (at least), `max` (at most) or both, all',
    'inclusive, in the unit the file writes (`5s`, `2%`, `80C`). The report gives each check its',
    'measured value; a quantity that could not be measured (the part never got that hot, the plan',
    'never finished) fails the check and says why, rather than passing by default. Each kind is one',
    'module in `src/scenarios/checks/`, listed in its `registry.ts`.',
    '',
    `Kinds: ${CHECK_DEFINITIONS.map((definition) => `[\`${definition.metric}\`](#${definition.metric})`).join(', ')}.`,
  ];
  for (const definition of CHECK_DEFINITIONS) {
    lines.push(
      '',
      `## ${definition.metric}`,
      '',
      descriptionOf(definition.schema),
      '',
      definition.doc,
      '',
      `Measured in ${UNIT_TEXT[definition.unit]}.`,
      '',
      ...fieldTable(definition.schema, (field) =>
        field === 'min' || field === 'max' ? UNIT_TEXT[definition.unit] : '—',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
