import type { Scenario } from '../src/scenarios/schema/index.ts';
import { compiledTwin } from './compiledTwin.ts';
import type { CompiledTwin } from './compiledTwin.ts';
import { formatSpread, interleaved, numberOption, spread, withCpuSeconds } from './cpuTime.ts';
import { printTable, verdict, verdictOverRounds } from './report.ts';
import { referenceKernel, yardsticksAvailable } from './yardsticks.ts';

const SCENARIOS = ['pi-zero-launch', 'eight-pi-cluster'] as const;
const REFERENCE_REQUESTS = 2_000_000;

interface TwinRun {
  simulatedHours: number;
  requests: number;
  events: number;
  cpuSeconds: number;
}

function loadBuiltin(twin: CompiledTwin, name: string): Scenario {
  const entry = twin.findBuiltinScenario(name);
  if (entry === undefined) throw new Error(`no built-in scenario ${name}`);
  return twin.loadScenarioFile(entry.path);
}

function runTwin(twin: CompiledTwin, scenario: Scenario): TwinRun {
  const { result: report, cpuSeconds } = withCpuSeconds(() => twin.runScenario(scenario));
  return {
    simulatedHours: report.durationSeconds / 3600,
    requests: Object.values(report.services).reduce((sum, service) => sum + service.requests, 0),
    events: report.run.events,
    cpuSeconds,
  };
}

/**
 * A launch day through the whole twin: the Pi Zero launch (10,000 simultaneous users at the peak,
 * 003_fadcec8afe75cc12.txt) and the eight-Pi cluster's 3.5 days (004_b8bc5fb3cdb64335.txt), from
 * scenario to report, run from the compiled build as `twin run` runs them (compiledTwin.ts), beside the bare reference kernel on this machine. Every figure is per CPU
 * second of the process that ran it; the scenarios and the reference run in turn, `repeats`
 * rounds, and the verdict is on medians. `npm run bench -- launch [--repeats=3]`.
 */
export async function launchBench(args: string[] = []): Promise<boolean> {
  const repeats = numberOption(args, 'repeats', 3);
  const twin = await compiledTwin();
  const scenarios = new Map(SCENARIOS.map((name) => [name, loadBuiltin(twin, name)]));
  const lastRun = new Map<string, TwinRun>();
  const requestsPerCpuSecond = new Map<string, number[]>(SCENARIOS.map((name) => [name, []]));
  const eventsPerCpuSecond = new Map<string, number[]>(SCENARIOS.map((name) => [name, []]));
  const realTimeFactor = new Map<string, number[]>(SCENARIOS.map((name) => [name, []]));
  const referenceErrors: string[] = [];
  const twinSide = (name: (typeof SCENARIOS)[number]) => (): number => {
    const run = runTwin(twin, scenarios.get(name) as Scenario);
    lastRun.set(name, run);
    requestsPerCpuSecond.get(name)?.push(run.requests / run.cpuSeconds);
    eventsPerCpuSecond.get(name)?.push(run.events / run.cpuSeconds);
    realTimeFactor.get(name)?.push((run.simulatedHours * 3600) / run.cpuSeconds);
    return run.requests / run.cpuSeconds;
  };
  const haveYardsticks = yardsticksAvailable();
  const figures = interleaved(repeats, {
    'pi-zero-launch': twinSide('pi-zero-launch'),
    'eight-pi-cluster': twinSide('eight-pi-cluster'),
    reference: () => {
      if (!haveYardsticks) return Number.NaN;
      const reference = referenceKernel(REFERENCE_REQUESTS, 24, 2.5, 50, 42);
      if ('error' in reference) {
        referenceErrors.push(String(reference.error));
        return Number.NaN;
      }
      return Number(reference['n']) / Number(reference['cpu_s']);
    },
  });
  console.log(`${repeats} rounds, scenarios and reference interleaved; per CPU second, median (min–max)\n`);
  const whole = (value: number): string => Math.round(value).toLocaleString('en-GB');
  printTable(
    [
      'scenario',
      'simulated',
      'requests',
      'CPU s (last)',
      'requests/CPU s',
      'events/CPU s',
      'simulated s per CPU s',
    ],
    SCENARIOS.map((name) => {
      const run = lastRun.get(name) as TwinRun;
      return [
        name,
        `${run.simulatedHours.toFixed(1)} h`,
        run.requests.toLocaleString('en-GB'),
        run.cpuSeconds.toFixed(2),
        formatSpread(requestsPerCpuSecond.get(name) ?? [], whole),
        formatSpread(eventsPerCpuSecond.get(name) ?? [], whole),
        formatSpread(realTimeFactor.get(name) ?? [], (value) => `${whole(value)}×`),
      ];
    }),
  );
  if (!haveYardsticks) return verdict('NOT CHECKED: the yardsticks in ../shared/bench are missing', false);
  if (referenceErrors.length > 0)
    return verdict(`NOT CHECKED: the reference kernel failed (${referenceErrors[0] ?? ''})`, false);
  const referenceMedian = spread(figures.reference).median;
  console.log(`\nbare reference kernel: ${formatSpread(figures.reference, whole)} requests/CPU s`);
  const slowest = Math.min(...SCENARIOS.map((name) => spread(requestsPerCpuSecond.get(name) ?? []).median));
  const ratio = slowest / referenceMedian;
  const perRound = figures.reference.map(
    (referenceRate, round) =>
      Math.min(...SCENARIOS.map((name) => requestsPerCpuSecond.get(name)?.[round] ?? Number.NaN)) /
      referenceRate,
  );
  console.log(
    `slowest full-twin requests/CPU s / bare reference kernel's (medians): ${ratio.toFixed(3)} (rounds ${formatSpread(perRound, (v) => v.toFixed(3))})`,
  );
  // A request through the twin (CDN, web server, DB, NICs, timeouts) is several kernel events and
  // more work each; a quarter of a bare queue's request rate keeps a 3.5-day run near 10 s here.
  return verdictOverRounds(
    'the full twin serves at least 0.25× the bare reference kernel’s requests per CPU second',
    ratio >= 0.25,
    perRound.map((roundRatio) => roundRatio >= 0.25),
  );
}
