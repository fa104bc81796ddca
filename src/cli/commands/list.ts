import { builtinScenarios } from '../../scenarios/builtin/index.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { Command } from '../command.ts';

export const listCommand: Command = {
  name: 'list',
  summary: 'List the built-in scenarios, one a line, with the seed each comes from.',
  usage: 'twin list',
  run(args, io) {
    const parsed = parseArguments(args);
    if (!parsed.ok || parsed.positionals.length > 0) {
      io.stderr(`twin list: ${parsed.ok ? 'takes no arguments' : parsed.message}\nusage: ${this.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    const width = Math.max(...builtinScenarios.map((scenario) => scenario.name.length));
    for (const scenario of builtinScenarios) {
      io.stdout(`${scenario.name.padEnd(width)}  ${scenario.description} [${scenario.source}]\n`);
    }
    return EXIT_OK;
  },
};
