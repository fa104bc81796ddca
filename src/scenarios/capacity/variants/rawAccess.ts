import { isPlainMapping } from '../../merge.ts';

/** The mapping at `keys` under `root`, or an empty one where there is none. */
export function mappingAt(root: unknown, ...keys: readonly string[]): Readonly<Record<string, unknown>> {
  let node: unknown = root;
  for (const key of keys) node = isPlainMapping(node) ? node[key] : undefined;
  return isPlainMapping(node) ? node : {};
}

/** The first id `base`, `base-2`, `base-3`, … not already a key of `taken`. */
export function freshId(base: string, taken: Readonly<Record<string, unknown>>): string {
  if (!Object.hasOwn(taken, base)) return base;
  for (let index = 2; ; index++) if (!Object.hasOwn(taken, `${base}-${index}`)) return `${base}-${index}`;
}
