import fc from 'fast-check';
import { findBuiltinScenario } from '../src/scenarios/builtin/index.ts';
import { candidateArbitrary } from '../src/scenarios/check/candidate.ts';
import { inThreadRunner, poolRunner } from '../src/scenarios/check/candidateRunner.ts';
import type { CandidateRunner } from '../src/scenarios/check/candidateRunner.ts';
import { resolveFaultModel } from '../src/scenarios/check/faultModel.ts';
import { checkScenario, livenessOf } from '../src/scenarios/check/runCheck.ts';
import { loadScenarioFile } from '../src/scenarios/load.ts';
import type { Scenario } from '../src/scenarios/schema/index.ts';
import { numberOption, ownCpuSeconds } from './cpuTime.ts';
import { printTable, verdict } from './report.ts';

const MIGRATION = 'february-2017-migration';

function builtin(name: string): Scenario {
  const entry = findBuiltinScenario(name);
  if (entry === undefined) throw new Error(`no built-in scenario "${name}"`);
  return loadScenarioFile(entry.path);
}

/**
 * Wall and CPU seconds for one runner to run `count` candidates of the migration, in one batch, as
 * the check's search hands them over. CPU is this process's, every thread of it (the pool's too).
 */
async function timedRuns(runner: CandidateRunner, scenario: Scenario, count: number): Promise<string[]> {
  const liveness = livenessOf(scenario);
  const model = resolveFaultModel(scenario, scenario.faultModel);
  const windows = liveness.baseline.steps.map((step) => ({
    startMs: step.startedAt * 1000,
    endMs: step.endedAt * 1000,
  }));
  const candidates = fc.sample(candidateArbitrary(model, windows, scenario), { seed: 1, numRuns: count });
  const wallStartMs = performance.now();
  const cpuStart = ownCpuSeconds();
  await runner.run(candidates);
  const wallSeconds = (performance.now() - wallStartMs) / 1000;
  const cpuSeconds = ownCpuSeconds() - cpuStart;
  await runner.close();
  return [
    String(runner.workers),
    String(count),
    wallSeconds.toFixed(1),
    (count / wallSeconds).toFixed(2),
    cpuSeconds.toFixed(1),
    (count / cpuSeconds).toFixed(2),
  ];
}

/** Seconds to find the broken variant's counterexample (its first failing run) and to shrink it. */
async function findAndShrink(name: string, shrinkTimeMs: number, workers: number): Promise<string[]> {
  const scenario = builtin(name);
  const startedMs = performance.now();
  let foundMs = startedMs;
  const result = await checkScenario(scenario, {
    runs: 200,
    seed: 42,
    shrinkTimeMs,
    clockMs: () => performance.now(),
    onRun: () => (foundMs = performance.now()),
    runner: (checked, liveness) => poolRunner(checked, liveness, workers),
  });
  const endedMs = performance.now();
  const found = result.counterexample;
  return [
    name,
    String(result.searchRuns),
    ((foundMs - startedMs) / 1000).toFixed(1),
    ((endedMs - foundMs) / 1000).toFixed(1),
    ((endedMs - startedMs) / 1000).toFixed(1),
    found === undefined ? 'none' : String(found.candidate.faults.length),
    found?.shrinkInterrupted === true ? 'yes' : 'no',
  ];
}

/**
 * `npm run bench -- check [--runs=N] [--shrink-time=S]`: candidate runs per second of the
 * migration on one thread and on the pool's two, by wall time and by CPU time, and the time to
 * find and shrink the broken variants' counterexamples (the search on two workers, shrinking in
 * this thread, as twin check does them).
 */
export async function checkBench(args: string[]): Promise<boolean> {
  const runs = numberOption(args, 'runs', 8);
  const shrinkTimeMs = numberOption(args, 'shrink-time', 60) * 1000;
  const migration = builtin(MIGRATION);
  const liveness = livenessOf(migration);
  const rows = [
    await timedRuns(inThreadRunner(migration, liveness), migration, runs),
    await timedRuns(poolRunner(migration, liveness, 2), migration, runs),
  ];
  printTable(['workers', 'runs', 'wall s', 'runs/s (wall)', 'CPU s', 'runs per CPU s'], rows);
  const speedUp = Number(rows[1]?.[3]) / Number(rows[0]?.[3]);
  console.log(`2 workers / 1 worker, runs per wall second: ${speedUp.toFixed(2)}×`);
  const found: string[][] = [];
  for (const name of ['broken-migration-hard-shutdown', 'broken-migration-failover-behind'])
    found.push(await findAndShrink(name, shrinkTimeMs, 2));
  printTable(
    ['scenario', 'runs to find', 'find s', 'shrink s', 'find+shrink s', 'faults left', 'budget hit'],
    found,
  );
  const small = found.every((row) => row[5] !== 'none' && Number(row[5]) <= 3);
  const inBudget = found.every((row) => Number(row[4]) <= shrinkTimeMs / 1000);
  return (
    verdict('each broken variant found within 200 runs and shrunk to at most 3 faults', small) &&
    verdict(`find + shrink within ${shrinkTimeMs / 1000} s for each broken variant`, inBudget)
  );
}
