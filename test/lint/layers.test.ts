import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/support/twin.ts';

/** The import rule of eslint.config.js keeps the layers: each case is a file at that path importing that module. */
const cases: Array<[file: string, imported: string, allowed: boolean]> = [
  ['src/sim/probe.ts', '../model/part.ts', false],
  ['src/sim/probe.ts', './kernel.ts', true],
  ['src/model/probe.ts', '../sim/kernel.ts', true],
  ['src/model/probe.ts', '../scenarios/units.ts', false],
  ['src/model/requests/probe.ts', '../../scenarios/units.ts', false],
  ['src/model/requests/probe.ts', '../../sim/kernel.ts', true],
  ['src/scenarios/run/probe.ts', '../../model/part.ts', true],
  ['src/scenarios/run/probe.ts', '../../cli/main.ts', false],
  ['src/scenarios/probe.ts', '../../test/support/piEstate.ts', false],
  ['src/cli/probe.ts', '../ui/App.tsx', false],
  ['src/cli/probe.ts', '../scenarios/units.ts', true],
  ['src/ui/probe.ts', '../cli/main.ts', false],
  ['src/ui/probe.ts', '../scenarios/units.ts', true],
];

describe('layering lint', () => {
  // Only the import rule is under test here; type-aware rules need a file on disk.
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/switch-exhaustiveness-check': 'off' },
    },
  });

  it.each(cases)('%s importing %s: allowed %s', async (file, imported, allowed) => {
    const [result] = await eslint.lintText(`import '${imported}';\n`, { filePath: `${repoRoot}/${file}` });
    const restricted = (result?.messages ?? []).filter(
      (message) => message.ruleId === 'no-restricted-imports',
    );
    expect(restricted.length === 0).toBe(allowed);
  });
});
