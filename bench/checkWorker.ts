import fc from 'fast-check';
import { findBuiltinScenario } from '../src/scenarios/builtin/index.ts';
import { candidateArbitrary } from '../src/scenarios/check/candidate.ts';
import { resolveFaultModel } from '../src/scenarios/check/faultModel.ts';
import { runCandidate } from '../src/scenarios/check/runCheck.ts';
import { loadScenarioFile } from '../src/scenarios/load.ts';
import { runScenario } from '../src/scenarios/run/runScenario.ts';

/**
 * One worker of the check benchmark: runs `count` candidates of a built-in scenario, drawn with
 * `seed`, and prints how many it ran. `node --import tsx bench/checkWorker.ts NAME SEED COUNT`.
 */
const [name = 'february-2017-migration', seedText = '1', countText = '2'] = process.argv.slice(2);
const builtin = findBuiltinScenario(name);
if (builtin === undefined) throw new Error(`no built-in scenario "${name}"`);
const scenario = loadScenarioFile(builtin.path);
const baseline = runScenario(scenario);
const model = resolveFaultModel(scenario, scenario.faultModel);
const windows = baseline.steps.map((step) => ({
  startMs: step.startedAt * 1000,
  endMs: step.endedAt * 1000,
}));
const candidates = fc.sample(candidateArbitrary(model, windows, scenario), {
  seed: Number(seedText),
  numRuns: Number(countText),
});
for (const candidate of candidates)
  runCandidate(scenario, candidate, { baseline, healBoundMs: model.healBoundMs });
console.log(JSON.stringify({ runs: candidates.length }));
