import { describe, expect, it } from 'vitest';
import { mergeOverrides } from '../../src/scenarios/merge.ts';

describe('mergeOverrides', () => {
  const base = {
    vms: { web1: { host: 'old', cores: 24 }, web2: { host: 'old', cores: 24 } },
    replicas: ['a', 'b'],
  };

  it('merges mappings key by key and keeps what the override does not mention', () => {
    expect(mergeOverrides(base, { vms: { web1: { cores: 16 } } })).toEqual({
      vms: { web1: { host: 'old', cores: 16 }, web2: { host: 'old', cores: 24 } },
      replicas: ['a', 'b'],
    });
  });

  it('removes a key set to null', () => {
    expect(mergeOverrides(base, { vms: { web2: null } })).toEqual({
      vms: { web1: { host: 'old', cores: 24 } },
      replicas: ['a', 'b'],
    });
  });

  it('replaces lists whole', () => {
    expect(mergeOverrides(base, { replicas: ['c'] })).toMatchObject({ replicas: ['c'] });
  });

  it('keeps a key named __proto__ as data, not a prototype', () => {
    const merged = mergeOverrides({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<
      string,
      unknown
    >;
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('does not change its inputs', () => {
    const copy = structuredClone(base);
    mergeOverrides(base, { vms: { web1: { cores: 1 } } });
    expect(base).toEqual(copy);
  });
});
