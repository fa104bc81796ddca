import type { Report } from '../report.ts';
import type { Scenario } from '../schema/index.ts';
import { sloFigures } from './slo.ts';
import type { SloFigures } from './slo.ts';

/**
 * What the capacity search keeps of one run: the SLO's figures, each part's peak utilisation and
 * whether the run stopped at a bound. Small, so a pool thread sends it back cheaply instead of a
 * whole report.
 */
export interface RunSummary {
  readonly figures: SloFigures;
  readonly utilisation: Readonly<Record<string, number>>;
  readonly limitMessage?: string;
}

/** Runs one scenario with one seed; in-process, or on a pool of worker threads. */
export type RunSeed = (scenario: Scenario, seed: number) => Promise<RunSummary>;

export function summariseRun(report: Report): RunSummary {
  const utilisation: Record<string, number> = {};
  for (const [name, part] of Object.entries(report.parts)) utilisation[name] = part.utilisationPeak;
  return {
    figures: sloFigures(report),
    utilisation,
    ...(report.run.limitMessage === undefined ? {} : { limitMessage: report.run.limitMessage }),
  };
}
