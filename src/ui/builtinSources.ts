import type { EstateLibrary } from '../scenarios/parse.ts';
import { parseYamlSource } from '../scenarios/yamlSource.ts';

/**
 * The built-in estates and scenarios as the browser gets them: their YAML bundled as text by Vite,
 * where the CLI reads the same files from disk.
 */
const estateTexts = import.meta.glob('../scenarios/builtin/estates/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const scenarioTexts = import.meta.glob('../scenarios/builtin/scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function byName(texts: Record<string, string>): Map<string, string> {
  const named = new Map<string, string>();
  for (const [path, text] of Object.entries(texts)) {
    const name = path.slice(path.lastIndexOf('/') + 1, -'.yaml'.length);
    named.set(name, text);
  }
  return named;
}

const estates = byName(estateTexts);
const scenarios = byName(scenarioTexts);

export const browserEstateLibrary: EstateLibrary = {
  names: () => [...estates.keys()].sort(),
  read(name) {
    const text = estates.get(name);
    return text === undefined ? undefined : parseYamlSource(text, `builtin/estates/${name}.yaml`);
  },
};

/** The built-in scenarios' names, in the order `twin list` gives (the migration first). */
export function builtinScenarioNames(): string[] {
  const names = [...scenarios.keys()].sort();
  const first = 'february-2017-migration';
  return names.includes(first) ? [first, ...names.filter((name) => name !== first)] : names;
}

export function builtinScenarioText(name: string): string | undefined {
  return scenarios.get(name);
}
