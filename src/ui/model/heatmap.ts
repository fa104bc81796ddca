import type { CounterIndex } from './counters.ts';
import { lineIndexAt } from './counters.ts';

/** A shelf's Pis' temperatures as the last reading at or before a time gives them. */
export interface ShelfHeat {
  /** When the reading was taken, in simulated seconds. */
  atSeconds: number;
  /** Each Pi's temperature in shelf order (cold aisle first). */
  piC: readonly number[];
  minC: number;
  meanC: number;
  maxC: number;
}

function numbersOf(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((each) => typeof each === 'number')
    ? (value as number[])
    : undefined;
}

/** A shelf's heat at a time, or undefined before its first reading or when its lines carry no Pis. */
export function shelfHeatAt(index: CounterIndex, shelfId: string, seconds: number): ShelfHeat | undefined {
  const series = index.get(shelfId)?.get('temperatureC');
  if (series === undefined) return undefined;
  const at = lineIndexAt(series, seconds);
  const details = series.details[at];
  const piC = numbersOf(details?.['piC']);
  if (details === undefined || piC === undefined || piC.length === 0) return undefined;
  const number = (key: string, fallback: number) => {
    const value = details[key];
    return typeof value === 'number' ? value : fallback;
  };
  return {
    atSeconds: series.timesSeconds[at] as number,
    piC,
    minC: number('minC', Math.min(...piC)),
    meanC: number('meanC', piC.reduce((sum, each) => sum + each, 0) / piC.length),
    maxC: series.values[at] as number,
  };
}

/** The shelves whose counters carry Pis' temperatures, in trace order. */
export function heatedShelves(index: CounterIndex): string[] {
  return [...index.entries()]
    .filter(([, byName]) => numbersOf(byName.get('temperatureC')?.details[0]?.['piC']) !== undefined)
    .map(([part]) => part);
}
