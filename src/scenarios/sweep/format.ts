import { describePoint, varyOptions } from './grid.ts';
import { spread } from './histogram.ts';
import type { Spread } from './histogram.ts';
import { NOT_OK } from './pointSummary.ts';
import type { SweepResult } from './sweepResult.ts';

/** Text, CSV and JSON forms of a sweep's result. Pure: the CLI decides where they go. */

/** Four significant figures, no exponent for everyday sizes, whole numbers as they are. */
export function formatFigure(value: number): string {
  if (Number.isNaN(value)) return '-';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return value.toFixed(0);
  return String(Number(value.toPrecision(4)));
}

const pad = (text: string, width: number): string => text.padStart(width);

/** Part utilisation peaks are many (one per Pi); text shows them only with --json or --csv. */
const shownInText = (figure: string): boolean => !figure.startsWith('part.');

function figureLines(result: SweepResult, pointIndex: number): string[] {
  const figures = (result.points[pointIndex] as SweepResult['points'][number]).summary.figures;
  const names = Object.keys(figures).filter(shownInText);
  const width = Math.max(24, ...names.map((name) => name.length));
  const columns: (keyof Spread)[] = ['min', 'p5', 'p50', 'p95', 'max'];
  const lines = [`${'figure'.padEnd(width)} ${columns.map((c) => pad(c, 10)).join(' ')}  mean ± 95% CI`];
  for (const name of names) {
    const s = spread(figures[name] as (typeof figures)[string]);
    lines.push(
      `${name.padEnd(width)} ${columns.map((c) => pad(formatFigure(s[c]), 10)).join(' ')}  ` +
        `${formatFigure(s.mean)} ± ${formatFigure(s.meanCi95)}`,
    );
  }
  return lines;
}

function replayLine(result: SweepResult, pointIndex: number, seed: number): string {
  const grid = (result.points[pointIndex] as SweepResult['points'][number]).grid;
  return `npx twin run ${result.file} --seed ${seed}${varyOptions(grid)}`;
}

function checkLines(result: SweepResult, pointIndex: number): string[] {
  const { summary } = result.points[pointIndex] as SweepResult['points'][number];
  const lines: string[] = ['', 'Checks'];
  for (const [name, counts] of Object.entries(summary.checks))
    lines.push(
      `${counts.fail === 0 ? 'PASS' : 'FAIL'}  ${name}: ${counts.pass} passed, ${counts.fail} failed`,
    );
  const notOk = summary.failingSeeds[NOT_OK]?.count ?? 0;
  lines.push(`Runs ok: ${summary.runs - notOk} of ${summary.runs}`);
  for (const [name, failing] of Object.entries(summary.failingSeeds)) {
    const shown = failing.seeds.length < failing.count ? `, the lowest ${failing.seeds.length}` : '';
    lines.push('', `Failed ${name === NOT_OK ? 'overall' : `"${name}"`} (${failing.count} seeds${shown}):`);
    for (const seed of failing.seeds) lines.push(`  ${replayLine(result, pointIndex, seed)}`);
  }
  return lines;
}

export function sweepText(result: SweepResult): string {
  const runs = result.points.reduce((sum, point) => sum + point.summary.runs, 0);
  const lines = [
    `Sweep of ${result.name} (${result.file}): seeds ${result.seeds.from}..${result.seeds.to}, ` +
      `${result.points.length} grid point${result.points.length === 1 ? '' : 's'}, ${runs} runs`,
    `Determinism: ${result.seedsRunTwice} seeds run twice in different jobs, identical traces`,
  ];
  result.points.forEach((point, index) => {
    lines.push('', `== ${point.grid.length === 0 ? 'as written' : describePoint(point.grid)} ==`);
    lines.push(...figureLines(result, index), ...checkLines(result, index));
  });
  lines.push('', `content hash: ${result.contentHash}`);
  return `${lines.join('\n')}\n`;
}

const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** One row per grid point and figure, then one per grid point and check, for spreadsheets. */
export function sweepCsv(result: SweepResult): string {
  const rows = [['grid', 'figure', 'runs', 'min', 'p5', 'p50', 'p95', 'max', 'mean', 'meanCi95', 'failed']];
  for (const point of result.points) {
    const grid = describePoint(point.grid);
    for (const [name, histogram] of Object.entries(point.summary.figures)) {
      const s = spread(histogram);
      rows.push([
        grid,
        name,
        String(histogram.count),
        ...[s.min, s.p5, s.p50, s.p95, s.max, s.mean, s.meanCi95].map(String),
        '',
      ]);
    }
    for (const [name, counts] of Object.entries(point.summary.checks))
      rows.push([
        grid,
        `check: ${name}`,
        String(counts.pass + counts.fail),
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        String(counts.fail),
      ]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

/** The result as JSON, with each figure's spread beside its histogram. */
export function sweepJson(result: SweepResult): string {
  const points = result.points.map((point) => ({
    ...point,
    spreads: Object.fromEntries(Object.entries(point.summary.figures).map(([name, h]) => [name, spread(h)])),
  }));
  return `${JSON.stringify({ ...result, points }, null, 2)}\n`;
}
