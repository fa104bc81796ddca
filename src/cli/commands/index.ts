import type { Command } from '../command.ts';
import { helpCommand } from './help.ts';

/**
 * Every command, in the order `twin help` lists them, each loaded only when it is used: a
 * command's module brings its libraries (zod's JSON Schema, fast-check, piscina, bullmq, d3, the
 * whole model), and `twin list` should not pay for `twin sweep`'s. Add a command here.
 */
const loaders: ReadonlyMap<string, () => Promise<Command>> = new Map([
  ['run', async () => (await import('./run.ts')).runCommand],
  ['check', async () => (await import('./check.ts')).checkCommand],
  ['replay', async () => (await import('./replay.ts')).replayCommand],
  ['list', async () => (await import('./list.ts')).listCommand],
  ['validate', async () => (await import('./validate.ts')).validateCommand],
  ['schema', async () => (await import('./schema.ts')).schemaCommand],
  ['export', async () => (await import('./export.ts')).exportCommand],
  ['capacity', async () => (await import('./capacity.ts')).capacityCommand],
  ['sweep', async () => (await import('./sweep.ts')).sweepCommand],
  ['worker', async () => (await import('./worker.ts')).workerCommand],
  ['merge', async () => (await import('./merge.ts')).mergeCommand],
]);

/** The commands' names, in `twin help`'s order, without loading any of them. */
export const commandNames: readonly string[] = [...loaders.keys(), 'help'];

/** Every command, loaded (for `twin help` and the overview). */
export async function loadAllCommands(): Promise<Command[]> {
  const commands = await Promise.all([...loaders.values()].map((load) => load()));
  commands.push(helpCommand(() => commands));
  return commands;
}

/** One command by name, loading only its module (help loads them all); undefined when unknown. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  if (name === 'help') return (await loadAllCommands()).at(-1);
  return loaders.get(name)?.();
}
