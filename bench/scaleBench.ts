import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatSpread, interleaved, numberOption, spread } from './cpuTime.ts';
import { printTable, verdict, verdictOverRounds } from './report.ts';
import type { ScaleRunResult } from './scaleRun.ts';

const runner = fileURLToPath(new URL('./scaleRun.ts', import.meta.url));
/** The package root, where `--import tsx` finds tsx whatever directory the bench was started from. */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const PI_COUNTS = [8, 108, 1_000, 4_000] as const;
const MEMORY_BYTES_MAX = 2 ** 30;

/** One run in a child process of its own (its peak memory is the run's); undefined when it failed. */
function runChild(kind: 'pis' | 'days', count: number): ScaleRunResult | { error: string } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', runner, kind, String(count)], {
    cwd: packageRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) {
    const lastLine = (child.stderr || child.error?.message || 'failed').trim().split('\n').pop() ?? '';
    return { error: `${kind} ${count}: exit ${child.status ?? 'by signal'}: ${lastLine}` };
  }
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as ScaleRunResult;
}

const micro = (seconds: number): string => (seconds * 1e6).toFixed(2);
const times = (value: number): string => `${Math.round(value).toLocaleString('en-GB')}×`;
const megabytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

interface Figures {
  runs: ScaleRunResult[];
  /** CPU µs per request over the run after setup (99 % of simulated time and requests). */
  runCpuPerRequest: number[];
}

function figuresOf(runs: ScaleRunResult[]): Figures {
  return { runs, runCpuPerRequest: runs.map((run) => run.runCpuSeconds / (run.requests * 0.99)) };
}

function row(label: string, figures: Figures): string[] {
  const { runs } = figures;
  const last = runs[runs.length - 1] as ScaleRunResult;
  return [
    label,
    `${(last.simulatedSeconds / 3600).toFixed(0)} h`,
    last.requests.toLocaleString('en-GB'),
    formatSpread(
      runs.map((run) => run.setupCpuSeconds),
      (value) => value.toFixed(2),
    ),
    formatSpread(figures.runCpuPerRequest, micro),
    formatSpread(
      runs.map((run) => run.cpuSeconds / run.requests),
      micro,
    ),
    formatSpread(
      runs.map((run) => run.simulatedSeconds / run.cpuSeconds),
      times,
    ),
    formatSpread(
      runs.map((run) => run.simulatedSeconds / run.wallSeconds),
      times,
    ),
    megabytes(Math.max(...runs.map((run) => run.peakRssBytes))),
    runs.every((run) => run.valid) ? 'valid' : `NOT VALID: ${last.limitMessage ?? 'see the report'}`,
  ];
}

const HEADER = [
  'run',
  'simulated',
  'requests',
  'setup CPU s',
  'run CPU µs/request',
  'all CPU µs/request',
  'simulated/CPU',
  'simulated/wall',
  'peak memory',
  'valid',
];

/**
 * `npm run bench -- scale [--quick] [--long] [--repeats=3]`: one simulated hour of 1,500 users with
 * 8, 108, 1,000 and 4,000 Pis as CDN backends (each size in turn, `repeats` rounds), then the Pi
 * Zero launch estate at 1,000 users for 1 and 30 days (and 7 and 366 with --long, whose first
 * weeks must agree: the year takes about a quarter of an hour of CPU here). Each run is a child process; CPU is the child's own, the verdicts on medians.
 * --quick: one round, without 4,000 Pis and the 30 days.
 */
export function scaleBench(args: string[] = []): boolean {
  const quick = args.includes('--quick');
  const repeats = quick ? 1 : numberOption(args, 'repeats', 3);
  const piCounts = quick ? PI_COUNTS.filter((count) => count <= 1_000) : PI_COUNTS;
  const failures: string[] = [];
  const runsByCount = new Map<number, ScaleRunResult[]>(piCounts.map((count) => [count, []]));
  interleaved(
    repeats,
    Object.fromEntries(
      piCounts.map((count) => [
        String(count),
        (): number => {
          const result = runChild('pis', count);
          if ('error' in result) failures.push(result.error);
          else runsByCount.get(count)?.push(result);
          return 0;
        },
      ]),
    ),
  );
  const long = args.includes('--long');
  // With the year, a week too: the year's first 7 days must be the 7-day run's (firstWeekTraceHash).
  const days = quick ? [1] : long ? [1, 7, 30, 366] : [1, 30];
  const runsByDays = new Map<number, ScaleRunResult[]>();
  for (const count of days) {
    const result = runChild('days', count);
    if ('error' in result) failures.push(result.error);
    else runsByDays.set(count, [result]);
  }
  for (const failure of failures) console.log(`run failed: ${failure}`);
  console.log(
    `${repeats} round(s), estates interleaved; each run a child process, CPU its own; median (min–max)\n` +
      'setup: reading the scenario, building the estate and the first 1 % of simulated time; ' +
      'run CPU µs/request: the other 99 %, over 99 % of the requests\n',
  );
  const figures = new Map<number, Figures>();
  const rows: string[][] = [];
  for (const count of piCounts) {
    const runs = runsByCount.get(count) ?? [];
    if (runs.length === 0) continue;
    figures.set(count, figuresOf(runs));
    rows.push(row(`${count.toLocaleString('en-GB')} Pis, 1,500 users`, figures.get(count) as Figures));
  }
  for (const count of days) {
    const runs = runsByDays.get(count);
    if (runs !== undefined) rows.push(row(`launch estate ${count} d, 1,000 users`, figuresOf(runs)));
  }
  printTable(HEADER, rows);
  console.log('');
  if (days.length < 3) console.log('366 days: not run (npm run bench -- scale --long runs it).');
  const weekHeld = long ? judgeFirstWeek(runsByDays) : true;
  return judge(figures, runsByCount, quick) && weekHeld && failures.length === 0;
}

