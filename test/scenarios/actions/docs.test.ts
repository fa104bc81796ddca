import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsDocText } from '../../../src/scenarios/actions/docs.ts';
import { PLAN_ACTIONS } from '../../../src/scenarios/actions/registry.ts';

describe('docs/actions.md', () => {
  it('is committed as generated (regenerate: npm run docs:actions)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../../docs/actions.md'), 'utf8');
    expect(committed === actionsDocText()).toBe(true);
  });

  it('has a table row and a section for every action, with its fields and units', () => {
    const text = actionsDocText();
    for (const kind of PLAN_ACTIONS) {
      expect(text).toContain(`| [\`${kind}\`](#${kind}) |`);
      expect(text).toContain(`## \`${kind}\``);
    }
    expect(text).toMatch(/\| `dirtyRate` \| no \| bit rate \| How fast the VM rewrites its RAM/);
    expect(text).toMatch(/\| `duration` \| yes \| duration \| How long to wait/);
  });
});
