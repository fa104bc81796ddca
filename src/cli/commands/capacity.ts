import { resolve } from 'node:path';
import { analyticSummary } from '../../scenarios/capacity/analyticBeside.ts';
import { rankBottlenecks } from '../../scenarios/capacity/bottleneck.ts';
import { capacityLoadOf } from '../../scenarios/capacity/capacityLoad.ts';
import { CapacityPool, runInProcess } from '../../scenarios/capacity/capacityPool.ts';
import { capacityText } from '../../scenarios/capacity/capacityText.ts';
import type { CapacityReport } from '../../scenarios/capacity/capacityText.ts';
import { capacityChartSvg, chartInputOf } from '../../scenarios/capacity/chart.ts';
import type { CapacityPoint } from '../../scenarios/capacity/measurePoint.ts';
import type { RunSeed } from '../../scenarios/capacity/runSummary.ts';
import { crowdPeakUsers } from '../../scenarios/capacity/scaleScenario.ts';
import { SEARCH_DEFAULTS, searchCapacity } from '../../scenarios/capacity/search.ts';
import { sloOf } from '../../scenarios/capacity/slo.ts';
import type { Slo } from '../../scenarios/capacity/slo.ts';
import { byRoomBought, searchVariants } from '../../scenarios/capacity/variantSearch.ts';
import { rawScenario } from '../../scenarios/capacity/variants/rawScenario.ts';
import { resolveVariants } from '../../scenarios/capacity/variants/resolveVariants.ts';
import type { ResolvedVariant, ResolvedVariants } from '../../scenarios/capacity/variants/resolveVariants.ts';
import { varyVariants } from '../../scenarios/capacity/variants/varyVariants.ts';
import { builtinEstateLibrary, readTextFile } from '../../scenarios/load.ts';
import type { Scenario } from '../../scenarios/schema/index.ts';
import { defaultWorkers } from '../../scenarios/sweep/localPool.ts';
import { duration, percentage } from '../../scenarios/units.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { OutputFile } from '../outputFile.ts';
import { safeText } from '../safeText.ts';
import { issuesText, loadScenarioArgument } from '../scenarioArgument.ts';

const CAPACITY_OPTIONS = {
  seeds: { type: 'string' },
  duration: { type: 'string' },
  'slo-p95': { type: 'string' },
  'slo-p99': { type: 'string' },
  'error-share': { type: 'string' },
  json: { type: 'boolean' },
  'what-if': { type: 'string', multiple: true },
  degraded: { type: 'boolean' },
  workers: { type: 'string' },
  chart: { type: 'string' },
  vary: { type: 'string', multiple: true },
} as const;

/** Most worker threads: more than a machine has cores only queues runs. */
const WORKERS_MAX = 256;

/** Most seeds per point: each is a full run. */
const SEEDS_MAX = 20;
const SEEDS_DEFAULT = 2;

type Values = Record<string, string | boolean | undefined>;
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function unitOption(values: Values, name: string, kind: typeof duration): Parsed<number | undefined> {
  const text = values[name];
  if (typeof text !== 'string') return { ok: true, value: undefined };
  const parsed = kind.parse(text);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : {
        ok: false,
        message: `twin capacity: --${name}: found "${safeText(text)}", expected ${parsed.expected}`,
      };
}

function seedCount(values: Values): Parsed<number> {
  const text = values['seeds'];
  if (typeof text !== 'string') return { ok: true, value: SEEDS_DEFAULT };
  const count = Number(text);
  if (/^\d+$/.test(text) && count >= 1 && count <= SEEDS_MAX) return { ok: true, value: count };
  return {
    ok: false,
    message: `twin capacity: --seeds: found "${safeText(text)}", expected a whole number from 1 to ${SEEDS_MAX}`,
  };
}

function workerCount(values: Values): Parsed<number> {
  const text = values['workers'];
  if (typeof text !== 'string') return { ok: true, value: defaultWorkers() };
  const count = Number(text);
  if (/^\d+$/.test(text) && count <= WORKERS_MAX) return { ok: true, value: count };
  return {
    ok: false,
    message: `twin capacity: --workers: found "${safeText(text)}", expected a whole number from 0 (in-process) to ${WORKERS_MAX}`,
  };
}

interface CapacityOptions {
  readonly seeds: number;
  /** Worker threads for the runs; 0 runs them in-process, one after another. */
  readonly workers: number;
  readonly durationMs?: number;
  readonly slo: Partial<Slo>;
}

function parseOptions(values: Values): Parsed<CapacityOptions> {
  const seeds = seedCount(values);
  const durationMs = unitOption(values, 'duration', duration);
  const p95 = unitOption(values, 'slo-p95', duration);
  const p99 = unitOption(values, 'slo-p99', duration);
  const errors = unitOption(values, 'error-share', percentage);
  const workers = workerCount(values);
  for (const each of [seeds, durationMs, p95, p99, errors, workers]) if (!each.ok) return each;
  if (!seeds.ok || !durationMs.ok || !p95.ok || !p99.ok || !errors.ok || !workers.ok)
    throw new Error('unreachable');
  if (durationMs.value === 0)
    return { ok: false, message: 'twin capacity: --duration: found 0, expected a duration > 0' };
  const slo: Partial<Slo> = {
    ...(p95.value === undefined ? {} : { p95Ms: p95.value }),
    ...(p99.value === undefined ? {} : { p99Ms: p99.value }),
    ...(errors.value === undefined ? {} : { errorShareMax: errors.value }),
  };
  return {
    ok: true,
    value: {
      seeds: seeds.value,
      workers: workers.value,
      ...(durationMs.value === undefined ? {} : { durationMs: durationMs.value }),
      slo,
    },
  };
}