/** The 366-day run is valid, and its first week's trace is the 7-day run's, line for line. */
function judgeFirstWeek(runsByDays: Map<number, ScaleRunResult[]>): boolean {
  const year = runsByDays.get(366)?.[0];
  const week = runsByDays.get(7)?.[0];
  if (year === undefined || week === undefined)
    return verdict('NOT CHECKED: the 366-day or the 7-day run failed', false);
  console.log(`first 7 days' trace: 366-day run ${year.firstWeekTraceHash ?? 'none'}`);
  console.log(`                       7-day run ${week.firstWeekTraceHash ?? 'none'}`);
  const valid = verdict('the 366-day run is valid', year.valid);
  const same = verdict(
    'the 366-day run’s first 7 days are the 7-day run’s (trace lines before day 7)',
    year.firstWeekTraceHash !== undefined && year.firstWeekTraceHash === week.firstWeekTraceHash,
  );
  return valid && same;
}

function judge(
  figures: Map<number, Figures>,
  runsByCount: Map<number, ScaleRunResult[]>,
  quick: boolean,
): boolean {
  const median = (count: number): number => spread(figures.get(count)?.runCpuPerRequest ?? []).median;
  const checks: boolean[] = [];
  const base = median(8);
  for (const [count, limit] of [
    [1_000, 1.5],
    [4_000, 2],
  ] as const) {
    if (!figures.has(count)) {
      if (!quick) checks.push(verdict(`NOT CHECKED: no run with ${count} Pis`, false));
      continue;
    }
    const ratio = median(count) / base;
    const baseRuns = figures.get(8)?.runCpuPerRequest ?? [];
    const perRound = (figures.get(count)?.runCpuPerRequest ?? []).map(
      (value, round) => value / (baseRuns[round] ?? Number.NaN),
    );
    console.log(
      `run CPU per request, ${count.toLocaleString('en-GB')} Pis / 8 Pis (medians): ${ratio.toFixed(2)}× (rounds ${formatSpread(perRound, (v) => v.toFixed(2))})`,
    );
    checks.push(
      verdictOverRounds(
        `CPU per request at ${count.toLocaleString('en-GB')} Pis within ${limit}× of 8 Pis`,
        ratio <= limit,
        perRound.map((roundRatio) => roundRatio <= limit),
      ),
    );
  }
  const thousand = runsByCount.get(1_000) ?? [];
  if (thousand.length > 0) {
    const factor = spread(thousand.map((run) => run.simulatedSeconds / run.cpuSeconds)).median;
    const perRound = thousand.map((run) => run.simulatedSeconds / run.cpuSeconds);
    console.log(
      `1,000-Pi hour: ${times(factor)} real time per CPU second, setup included (median; rounds ${formatSpread(perRound, times)})`,
    );
    checks.push(
      verdictOverRounds(
        'the 1,000-Pi hour runs at least 2,000× real time',
        factor >= 2_000,
        perRound.map((roundFactor) => roundFactor >= 2_000),
      ),
    );
  }
  const largest = runsByCount.get(4_000) ?? [];
  if (largest.length > 0) {
    const peak = Math.max(...largest.map((run) => run.peakRssBytes));
    checks.push(
      verdictOverRounds(
        `peak memory at 4,000 Pis under 1 GB (highest ${megabytes(peak)})`,
        peak < MEMORY_BYTES_MAX,
        largest.map((run) => run.peakRssBytes < MEMORY_BYTES_MAX),
      ),
    );
  }
  return checks.every(Boolean);
}
