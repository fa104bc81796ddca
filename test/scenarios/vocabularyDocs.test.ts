import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_DEFINITIONS } from '../../src/scenarios/checks/registry.ts';
import { FAULT_DEFINITIONS } from '../../src/scenarios/faults/registry.ts';
import { checksMarkdown, faultsMarkdown } from '../../src/scenarios/vocabularyDocs.ts';

const REGENERATE = 'stale: regenerate with `npx tsx src/scenarios/writeVocabularyDocs.ts`';

function committed(name: string): string {
  return readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
}

describe('docs/faults.md and docs/checks.md', () => {
  it('are what the registries generate', () => {
    expect(committed('faults.md'), REGENERATE).toBe(faultsMarkdown());
    expect(committed('checks.md'), REGENERATE).toBe(checksMarkdown());
  });

  it('give every registered kind a section with its paragraph and its fields', () => {
    const faults = faultsMarkdown();
    for (const definition of FAULT_DEFINITIONS) {
      expect(faults).toContain(`## ${definition.kind}\n`);
      expect(faults).toContain(definition.doc);
    }
    expect(faults).toContain('| `target` | yes |');
    const checks = checksMarkdown();
    for (const definition of CHECK_DEFINITIONS) {
      expect(checks).toContain(`## ${definition.metric}\n`);
      expect(checks).toContain(definition.doc);
    }
    expect(checks).toContain('| `percentile` | yes |');
  });
});
