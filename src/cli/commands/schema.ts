import { scenarioJsonSchemaText } from '../../scenarios/jsonSchema.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { Command } from '../command.ts';

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of scenario files (also in schema/scenario.schema.json).',
  usage: 'twin schema',
  run(args, io) {
    const parsed = parseArguments(args);
    if (!parsed.ok || parsed.positionals.length > 0) {
      io.stderr(`twin schema: ${parsed.ok ? 'takes no arguments' : parsed.message}\nusage: ${this.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stdout(scenarioJsonSchemaText());
    return EXIT_OK;
  },
};
