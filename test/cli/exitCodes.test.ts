import { describe, expect, it } from 'vitest';
import { twin } from './support/twin.ts';
import { TINY_SCENARIO, tinyScenarioDirectory } from './support/tinyScenario.ts';
import { main } from '../../src/cli/main.ts';
import type { Command } from '../../src/cli/command.ts';
import packageJson from '../../package.json' with { type: 'json' };

/** A command with a bug: it throws where a command should have returned an exit code. */
const brokenCommand: Command = {
  name: 'broken',
  summary: 'Throws, as a bug would.',
  usage: 'twin broken',
  run() {
    throw new TypeError("Cannot read properties of undefined (reading 'hostId')");
  },
};

async function runBroken(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(args, { stdout: () => undefined, stderr: (text) => (stderr += text), cwd: '/' }, [
    brokenCommand,
  ]);
  return { code, stderr };
}

describe('exit codes', () => {
  it('exits 3 on an internal error, one line saying it is a bug and where to report it, no stack', async () => {
    const { code, stderr } = await runBroken(['broken']);
    expect(code).toBe(3);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(
      'twin broken: internal error (a bug in twin, not in your input): Cannot read properties',
    );
    expect(stderr).toContain('Please report it to the estate-twin maintainers');
    expect(stderr).toContain('--debug');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the stack of an internal error with --debug', async () => {
    const { code, stderr } = await runBroken(['broken', '--debug']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/TypeError: Cannot read properties[^\n]*\n\s+at /);
  });

  it('exits 0 when the checks pass, 1 when one fails, 2 on bad input', async () => {
    const { file } = tinyScenarioDirectory();
    expect((await twin(['run', file])).code).toBe(0);
    const failing = tinyScenarioDirectory(
      TINY_SCENARIO.replace(
        '{ check: user-downtime, name: No downtime, max: 0s }',
        '{ check: latency, name: Impossibly quick, percentile: p50, max: 0s }',
      ),
    );
    const failed = await twin(['run', failing.file]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAIL  Impossibly quick');
    expect((await twin(['run', 'nope.yaml'])).code).toBe(2);
  });
});

describe('usage', () => {
  it('prints a command usage for `twin help run` and `twin run --help` alike', async () => {
    const help = await twin(['help', 'run']);
    const option = await twin(['run', '--help']);
    expect(help.code).toBe(0);
    expect(option.code).toBe(0);
    expect(option.stdout).toBe(help.stdout);
    expect(option.stdout).toMatch(/^usage: twin run <scenario> \[--seed N\]/);
    expect(option.stderr).toBe('');
  });

  it('prints the version', async () => {
    const { code, stdout } = await twin(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`twin ${packageJson.version}\n`);
  });

  it('suggests the command or the built-in a misspelling was close to', async () => {
    const command = await twin(['rnu', 'pi-zero-launch']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "rnu" (did you mean "run"?)');
    const builtin = await twin(['validate', 'pi-zero-lunch']);
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toBe(
      'pi-zero-lunch found no such file, expected a scenario file (YAML or JSON), or a built-in scenario: did you mean "pi-zero-launch"?\n',
    );
    const nothingClose = await twin(['validate', 'xyzzy-quux']);
    expect(nothingClose.stderr).toContain('or the name of a built-in scenario (twin list)');
    expect(nothingClose.stderr).not.toContain('did you mean');
  });

  it('refuses a negative seed as the file refuses it', async () => {
    const { code, stderr, stdout } = await twin(['run', 'old-host-reboot-after', '--seed=-1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('twin run: --seed: found "-1", expected a whole number, at least 0\n');
  });

  it('never prints control characters from a scenario raw', async () => {
    const { file } = tinyScenarioDirectory(
      TINY_SCENARIO.replace('name: tiny', 'name: "tiny\\e[2J\\e]0;owned\\a"'),
    );
    const validated = await twin(['validate', file]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).not.toContain('\x1b');
    expect(validated.stdout).toContain('tiny\\x1b[2J\\x1b]0;owned\\x07');
    const ran = await twin(['run', file]);
    expect(ran.stdout).not.toContain('\x1b');
    expect(ran.stdout).toContain('tiny\\x1b[2J');
  });
});
