import { readFileSync } from 'node:fs';

/**
 * CPU time, not wall time, for the benchmarks: on a shared machine another process takes wall
 * time from a run but not CPU time, so a ratio of CPU times holds where a ratio of wall times
 * flips. This process's CPU comes from process.cpuUsage (every thread of it, the garbage
 * collector's included: that work is the run's); a child process's from the kernel's count of
 * CPU used by the children this process has waited for (/proc/self/stat, cutime and cstime).
 */

/** CPU seconds (user + system) this process has used so far. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Runs `work` and returns its result with the CPU seconds this process spent on it. */
export function withCpuSeconds<T>(work: () => T): { result: T; cpuSeconds: number } {
  const before = ownCpuSeconds();
  const result = work();
  return { result, cpuSeconds: ownCpuSeconds() - before };
}

/** Clock ticks per second of /proc's CPU counts: USER_HZ, 100 on every Linux Node supports. */
const USER_HZ = 100;

/**
 * CPU seconds used so far by this process's children that have ended and been waited for
 * (spawnSync waits), or undefined where /proc is not there (not Linux).
 */
export function childrenCpuSeconds(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces; fields are counted from after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of proc(5), cutime and cstime, are at 13 and 14 after the paren.
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? ticks / USER_HZ : undefined;
}

/** Runs a child process (synchronously) and returns its result with the CPU seconds it used. */
export function childWithCpuSeconds<T>(spawn: () => T): { result: T; cpuSeconds: number | undefined } {
  const before = childrenCpuSeconds();
  const result = spawn();
  const after = childrenCpuSeconds();
  return { result, cpuSeconds: before === undefined || after === undefined ? undefined : after - before };
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { min: sorted[0] ?? Number.NaN, median, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/**
 * Runs each side once per round, the sides in turn (A B A B ...), for `repeats` rounds, so that a
 * change in the machine's load lands on every side alike; returns each side's figures in run order.
 */
export function interleaved<K extends string>(
  repeats: number,
  sides: Record<K, () => number>,
): Record<K, number[]> {
  const names = Object.keys(sides) as K[];
  const figures = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < repeats; round++) for (const name of names) figures[name].push(sides[name]());
  return figures;
}

/** "median (min–max)" with the given formatter. */
export function formatSpread(values: readonly number[], format: (value: number) => string): string {
  const { min, median, max } = spread(values);
  return `${format(median)} (${format(min)}–${format(max)})`;
}

/** A whole-number count of arguments `--name=N`, or the fallback. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  const hit = args.find((arg) => arg.startsWith(`--${name}=`));
  if (hit === undefined) return fallback;
  const value = Number(hit.slice(name.length + 3));
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`--${name}: expected a positive number, got ${hit}`);
  return value;
}
