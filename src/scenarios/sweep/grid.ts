import { parse as parseYamlValue } from 'yaml';

/** A value a grid dimension can take: a YAML scalar, as a scenario file would spell it. */
export type GridValue = string | number | boolean;

/** One dimension of a grid: a dotted path into the scenario file and the values it takes. */
export interface GridDimension {
  readonly path: string;
  readonly values: readonly GridValue[];
}

/** One grid point: a value for each dimension, in dimension order. */
export type GridPoint = readonly (readonly [path: string, value: GridValue])[];

/** A grid larger than this is a typo in a value list, not an experiment. */
export const GRID_POINTS_MAX = 1000;

/** Dotted paths: keys of letters, digits, `_` and `-`; a whole-number segment indexes a list. */
export const GRID_PATH_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export type DimensionResult = { ok: true; dimension: GridDimension } | { ok: false; expected: string };

/** Parses `workload.crowd.peak=5000,10000,20000`; each value is read as YAML reads a scalar. */
export function parseVary(text: string): DimensionResult {
  const expected =
    'PATH=V1,V2,… such as workload.crowd.peak=5000,10000 (a dotted path into the scenario file)';
  const equals = text.indexOf('=');
  if (equals <= 0) return { ok: false, expected };
  const path = text.slice(0, equals).trim();
  if (!GRID_PATH_PATTERN.test(path)) return { ok: false, expected };
  const items = text.slice(equals + 1).split(',');
  const values: GridValue[] = [];
  for (const item of items) {
    if (item.trim() === '') return { ok: false, expected: `${expected}; no empty value` };
    const value: unknown = parseYamlValue(item.trim());
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return { ok: false, expected: `${expected}; each value a number, a word or true/false` };
    values.push(value);
  }
  return { ok: true, dimension: { path, values } };
}

/**
 * Every combination of the dimensions' values, the first dimension varying slowest, so a grid's
 * points have one order however the sweep is run. A later dimension with the same path as an
 * earlier one replaces it (the command line overrides the file).
 */
export function expandGrid(dimensions: readonly GridDimension[]): GridPoint[] {
  const byPath = new Map<string, GridDimension>();
  for (const dimension of dimensions) byPath.set(dimension.path, dimension);
  let points: GridPoint[] = [[]];
  for (const dimension of byPath.values()) {
    if (points.length * dimension.values.length > GRID_POINTS_MAX)
      throw new RangeError(`a grid of more than ${GRID_POINTS_MAX} points`);
    points = points.flatMap((point) =>
      dimension.values.map((value) => [...point, [dimension.path, value] as const]),
    );
  }
  return points;
}

/** The path's segments as YAML's setIn takes them: whole numbers index lists. */
export function pathSegments(path: string): (string | number)[] {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** `workload.crowd.peak=5000, duration=1h`, for headings and replay hints. */
export function describePoint(point: GridPoint): string {
  return point.map(([path, value]) => `${path}=${String(value)}`).join(', ');
}

/** A word as it goes on a command line: quoted for a POSIX shell unless it is plainly safe. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_.:%+/=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * ` --vary a.b=V --vary c=W`: the options of `twin run` that write a grid point's values into the
 * file as the sweep did, so a replay line reproduces that point's run.
 */
export function varyOptions(point: GridPoint): string {
  return point.map(([path, value]) => ` --vary ${shellWord(`${path}=${String(value)}`)}`).join('');
}
