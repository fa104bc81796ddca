import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src/scenarios/jsonSchema.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { diagnosticsOf, schemaWords } from '../../../src/ui/model/editorHelp.ts';

const text = [
  'name: mine',
  'seed: 1',
  'duration: 1h',
  'estate: { extends: raspberrypi-2017-after }',
  'workload:',
  '  crowd: { shape: constant, users: 100 }',
  '  thinkTime: 30s',
  '  requestTimeout: 30s',
  '  mix: { cached: 100% }',
  'plan:',
  '  - { name: Move it, action: move-vm, vm: web9, to: new-sov }',
].join('\n');

describe('the editor helpers', () => {
  it("places the loader's issue at its line and column, over the word there", () => {
    const parsed = parseScenarioText(text, 'mine.yaml', builtinEstateLibrary);
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : parsed.issues;
    const diagnostics = diagnosticsOf(issues, text, 'mine.yaml');
    const vm = diagnostics.find((each) => each.message.includes('plan[0].vm'));
    expect(vm).toBeDefined();
    expect(text.slice(vm?.from, vm?.to)).toBe('web9');
    expect(text.slice(0, vm?.from).split('\n')).toHaveLength(11);
  });

  it('puts an issue of another file, or one without a place, at the start', () => {
    const diagnostics = diagnosticsOf(
      [
        { file: 'builtin/estates/x.yaml', line: 3, column: 2, path: 'a', found: 'b', expected: 'c' },
        { file: 'mine.yaml', path: '', found: 'an empty file', expected: 'a scenario' },
      ],
      text,
      'mine.yaml',
    );
    expect(diagnostics.map((each) => [each.from, each.to])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(diagnostics[0]?.message).toContain('builtin/estates/x.yaml:3:2');
  });

  it("offers the schema's keys and fixed values for completion", () => {
    const words = schemaWords(scenarioJsonSchema() as Parameters<typeof schemaWords>[0]);
    expect(words.keys).toEqual(expect.arrayContaining(['workload', 'plan', 'thinkTime', 'backend']));
    expect(words.values).toEqual(expect.arrayContaining(['move-vm', 'update-cdn']));
  });
});
