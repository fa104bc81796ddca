import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from './jsonSchema.ts';

/**
 * Regenerates schema/scenario.schema.json: `npx tsx src/scenarios/writeJsonSchema.ts`.
 * test/scenarios/jsonSchema.test.ts fails when the committed file is stale.
 */
export const SCENARIO_SCHEMA_PATH = fileURLToPath(
  new URL('../../schema/scenario.schema.json', import.meta.url),
);

writeFileSync(SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText());
process.stdout.write(`wrote ${SCENARIO_SCHEMA_PATH}\n`);
