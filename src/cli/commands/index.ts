import type { Command } from '../command.ts';
import { capacityCommand } from './capacity.ts';
import { checkCommand } from './check.ts';
import { exportCommand } from './export.ts';
import { helpCommand } from './help.ts';
import { listCommand } from './list.ts';
import { runCommand } from './run.ts';
import { replayCommand } from './replay.ts';
import { schemaCommand } from './schema.ts';
import { validateCommand } from './validate.ts';
import { sweepCommand } from './sweep.ts';
import { workerCommand } from './worker.ts';
import { mergeCommand } from './merge.ts';

/** Every command, in the order `twin help` lists them. Add run, sweep, check, capacity, replay here. */
export const commands: readonly Command[] = [
  runCommand,
  checkCommand,
  replayCommand,
  listCommand,
  validateCommand,
  schemaCommand,
  exportCommand,
  capacityCommand,
  sweepCommand,
  workerCommand,
  mergeCommand,
  helpCommand(() => commands),
];
