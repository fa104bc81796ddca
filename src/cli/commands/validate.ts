import { formatIssue } from '../../scenarios/errors.ts';
import { formatDuration } from '../../scenarios/units.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { Command } from '../command.ts';
import { safeText } from '../safeText.ts';
import { issuesText, loadScenarioArgument } from '../scenarioArgument.ts';

export { scenarioPath } from '../scenarioArgument.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check scenario files without running them; every problem is listed with its line.',
  usage: 'twin validate <scenario>...',
  run(args, io) {
    const parsed = parseArguments(args);
    if (!parsed.ok || parsed.positionals.length === 0) {
      io.stderr(`twin validate: ${parsed.ok ? 'which scenario?' : parsed.message}\nusage: ${this.usage}\n`);
      return EXIT_BAD_INPUT;
    }
    let exitCode = EXIT_OK;
    for (const argument of parsed.positionals) {
      const { path, shownAs, result } = loadScenarioArgument(argument, io);
      if (result.ok) {
        const { scenario } = result;
        io.stdout(
          `ok ${safeText(shownAs)}: ${safeText(scenario.name)}, ${formatDuration(scenario.duration)}, ` +
            `${scenario.plan?.length ?? 0} steps, ${scenario.faults?.length ?? 0} faults, ${scenario.checks?.length ?? 0} checks\n`,
        );
        for (const warning of result.warnings ?? [])
          io.stderr(
            `${safeText(`warning: ${formatIssue(warning.file === path ? { ...warning, file: shownAs } : warning)}`)}\n`,
          );
      } else {
        io.stderr(safeText(issuesText(result.issues), { keepNewlines: true }));
        exitCode = EXIT_BAD_INPUT;
      }
    }
    return exitCode;
  },
};
