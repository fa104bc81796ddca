import { EXIT_BAD_INPUT } from './command.ts';
import type { CliIo } from './command.ts';
import { commands } from './commands/index.ts';
import { writeOverview } from './commands/help.ts';

/**
 * `twin <command> [arguments]`: finds the command and runs it. No side effects of its own, so
 * tests call it in-process with their own io; bin/twin.js gives it the real process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    writeOverview(commands, io);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(
      `twin: unknown command "${name}"; expected one of ${commands.map((c) => c.name).join(', ')} (twin help)\n`,
    );
    return EXIT_BAD_INPUT;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // Commands turn bad input into messages; reaching here is a bug, reported as one.
    io.stderr(
      `twin ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_BAD_INPUT;
  }
}

/** The real process's streams and directory. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    isTerminal: process.stderr.isTTY === true,
  };
}
