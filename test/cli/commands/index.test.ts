import { describe, expect, it } from 'vitest';
import { commandNames, loadAllCommands, loadCommand } from '../../../src/cli/commands/index.ts';

describe('the command index', () => {
  it('loads each command under its own name, in the order help lists them', async () => {
    const all = await loadAllCommands();
    expect(all.map((command) => command.name)).toEqual(commandNames);
    for (const name of commandNames) expect((await loadCommand(name))?.name).toBe(name);
  });

  it('knows no command by a name it does not list', async () => {
    expect(await loadCommand('runn')).toBeUndefined();
    expect(await loadCommand('constructor')).toBeUndefined();
  });

  it('gives help the whole list', async () => {
    const help = await loadCommand('help');
    const written: string[] = [];
    const io = {
      stdout: (text: string) => written.push(text),
      stderr: () => {},
      cwd: '.',
      isTerminal: false,
    };
    expect(await help?.run([], io)).toBe(0);
    for (const name of commandNames) expect(written.join('')).toContain(`  ${name}`);
  });
});
