import { EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_OK } from './command.ts';
import type { CliIo, Command } from './command.ts';
import { commandNames, loadAllCommands, loadCommand } from './commands/index.ts';
import { writeOverview } from './commands/help.ts';
import { didYouMean } from './suggest.ts';
import { twinVersion } from './version.ts';

/** Where a bug is reported: the message a user sees for exit 3 names it. */
export const BUG_REPORT_PLACE =
  "the estate-twin maintainers (the project's issue tracker), with the command and the scenario file";

/** Options every command takes, taken out before the command parses its own. */
const DEBUG_OPTION = '--debug';
const HELP_OPTIONS = new Set(['--help', '-h']);
const VERSION_OPTIONS = new Set(['--version', '-V', 'version']);

/**
 * `twin <command> [arguments]`: finds the command and runs it. No side effects of its own, so
 * tests call it in-process with their own io (and, to inject a failure, their own commands);
 * bin/twin.js gives it the real process. Without `commands`, only the command asked for is
 * loaded (see commands/index.ts).
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
  commands?: readonly Command[],
): Promise<number> {
  const debug = argv.includes(DEBUG_OPTION);
  const [name, ...args] = argv.filter((argument) => argument !== DEBUG_OPTION);
  if (name === undefined || HELP_OPTIONS.has(name)) {
    writeOverview(commands ?? (await loadAllCommands()), io);
    return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  if (VERSION_OPTIONS.has(name)) {
    io.stdout(`twin ${twinVersion()}\n`);
    return EXIT_OK;
  }
  const command =
    commands === undefined ? await loadCommand(name) : commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = commands?.map((c) => c.name) ?? commandNames;
    io.stderr(
      `twin: unknown command "${name}"${didYouMean(name, names)}; expected one of ${names.join(', ')} (twin help)\n`,
    );
    return EXIT_BAD_INPUT;
  }
  // `twin run --help` is a question, not a scenario called --help: answer it as `twin help run` does.
  if (args.some((argument) => HELP_OPTIONS.has(argument))) {
    io.stdout(`usage: ${command.usage}\n\n${command.summary}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // Commands turn bad input into messages; reaching here is a bug, reported as one.
    io.stderr(internalErrorText(name, error, debug));
    return EXIT_INTERNAL_ERROR;
  }
}

/** One line saying it is a bug and where to report it; the stack only when asked for. */
export function internalErrorText(commandName: string, error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] ?? '';
  const line =
    `twin ${commandName}: internal error (a bug in twin, not in your input): ${firstLine}. ` +
    `Please report it to ${BUG_REPORT_PLACE}; run again with --debug to see the stack.\n`;
  if (!debug) return line;
  return `${line}${error instanceof Error ? (error.stack ?? message) : message}\n`;
}

/** Ends quietly when a reader closes the pipe early (`twin run x | head -1`): that is its choice. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
}

/** The real process's streams and directory. */
export function processIo(): CliIo {
  if (process.stdout.listenerCount('error') === 0) quietOnClosedPipe(process.stdout);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    isTerminal: process.stderr.isTTY === true,
  };
}
