import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findBuiltinScenario } from '../src/scenarios/builtin/index.ts';
import { checkScenario } from '../src/scenarios/check/runCheck.ts';
import { loadScenarioFile } from '../src/scenarios/load.ts';
import { numberOption } from './cpuTime.ts';
import { printTable, verdict } from './report.ts';

const WORKER = join(import.meta.dirname, 'checkWorker.ts');
const MIGRATION = 'february-2017-migration';

/** Wall seconds for `workers` processes each running `runsEach` candidates of the migration, at once. */
function parallelRuns(workers: number, runsEach: number): number {
  const commands = Array.from(
    { length: workers },
    (_, index) => `"${process.execPath}" --import tsx "${WORKER}" ${MIGRATION} ${index + 1} ${runsEach}`,
  );
  const startedMs = performance.now();
  const result = spawnSync('bash', ['-c', `${commands.join(' & ')} & wait`], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`check workers failed: ${result.stderr}`);
  return (performance.now() - startedMs) / 1000;
}

/** Seconds to find the broken variant's counterexample (its first failing run) and to shrink it. */
function findAndShrink(name: string, shrinkTimeMs: number): string[] {
  const builtin = findBuiltinScenario(name);
  if (builtin === undefined) throw new Error(`no built-in scenario "${name}"`);
  const scenario = loadScenarioFile(builtin.path);
  const startedMs = performance.now();
  let foundMs = startedMs;
  const result = checkScenario(scenario, {
    runs: 200,
    seed: 42,
    shrinkTimeMs,
    onRun: () => (foundMs = performance.now()),
  });
  const endedMs = performance.now();
  const found = result.counterexample;
  return [
    name,
    String(result.searchRuns),
    ((foundMs - startedMs) / 1000).toFixed(1),
    ((endedMs - foundMs) / 1000).toFixed(1),
    found === undefined ? 'none' : String(found.candidate.faults.length),
  ];
}

/**
 * `npm run bench -- check [--runs=N] [--shrink-time=S]`: candidate runs per second of the
 * migration with one and two worker processes (the check itself runs in-process: the sweep
 * engine's pool is not on main yet), and the time to find and shrink the broken variants'
 * counterexamples. Wall time, so figures on a shared machine are a floor.
 */
export function checkBench(args: string[]): boolean {
  const runsEach = numberOption(args, 'runs', 2);
  const shrinkTimeMs = numberOption(args, 'shrink-time', 60) * 1000;
  const one = parallelRuns(1, runsEach * 2);
  const two = parallelRuns(2, runsEach);
  // Each worker also runs the scenario once without faults (liveness compares with it): counted.
  const oneRuns = runsEach * 2 + 1;
  const twoRuns = (runsEach + 1) * 2;
  printTable(
    ['workers', 'runs', 'wall s', 'runs/s'],
    [
      ['1', String(oneRuns), one.toFixed(1), (oneRuns / one).toFixed(2)],
      ['2', String(twoRuns), two.toFixed(1), (twoRuns / two).toFixed(2)],
    ],
  );
  const rows = ['broken-migration-hard-shutdown', 'broken-migration-failover-behind'].map((name) =>
    findAndShrink(name, shrinkTimeMs),
  );
  printTable(['scenario', 'runs to find', 'find s', 'shrink s', 'faults left'], rows);
  const found = rows.every((row) => row[4] !== 'none' && Number(row[4]) <= 3);
  return verdict('each broken variant found within 200 runs and shrunk to at most 3 faults', found);
}
