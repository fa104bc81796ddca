/**
 * What every `twin` command is: a name, a line for `twin help`, and a function from arguments to
 * an exit code. Each command is one file in commands/; adding one (run, sweep, check, capacity,
 * replay) is that file plus its loader in commands/index.ts.
 */

/** Where a command writes, injected so tests run commands in-process and read what they said. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Whether stderr is a terminal, so long runs show progress there (and stay quiet when piped). */
  readonly isTerminal?: boolean;
}

export const EXIT_OK = 0;
/** A scenario ran and a check failed (used by `run` and `check`). */
export const EXIT_CHECK_FAILED = 1;
/** Bad input or usage: an invalid scenario, an unknown option, a missing argument. */
export const EXIT_BAD_INPUT = 2;
/** A bug in twin (an exception no command turned into a message); never bad input. */
export const EXIT_INTERNAL_ERROR = 3;

export interface Command {
  readonly name: string;
  /** One line for `twin help`. */
  readonly summary: string;
  /** The synopsis, e.g. `twin validate <scenario>...`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): number | Promise<number>;
}
