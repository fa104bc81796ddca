import { analyticSummary } from '../../scenarios/capacity/analyticBeside.ts';
import { rankBottlenecks } from '../../scenarios/capacity/bottleneck.ts';
import { capacityText } from '../../scenarios/capacity/capacityText.ts';
import type { CapacityReport } from '../../scenarios/capacity/capacityText.ts';
import { crowdPeakUsers } from '../../scenarios/capacity/scaleScenario.ts';
import { SEARCH_DEFAULTS, searchCapacity } from '../../scenarios/capacity/search.ts';
import { sloOf } from '../../scenarios/capacity/slo.ts';
import type { Slo } from '../../scenarios/capacity/slo.ts';
import { runScenario } from '../../scenarios/run/runScenario.ts';
import { duration, percentage } from '../../scenarios/units.ts';
import { parseArguments } from '../arguments.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../command.ts';
import type { CliIo, Command } from '../command.ts';
import { safeText } from '../safeText.ts';
import { issuesText, loadScenarioArgument } from '../scenarioArgument.ts';

const CAPACITY_OPTIONS = {
  seeds: { type: 'string' },
  duration: { type: 'string' },
  'slo-p95': { type: 'string' },
  'slo-p99': { type: 'string' },
  'error-share': { type: 'string' },
  json: { type: 'boolean' },
} as const;

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

interface CapacityOptions {
  readonly seeds: number;
  readonly durationMs?: number;
  readonly slo: Partial<Slo>;
}

function parseOptions(values: Values): Parsed<CapacityOptions> {
  const seeds = seedCount(values);
  const durationMs = unitOption(values, 'duration', duration);
  const p95 = unitOption(values, 'slo-p95', duration);
  const p99 = unitOption(values, 'slo-p99', duration);
  const errors = unitOption(values, 'error-share', percentage);
  for (const each of [seeds, durationMs, p95, p99, errors]) if (!each.ok) return each;
  if (!seeds.ok || !durationMs.ok || !p95.ok || !p99.ok || !errors.ok) throw new Error('unreachable');
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
      ...(durationMs.value === undefined ? {} : { durationMs: durationMs.value }),
      slo,
    },
  };
}

function capacity(args: readonly string[], io: CliIo, usage: string): number {
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
  const { result: loaded } = loadScenarioArgument(parsed.positionals[0] as string, io);
  if (!loaded.ok) {
    io.stderr(safeText(issuesText(loaded.issues), { keepNewlines: true }));
    return EXIT_BAD_INPUT;
  }
  const scenario = loaded.scenario;
  const { seeds: count, durationMs, slo: sloOptions } = options.value;
  const seeds = Array.from({ length: count }, (_, index) => scenario.seed + index);
  const slo = sloOf(scenario, sloOptions);
  const progress = io.isTerminal === true;
  const search = searchCapacity(
    scenario,
    { slo, seeds, ...(durationMs === undefined ? {} : { durationMs }) },
    (scaled, seed) => runScenario(scaled, { seed }),
    SEARCH_DEFAULTS,
    (point) => {
      if (progress) io.stderr(`scale ×${point.scale}: ${point.ok ? 'pass' : 'fail'}\n`);
    },
  );
  const report: CapacityReport = {
    scenario: scenario.name,
    peakUsers: crowdPeakUsers(scenario.workload.crowd),
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
  };
  io.stdout(
    parsed.values['json'] === true
      ? `${JSON.stringify(report, null, 2)}\n`
      : safeText(capacityText(report), { keepNewlines: true }),
  );
  return EXIT_OK;
}

export const capacityCommand: Command = {
  name: 'capacity',
  summary:
    'Find the largest crowd (a scale of the scenario’s) within the SLO, over several seeds; name the bottleneck, the headroom per part, and the queueing-theory figures beside.',
  usage:
    'twin capacity <scenario> [--seeds N] [--duration 2h30m] [--slo-p95 1s] [--slo-p99 2s] [--error-share 1%] [--json]',
  run(args, io) {
    return capacity(args, io, this.usage);
  },
};
