import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { didYouMean } from '../suggest.ts';

/** `twin help [command]`; built from the command list so it cannot miss one. */
export function helpCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: "Show the commands, or one command's usage.",
    usage: 'twin help [command]',
    run(args, io) {
      const [topic, ...rest] = args;
      if (topic === undefined) {
        writeOverview(commands(), io);
        return EXIT_OK;
      }
      const command = commands().find((candidate) => candidate.name === topic);
      if (command === undefined || rest.length > 0) {
        const names = commands().map((c) => c.name);
        io.stderr(
          `twin help: unknown command "${topic}"${didYouMean(topic, names)}; expected one of ${names.join(', ')}\n`,
        );
        return EXIT_BAD_INPUT;
      }
      io.stdout(`usage: ${command.usage}\n\n${command.summary}\n`);
      return EXIT_OK;
    },
  };
}

export function writeOverview(commands: readonly Command[], io: CliIo): void {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  io.stdout(
    `twin: rehearse changes to the raspberrypi.org estate in a deterministic simulation\n\n` +
      `usage: twin <command> [arguments]\n\ncommands:\n${lines.join('\n')}\n\n` +
      `options for every command: --help (its usage), --debug (the stack, when twin has a bug)\n` +
      `twin --version prints the version\n\n` +
      `exit codes: 0 ok, 1 a check failed or the run is not valid, 2 bad input or usage,\n` +
      `3 a bug in twin (said in one line; --debug adds the stack)\n`,
  );
}
