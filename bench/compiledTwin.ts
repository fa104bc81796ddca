import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type BuiltinModule = typeof import('../src/scenarios/builtin/index.ts');
type LoadModule = typeof import('../src/scenarios/load.ts');
type ParseModule = typeof import('../src/scenarios/parse.ts');
type RunModule = typeof import('../src/scenarios/run/runScenario.ts');
type VerdictModule = typeof import('../src/scenarios/verdict.ts');

/** What the benchmarks run of the twin, from the compiled build that `bin/twin.js` runs. */
export interface CompiledTwin {
  findBuiltinScenario: BuiltinModule['findBuiltinScenario'];
  loadScenarioFile: LoadModule['loadScenarioFile'];
  builtinEstateLibrary: LoadModule['builtinEstateLibrary'];
  parseScenarioText: ParseModule['parseScenarioText'];
  runScenario: RunModule['runScenario'];
  verdictLine: VerdictModule['verdictLine'];
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const builtModule = (path: string): string => new URL(`../dist-node/src/${path}.js`, import.meta.url).href;

/**
 * The twin as users run it: the plain JavaScript in dist-node/ (scripts/build-cli.mjs, brought
 * up to date first; it does nothing when the build matches the sources). Under tsx every import
 * of a constant or function from another module is a getter call (tsx compiles modules to
 * CommonJS), which made a request through the twin about a quarter slower than through the
 * compiled CLI; a benchmark of the twin measures what `twin run` runs.
 */
export async function compiledTwin(): Promise<CompiledTwin> {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0)
    throw new Error(`building the CLI failed (exit ${build.status ?? 'by signal'}): ${build.stderr.trim()}`);
  const [builtin, load, parse, run, verdict] = await Promise.all([
    import(builtModule('scenarios/builtin/index')) as Promise<BuiltinModule>,
    import(builtModule('scenarios/load')) as Promise<LoadModule>,
    import(builtModule('scenarios/parse')) as Promise<ParseModule>,
    import(builtModule('scenarios/run/runScenario')) as Promise<RunModule>,
    import(builtModule('scenarios/verdict')) as Promise<VerdictModule>,
  ]);
  return {
    findBuiltinScenario: builtin.findBuiltinScenario,
    loadScenarioFile: load.loadScenarioFile,
    builtinEstateLibrary: load.builtinEstateLibrary,
    parseScenarioText: parse.parseScenarioText,
    runScenario: run.runScenario,
    verdictLine: verdict.verdictLine,
  };
}
