import { runMmcOnKernel } from './kernelMmc.ts';
import type { MmcResult } from './kernelMmc.ts';
import { formatSpread, interleaved, numberOption, spread } from './cpuTime.ts';
import { erlangC, referenceKernel, simpy, yardsticksAvailable, type Json } from './yardsticks.ts';
import { erlangCExact } from './erlangC.ts';
import { printTable, verdict, verdictOverRounds } from './report.ts';

// The seeds' 24-core web VM: 0.4 s per uncached page, about 50 hits/s (003_fadcec8afe75cc12.txt).
const SERVERS = 24;
const SERVICE_MEAN_MS = 400;
const ARRIVALS_PER_SECOND = 50;
const SEED = 42;

function numberField(json: Json | { error: string }, key: string): number {
  const value = (json as Json)[key];
  return typeof value === 'number' ? value : Number.NaN;
}

interface Side {
  requests: number[];
  requestsPerCpuSecond: number[];
  eventsPerCpuSecond: number[];
  last: Json | { error: string };
}

function yardstickSide(): Side {
  return { requests: [], requestsPerCpuSecond: [], eventsPerCpuSecond: [], last: { error: 'not run' } };
}

/** Records one run of a yardstick; its rates are per CPU second of the child process. */
function recordYardstick(side: Side, json: Json | { error: string }): number {
  side.last = json;
  if ('error' in json) return Number.NaN;
  const cpuSeconds = numberField(json, 'cpu_s');
  const requests = numberField(json, 'n');
  // The yardsticks print rates over their own wall time; their ratio is events per request.
  const eventsPerRequest =
    (numberField(json, 'events_per_s') || numberField(json, 'model_ev_per_s')) /
    (numberField(json, 'requests_per_s') || numberField(json, 'req_per_s'));
  const events = requests * eventsPerRequest;
  side.requests.push(requests);
  side.requestsPerCpuSecond.push(requests / cpuSeconds);
  side.eventsPerCpuSecond.push(events / cpuSeconds);
  return requests / cpuSeconds;
}

/**
 * `npm run bench -- kernel [--n=10000000] [--simpy-n=1000000] [--repeats=3]`: the kernel, the
 * reference kernel and SimPy in turn, `repeats` rounds; each figure is per CPU second of the
 * process that ran it, the verdicts on medians. Returns false when a goal is missed.
 */
export function kernelBench(args: string[]): boolean {
  const requests = numberOption(args, 'n', 10_000_000);
  const simpyRequests = numberOption(args, 'simpy-n', 1_000_000);
  const repeats = numberOption(args, 'repeats', 3);
  const mu = 1000 / SERVICE_MEAN_MS;
  const haveYardsticks = yardsticksAvailable();
  if (!haveYardsticks)
    console.log('The yardsticks in ../shared/bench are missing: running the kernel alone.');

  // A short warm-up so the JIT has compiled the hot path before the timed runs.
  runMmcOnKernel(200_000, SERVERS, SERVICE_MEAN_MS, ARRIVALS_PER_SECOND, SEED + 1);
  const ours = yardstickSide();
  const reference = yardstickSide();
  const python = yardstickSide();
  let oursLast = runMmcOnKernel(1, SERVERS, SERVICE_MEAN_MS, ARRIVALS_PER_SECOND, SEED);
  interleaved(repeats, {
    ours: () => {
      oursLast = runMmcOnKernel(requests, SERVERS, SERVICE_MEAN_MS, ARRIVALS_PER_SECOND, SEED);
      ours.requests.push(oursLast.requests);
      ours.requestsPerCpuSecond.push(oursLast.requests / oursLast.cpuSeconds);
      ours.eventsPerCpuSecond.push(oursLast.events / oursLast.cpuSeconds);
      return oursLast.requests / oursLast.cpuSeconds;
    },
    reference: () =>
      haveYardsticks
        ? recordYardstick(reference, referenceKernel(requests, SERVERS, mu, ARRIVALS_PER_SECOND, SEED))
        : Number.NaN,
    python: () =>
      haveYardsticks
        ? recordYardstick(python, simpy(simpyRequests, SERVERS, mu, ARRIVALS_PER_SECOND, SEED))
        : Number.NaN,
  });
  const exact = haveYardsticks ? erlangC(SERVERS, mu, ARRIVALS_PER_SECOND) : { error: 'missing' };

  const rows = tableRows(requests, ours, oursLast, reference, python, exact);
  console.log(
    `M/M/c: c=${SERVERS}, service mean ${SERVICE_MEAN_MS} ms, ${ARRIVALS_PER_SECOND} arrivals/s (the seeds' web VM)`,
  );
  console.log(`${repeats} rounds, sides interleaved; rates per CPU second, median (min–max)\n`);
  printTable(['run', 'requests', 'requests/CPU s', 'events/CPU s', 'mean wait s', 'P(wait)'], rows);
  console.log('');

  const checks: boolean[] = [];
  // The accuracy goal is judged against Erlang C computed here; the yardstick's value is shown beside it.
  const exactHere = erlangCExact(SERVERS, mu, ARRIVALS_PER_SECOND);
  const waitRatio = oursLast.meanWaitSeconds / exactHere.meanWaitSeconds;
  const pWaitRatio = oursLast.probabilityOfWaiting / exactHere.probabilityOfWaiting;
  console.log(`mean wait / Erlang C: ${waitRatio.toFixed(4)}   P(wait) / Erlang C: ${pWaitRatio.toFixed(4)}`);
  checks.push(verdict('simulated mean wait within 2 % of Erlang C', Math.abs(waitRatio - 1) <= 0.02));
  checks.push(...judgeThroughput(ours, reference, python));
  return checks.every(Boolean);
}

