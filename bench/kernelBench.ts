import { runMmcOnKernel } from './kernelMmc.ts';
import { erlangC, referenceKernel, simpy, yardsticksAvailable, type Json } from './yardsticks.ts';
import { erlangCExact } from './erlangC.ts';
import { printTable, verdict } from './report.ts';

// The seeds' 24-core web VM: 0.4 s per uncached page, about 50 hits/s (003_fadcec8afe75cc12.txt).
const SERVERS = 24;
const SERVICE_MEAN_MS = 400;
const ARRIVALS_PER_SECOND = 50;
const SEED = 42;

function numberField(json: Json | { error: string }, key: string): number {
  const value = (json as Json)[key];
  return typeof value === 'number' ? value : Number.NaN;
}

/** `npm run bench -- kernel [--n=10000000] [--simpy-n=1000000]`: returns false when a goal is missed. */
export function kernelBench(args: string[]): boolean {
  const option = (name: string, fallback: number): number => {
    const hit = args.find((arg) => arg.startsWith(`--${name}=`));
    return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  };
  const requests = option('n', 10_000_000);
  const simpyRequests = option('simpy-n', 1_000_000);
  const mu = 1000 / SERVICE_MEAN_MS;
  if (!yardsticksAvailable()) {
    console.log('The yardsticks in ../shared/bench are missing: running the kernel alone.');
  }

  // A short warm-up so the JIT has compiled the hot path before the timed run.
  runMmcOnKernel(200_000, SERVERS, SERVICE_MEAN_MS, ARRIVALS_PER_SECOND, SEED + 1);
  const ours = runMmcOnKernel(requests, SERVERS, SERVICE_MEAN_MS, ARRIVALS_PER_SECOND, SEED);
  const reference = yardsticksAvailable()
    ? referenceKernel(requests, SERVERS, mu, ARRIVALS_PER_SECOND, SEED)
    : { error: 'missing' };
  const python = yardsticksAvailable()
    ? simpy(simpyRequests, SERVERS, mu, ARRIVALS_PER_SECOND, SEED)
    : { error: 'missing' };
  const exact = yardsticksAvailable() ? erlangC(SERVERS, mu, ARRIVALS_PER_SECOND) : { error: 'missing' };

  const oursRequestsPerSecond = ours.requests / ours.wallSeconds;
  const rows: Array<[string, string, string, string, string, string]> = [
    [
      'estate-twin kernel',
      String(ours.requests),
      fmt(oursRequestsPerSecond),
      fmt(ours.events / ours.wallSeconds),
      ours.meanWaitSeconds.toFixed(5),
      ours.probabilityOfWaiting.toFixed(4),
    ],
  ];
  const addRow = (name: string, json: Json | { error: string }): void => {
    if ('error' in json) rows.push([name, '-', `unavailable: ${String(json.error)}`, '', '', '']);
    else
      rows.push([
        name,
        String(json['n']),
        fmt(numberField(json, 'requests_per_s') || numberField(json, 'req_per_s')),
        fmt(numberField(json, 'events_per_s') || numberField(json, 'model_ev_per_s')),
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

  console.log(
    `M/M/c: c=${SERVERS}, service mean ${SERVICE_MEAN_MS} ms, ${ARRIVALS_PER_SECOND} arrivals/s (the seeds' web VM)\n`,
  );
  printTable(['run', 'requests', 'requests/s', 'events/s', 'mean wait s', 'P(wait)'], rows);
  console.log('');

  const checks: boolean[] = [];
  // The accuracy goal is judged against Erlang C computed here; the yardstick's value is shown beside it.
  const exactHere = erlangCExact(SERVERS, mu, ARRIVALS_PER_SECOND);
  const waitRatio = ours.meanWaitSeconds / exactHere.meanWaitSeconds;
  const pWaitRatio = ours.probabilityOfWaiting / exactHere.probabilityOfWaiting;
  console.log(`mean wait / Erlang C: ${waitRatio.toFixed(4)}   P(wait) / Erlang C: ${pWaitRatio.toFixed(4)}`);
  checks.push(verdict('simulated mean wait within 2 % of Erlang C', Math.abs(waitRatio - 1) <= 0.02));
  if (!('error' in reference)) {
    const ratio = oursRequestsPerSecond / numberField(reference, 'requests_per_s');
    console.log(`kernel throughput / reference kernel: ${ratio.toFixed(3)}×`);
    checks.push(verdict('kernel throughput at least 0.7× the reference kernel', ratio >= 0.7));
  } else {
    checks.push(
      verdict(`NOT CHECKED: kernel throughput against the reference kernel (${reference.error})`, false),
    );
  }
  if (!('error' in python)) {
    const ratio = oursRequestsPerSecond / numberField(python, 'req_per_s');
    console.log(`kernel throughput / SimPy: ${ratio.toFixed(1)}×`);
    checks.push(verdict('kernel throughput at least 25× SimPy', ratio >= 25));
  } else {
    console.log(`SimPy: ${String(python.error)}; its goal is not checked.`);
  }
  return checks.every(Boolean);
}

function fmt(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-GB') : '-';
}