interface Loaded {
  readonly scenario: Scenario;
  readonly variants: ResolvedVariants;
  /** One variant per --vary grid point; empty without --vary. */
  readonly varied: readonly ResolvedVariant[];
}

/** The scenario and every variant asked for, each validated as `twin run` validates a file. */
function loadWithVariants(argument: string, values: Values, io: CliIo): Loaded | { issues: string } {
  const { path, shownAs, result } = loadScenarioArgument(argument, io);
  if (!result.ok) return { issues: issuesText(result.issues) };
  const text = readTextFile(path, shownAs);
  const raw = text.ok ? rawScenario(text.text, path, builtinEstateLibrary) : undefined;
  if (raw === undefined) throw new Error(`capacity: ${shownAs} loaded but cannot be read again`);
  const whatIf = (values['what-if'] as unknown as string[] | undefined) ?? [];
  const resolved = resolveVariants(
    raw,
    { whatIf, degraded: values['degraded'] === true, shownAs },
    builtinEstateLibrary,
  );
  if (!resolved.ok) return { issues: issuesText(resolved.issues) };
  const vary = (values['vary'] as unknown as string[] | undefined) ?? [];
  const varied = vary.length === 0 ? undefined : varyVariants(raw, vary, shownAs, builtinEstateLibrary);
  if (varied !== undefined && !varied.ok) return { issues: issuesText(varied.issues) };
  return { scenario: result.scenario, variants: resolved.variants, varied: varied?.variants ?? [] };
}

async function searchAll(
  loaded: Loaded,
  options: CapacityOptions,
  run: RunSeed,
  io: CliIo,
): Promise<Omit<CapacityReport, 'workers'>> {
  const { scenario, variants } = loaded;
  const { seeds: count, durationMs, slo: sloOptions } = options;
  const seeds = Array.from({ length: count }, (_, index) => scenario.seed + index);
  const slo = sloOf(scenario, sloOptions);
  const settings = { slo, seeds, ...(durationMs === undefined ? {} : { durationMs }) };
  const progress = io.isTerminal === true;
  const say = (name: string, point: CapacityPoint) => {
    if (progress) io.stderr(`${name} ×${point.scale}: ${point.ok ? 'pass' : 'fail'}\n`);
  };
  const [search, whatIf, degraded, varied] = await Promise.all([
    searchCapacity(scenario, settings, run, SEARCH_DEFAULTS, (point) => say('baseline', point)),
    searchVariants(variants.whatIf, settings, run, say),
    searchVariants(variants.degraded, settings, run, say),
    searchVariants(loaded.varied, settings, run, say),
  ]);
  return {
    scenario: scenario.name,
    peakUsers: crowdPeakUsers(scenario.workload.crowd),
    load: capacityLoadOf(scenario.workload),
    seeds,
    runDurationMs: durationMs ?? scenario.duration,
    durationCut: durationMs !== undefined && durationMs < scenario.duration,
    slo,
    search,
    parts: rankBottlenecks(search.points),
    analytic: analyticSummary(
      scenario,
      search.points.map((point) => point.scale),
    ),
    whatIf: byRoomBought(whatIf),
    degraded,
    varied,
    notApplicable: variants.notApplicable,
  };
}

async function capacity(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const parsed = parseArguments(args, CAPACITY_OPTIONS);
  if (!parsed.ok || parsed.positionals.length !== 1) {
    io.stderr(`twin capacity: ${parsed.ok ? 'give one scenario' : parsed.message}\nusage: ${usage}\n`);
    return EXIT_BAD_INPUT;
  }
  const options = parseOptions(parsed.values);
  if (!options.ok) {
    io.stderr(`${options.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const loaded = loadWithVariants(parsed.positionals[0] as string, parsed.values, io);
  if ('issues' in loaded) {
    io.stderr(safeText(loaded.issues, { keepNewlines: true }));
    return EXIT_BAD_INPUT;
  }
  const chartPath = parsed.values['chart'];
  const chart =
    typeof chartPath === 'string' ? OutputFile.open('--chart', resolve(io.cwd, chartPath)) : undefined;
  if (chart !== undefined && !(chart instanceof OutputFile)) {
    io.stderr(`twin capacity: ${chart.error}\n`);
    return EXIT_BAD_INPUT;
  }
  const { workers } = options.value;
  const pool = workers > 0 ? new CapacityPool(workers) : undefined;
  let report: CapacityReport;
  try {
    report = { ...(await searchAll(loaded, options.value, pool?.run ?? runInProcess, io)), workers };
  } catch (error) {
    chart?.abandon();
    throw error;
  } finally {
    await pool?.close();
  }
  io.stdout(
    parsed.values['json'] === true
      ? `${JSON.stringify(report, null, 2)}\n`
      : safeText(capacityText(report), { keepNewlines: true }),
  );
  if (chart === undefined) return EXIT_OK;
  chart.write(capacityChartSvg(chartInputOf(report)));
  chart.finish();
  if (chart.failure === undefined) return EXIT_OK;
  io.stderr(`twin capacity: ${chart.failure}\n`);
  return EXIT_BAD_INPUT;
}

export const capacityCommand: Command = {
  name: 'capacity',
  summary:
    'Find the largest crowd, or arrival rate for open arrivals (a scale of the scenario’s), within the SLO, over several seeds; name the bottleneck, the headroom per part, and the queueing-theory figures beside.',
  usage:
    'twin capacity <scenario> [--seeds N] [--duration 2h30m] [--slo-p95 1s] [--slo-p99 2s] [--error-share 1%] ' +
    '[--what-if NAME|all|NAME:PATH=VALUE,...]... [--degraded] [--vary PATH=V1,V2,...]... [--workers N] [--chart FILE.svg] [--json]',
  async run(args, io) {
    return capacity(args, io, this.usage);
  },
};
