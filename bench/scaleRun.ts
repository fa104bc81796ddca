import { createHash } from 'node:crypto';
import { compiledTwin } from './compiledTwin.ts';
import type { CompiledTwin } from './compiledTwin.ts';
import { ownCpuSeconds } from './cpuTime.ts';
import { launchEstateScenario, piBackendScenario } from './scaleScenario.ts';

/**
 * One run of the scale benchmark, in a process of its own so that its peak memory is its own:
 * `node --import tsx bench/scaleRun.ts pis <count>` or `... days <count>`. Prints one JSON line.
 * The twin runs from the compiled build, as `twin run` runs it (compiledTwin.ts).
 * CPU is this process's (process.cpuUsage) from reading the scenario text to the report: setup is
 * up to the end of the run's first hundredth of simulated time (the first progress call), the
 * run is the other 99 hundredths, over which a constant crowd makes 99 % of the requests.
 */
export interface ScaleRunResult {
  scenario: string;
  simulatedSeconds: number;
  requests: number;
  events: number;
  cpuSeconds: number;
  setupCpuSeconds: number;
  runCpuSeconds: number;
  wallSeconds: number;
  peakRssBytes: number;
  valid: boolean;
  limitMessage: string | undefined;
  /**
   * SHA-256 of the trace lines of the first 7 simulated days (runs of days only, 7 or more):
   * a long run and a 7-day run agree on their first week when these are equal.
   */
  firstWeekTraceHash?: string;
}

const WEEK_MS = 7 * 86_400_000;
/** The time at the start of a trace line: `{"timeMs":123.4,...` (see src/sim/trace.ts). */
const LINE_TIME = /^\{"timeMs":([0-9.e+-]+),/;

/** Hashes the trace lines before WEEK_MS, as they are written. */
function firstWeekHasher(): { onTraceLine: (line: string) => void; digest: () => string } {
  const hash = createHash('sha256');
  let lines = 0;
  return {
    onTraceLine: (line) => {
      const timeMs = Number(LINE_TIME.exec(line)?.[1] ?? Number.NaN);
      if (!(timeMs < WEEK_MS)) return;
      hash.update(line).update('\n');
      lines++;
    },
    digest: () => `${hash.digest('hex')} (${lines.toLocaleString('en-GB')} lines)`,
  };
}

function scenarioText(kind: string, count: number): string {
  if (kind === 'pis') return piBackendScenario(count);
  if (kind === 'days') return launchEstateScenario(count);
  throw new RangeError(`expected "pis" or "days", got "${kind}"`);
}

export function scaleRun(twin: CompiledTwin, kind: string, count: number): ScaleRunResult {
  const { parseScenarioText, builtinEstateLibrary, runScenario, verdictLine } = twin;
  const text = scenarioText(kind, count);
  const wallStarted = process.hrtime.bigint();
  const cpuStarted = ownCpuSeconds();
  const parsed = parseScenarioText(text, `${kind}-${count}`, builtinEstateLibrary);
  if (!parsed.ok)
    throw new Error(`scenario ${kind} ${count} is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  let setupEndCpu: number | undefined;
  const firstWeek = kind === 'days' && count >= 7 ? firstWeekHasher() : undefined;
  const report = runScenario(parsed.scenario, {
    ...(firstWeek === undefined ? {} : { onTraceLine: firstWeek.onTraceLine }),
    onProgress: () => {
      setupEndCpu ??= ownCpuSeconds();
    },
  });
  const cpuEnded = ownCpuSeconds();
  const wallSeconds = Number(process.hrtime.bigint() - wallStarted) / 1e9;
  const setupCpuSeconds = (setupEndCpu ?? cpuEnded) - cpuStarted;
  return {
    scenario: parsed.scenario.name,
    simulatedSeconds: report.durationSeconds,
    requests: Object.values(report.services).reduce((sum, service) => sum + service.requests, 0),
    events: report.run.events,
    cpuSeconds: cpuEnded - cpuStarted,
    setupCpuSeconds,
    runCpuSeconds: cpuEnded - (setupEndCpu ?? cpuEnded),
    wallSeconds,
    // maxRSS is in kilobytes: the peak of the whole process, which ran only this.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    valid: !verdictLine(report).startsWith('NOT VALID'),
    limitMessage: report.run.limitMessage,
    ...(firstWeek === undefined ? {} : { firstWeekTraceHash: firstWeek.digest() }),
  };
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const [kind = '', countText = ''] = process.argv.slice(2);
  console.log(JSON.stringify(scaleRun(await compiledTwin(), kind, Number(countText))));
}
