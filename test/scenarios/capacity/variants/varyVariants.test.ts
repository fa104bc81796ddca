import { describe, expect, it } from 'vitest';
import { rawScenario } from '../../../../src/scenarios/capacity/variants/rawScenario.ts';
import { varyVariants } from '../../../../src/scenarios/capacity/variants/varyVariants.ts';
import { builtinEstateLibrary } from '../../../../src/scenarios/load.ts';

const TEXT = `name: mix
seed: 7
duration: 1m
estate:
  extends: raspberrypi-2015
workload:
  crowd: { shape: constant, users: 600 }
  arrivals:
    rate: { shape: constant, rate: 10/s }
    mix: { cached: 50%, static: 50% }
  thinkTime: 30s
  mix: { cached: 60%, uncached: 20%, static: 20% }
  requestTimeout: 30s
`;
const raw = rawScenario(TEXT, 'mix.yaml', builtinEstateLibrary)!;
const vary = (...texts: string[]) => varyVariants(raw, texts, 'mix.yaml', builtinEstateLibrary);

describe('twin capacity --vary points as variants', () => {
  it('sets a mix share and scales the shares left alone to fill the rest, in proportion', () => {
    const result = vary('workload.mix.uncached=40%,0%');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [forty, none] = result.variants.map((each) => each.scenario.workload.mix);
    // 60 % and 20 % left alone (3 : 1) fill 60 % at 40 % uncached, and 100 % at 0 %.
    expect(forty?.uncached).toBeCloseTo(0.4, 12);
    expect(forty?.cached).toBeCloseTo(0.45, 12);
    expect(forty?.static).toBeCloseTo(0.15, 12);
    expect(none?.cached).toBeCloseTo(0.75, 12);
    expect(none?.static).toBeCloseTo(0.25, 12);
    expect(result.variants.map((each) => each.variant.name)).toEqual([
      'workload.mix.uncached=40%',
      'workload.mix.uncached=0%',
    ]);
    expect(result.variants[0]?.variant.description).toContain('cached 45%, static 15%');
    // Shares are written exactly and shown to three significant figures.
    const third = vary('workload.mix.uncached=10%');
    if (!third.ok) throw new Error(JSON.stringify(third.issues));
    expect(third.variants[0]?.variant.description).toContain('cached 67.5%, static 22.5%');
  });

  it('balances each mix on its own and makes a grid of several --vary', () => {
    const result = vary('workload.arrivals.mix.static=20%', 'workload.mix.static=10%,30%');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants).toHaveLength(2);
    const arrivalsMix = result.variants[0]?.scenario.workload.arrivals?.mix;
    expect(arrivalsMix?.cached).toBeCloseTo(0.8, 12);
    // The crowd's mix at 30 % static: 60 % and 20 % (3 : 1) fill 70 %.
    const crowdMix = result.variants[1]?.scenario.workload.mix;
    expect(crowdMix?.cached).toBeCloseTo(0.525, 12);
    expect(crowdMix?.uncached).toBeCloseTo(0.175, 12);
  });

  it('changes other paths as written, without touching the mix', () => {
    const result = vary('workload.thinkTime=10s,60s');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants.map((each) => each.scenario.workload.thinkTime)).toEqual([10_000, 60_000]);
    expect(result.variants[0]?.scenario.workload.mix.cached).toBeCloseTo(0.6, 12);
  });

  it('refuses a share over 100 %, a value that is not one, and a malformed --vary, naming each', () => {
    const over = vary('workload.mix.uncached=120%');
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.issues[0]?.file).toBe('mix.yaml (--vary workload.mix.uncached=120%)');
    const word = vary('workload.mix.uncached=lots');
    expect(word.ok).toBe(false);
    if (!word.ok) expect(word.issues[0]?.path).toBe('workload.mix.uncached');
    const malformed = vary('workload.mix.uncached');
    expect(malformed.ok).toBe(false);
    if (!malformed.ok)
      expect(malformed.issues[0]).toMatchObject({ file: '--vary', found: '"workload.mix.uncached"' });
  });
});
