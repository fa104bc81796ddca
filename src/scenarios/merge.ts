/**
 * How `extends` combines a built-in estate with the overrides written under it:
 *
 * - mappings merge key by key, recursively: `vms: { web1: { cores: 16 } }` changes web1's cores and
 *   keeps everything else about web1 and every other VM;
 * - a key set to `null` (or left empty, `web2:`) removes that key from the base: the way to delete
 *   a part;
 * - lists and single values replace the base's whole value: `mysql.replicas: [db2]` is the new list.
 *
 * Parts of one kind are mappings keyed by id, so "merge lists by id" is simply merging mappings.
 */

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeOverrides(base: unknown, override: unknown): unknown {
  if (!isPlainMapping(base) || !isPlainMapping(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    // defineProperty, not assignment, so a key named `__proto__` stays a key (and fails validation).
    else
      Object.defineProperty(merged, key, {
        value: Object.hasOwn(base, key) ? mergeOverrides(base[key], value) : value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return merged;
}