/** The table's rows: each run's rates (median (min–max)) and its queue figures, and Erlang C's. */
function tableRows(
  requests: number,
  ours: Side,
  oursLast: MmcResult,
  reference: Side,
  python: Side,
  exact: Json | { error: string },
): string[][] {
  const rows: string[][] = [
    [
      'estate-twin kernel',
      String(requests),
      formatSpread(ours.requestsPerCpuSecond, fmt),
      formatSpread(ours.eventsPerCpuSecond, fmt),
      oursLast.meanWaitSeconds.toFixed(5),
      oursLast.probabilityOfWaiting.toFixed(4),
    ],
  ];
  const addRow = (name: string, side: Side): void => {
    const json = side.last;
    if ('error' in json) rows.push([name, '-', `unavailable: ${String(json.error)}`, '', '', '']);
    else
      rows.push([
        name,
        String(json['n']),
        formatSpread(side.requestsPerCpuSecond, fmt),
        formatSpread(side.eventsPerCpuSecond, fmt),
        numberField(json, 'Wq').toFixed(5),
        numberField(json, 'Pwait').toFixed(4),
      ]);
  };
  addRow('reference SoA heap (node)', reference);
  addRow('SimPy 2 (python)', python);
  if ('error' in exact)
    rows.push(['Erlang C (exact)', '-', `unavailable: ${String(exact.error)}`, '', '', '']);
  else
    rows.push([
      'Erlang C (exact)',
      '-',
      '-',
      '-',
      numberField(exact, 'Wq').toFixed(5),
      numberField(exact, 'Pwait').toFixed(4),
    ]);

  return rows;
}

/** The throughput goals against the reference kernel and SimPy, judged on medians. */
function judgeThroughput(ours: Side, reference: Side, python: Side): boolean[] {
  const checks: boolean[] = [];
  const oursMedian = spread(ours.requestsPerCpuSecond).median;
  if (!('error' in reference.last)) {
    const ratio = oursMedian / spread(reference.requestsPerCpuSecond).median;
    const perRound = perRoundRatios(ours.requestsPerCpuSecond, reference.requestsPerCpuSecond);
    console.log(
      `kernel requests per CPU second / reference kernel's (medians): ${ratio.toFixed(3)}× (rounds ${formatSpread(perRound, (v) => v.toFixed(3))})`,
    );
    checks.push(
      verdictOverRounds(
        'kernel throughput at least 0.7× the reference kernel',
        ratio >= 0.7,
        perRound.map((r) => r >= 0.7),
      ),
    );
  } else {
    checks.push(
      verdict(`NOT CHECKED: kernel throughput against the reference kernel (${reference.last.error})`, false),
    );
  }
  if (!('error' in python.last)) {
    const ratio = oursMedian / spread(python.requestsPerCpuSecond).median;
    const perRound = perRoundRatios(ours.requestsPerCpuSecond, python.requestsPerCpuSecond);
    console.log(
      `kernel requests per CPU second / SimPy's (medians): ${ratio.toFixed(1)}× (rounds ${formatSpread(perRound, (v) => v.toFixed(1))})`,
    );
    checks.push(
      verdictOverRounds(
        'kernel throughput at least 25× SimPy',
        ratio >= 25,
        perRound.map((r) => r >= 25),
      ),
    );
  } else {
    console.log(`SimPy: ${String(python.last.error)}; its goal is not checked.`);
  }
  return checks;
}

/** Round by round, one side's figure over the other's. */
function perRoundRatios(numerators: readonly number[], denominators: readonly number[]): number[] {
  return numerators.map((value, round) => value / (denominators[round] ?? Number.NaN));
}

function fmt(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-GB') : '-';
}
