import { describe, expect, it } from 'vitest';
import { findBuiltinScenario } from '../../../../src/scenarios/builtin/index.ts';
import { degradedVariants } from '../../../../src/scenarios/capacity/variants/degradedVariants.ts';
import { applyOverrides, parseUserVariant } from '../../../../src/scenarios/capacity/variants/overrides.ts';
import { rawScenario } from '../../../../src/scenarios/capacity/variants/rawScenario.ts';
import type { RawScenario } from '../../../../src/scenarios/capacity/variants/rawScenario.ts';
import { resolveVariants } from '../../../../src/scenarios/capacity/variants/resolveVariants.ts';
import { builtinEstateLibrary, readTextFile } from '../../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../../src/scenarios/parse.ts';

function raw(name: string): RawScenario {
  const path = findBuiltinScenario(name)!.path;
  const text = readTextFile(path);
  if (!text.ok) throw new Error(`cannot read ${name}`);
  return rawScenario(text.text, path, builtinEstateLibrary)!;
}

const resolve = (name: string, whatIf: string[], degraded = false) =>
  resolveVariants(raw(name), { whatIf, degraded, shownAs: name }, builtinEstateLibrary);

describe('built-in what-if variants', () => {
  it('adds a Pi to pi3-launch on the next port, with its own VLAN and the copied Pi’s weight', () => {
    const result = resolve('pi3-launch', ['add-pi']);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const scenario = result.variants.whatIf[0]!.scenario;
    expect(Object.keys(scenario.estate.pis ?? {}).sort()).toEqual(['added-pi', 'hostingpi2', 'hostingpi3']);
    const added = scenario.estate.pis!['added-pi']!;
    expect(added.model).toBe('pi3');
    expect(added.port).toBe(3);
    expect(scenario.estate.cdn.backends['added-pi']?.weight).toBe(1);
    // 3 of 25 weight on Pis where the seed had 2 of 24: "about 1 in 12".
    const weights = Object.values(scenario.estate.cdn.backends).map((backend) => backend.weight);
    expect(weights.reduce((sum, weight) => sum + weight, 0)).toBe(25);
  });

  it('says add-pi does not apply where the CDN sends to no Pi, and runs nothing for it', () => {
    const result = resolve('pi-zero-launch', ['add-pi']);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants.whatIf).toEqual([]);
    expect(result.variants.notApplicable[0]?.name).toBe('add-pi');
  });

  it('doubles the web VMs’ cores and grows their host to fit them', () => {
    const result = resolve('pi-zero-launch', ['double-cores']);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const estate = result.variants.whatIf[0]!.scenario.estate;
    expect(estate.vms['web1']?.cores).toBe(48);
    expect(estate.vms['db1']?.cores).toBe(8);
    expect(estate.hosts['old-hex']?.cores).toBe(48 + 48 + 8);
  });

  it('validates every built-in on pi3-launch as twin run would', () => {
    const result = resolve('pi3-launch', ['all']);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.variants.whatIf.map((each) => each.variant.name).sort()).toEqual([
      'add-cdn-node',
      'add-pi',
      'double-cores',
      'php-5.6',
      'php-7',
      'staticify-off',
    ]);
  });
});

describe('user variants', () => {
  it('parses NAME:PATH=VALUE,PATH=VALUE with YAML scalars', () => {
    const parsed = parseUserVariant('bigger:estate.vms.web1.cores=48,estate.pageCache.staticify=off');
    expect(parsed).toEqual({
      ok: true,
      variant: {
        name: 'bigger',
        description: 'estate.vms.web1.cores=48,estate.pageCache.staticify=off',
        overrides: [
          { path: 'estate.vms.web1.cores', value: 48 },
          { path: 'estate.pageCache.staticify', value: 'off' },
        ],
      },
    });
    expect(parseUserVariant('no-colon').ok).toBe(false);
    expect(parseUserVariant('x:path').ok).toBe(false);
  });

  it('refuses a variant the scenario validation refuses, naming the variant, path, found and expected', () => {
    const result = resolve('pi-zero-launch', ['broken:estate.vms.web1.cores=-3']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.file).toBe('pi-zero-launch (what-if broken)');
    expect(result.issues[0]?.path).toBe('estate.vms.web1.cores');
    expect(result.issues[0]?.found).toContain('-3');
  });

  it('refuses an unknown name and a name given twice', () => {
    const unknown = resolve('pi-zero-launch', ['add-a-rack']);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0]?.expected).toContain('add-pi');
    const twice = resolve('pi-zero-launch', ['php-7', 'php-7']);
    expect(twice.ok).toBe(false);
  });

  it('writes overrides into a copy and refuses a path to an object’s prototype', () => {
    const base = raw('pi-zero-launch');
    const before = JSON.stringify(base);
    const applied = applyOverrides(base, [{ path: 'estate.vms.web1.cores', value: 2 }]);
    expect(applied.ok).toBe(true);
    expect(JSON.stringify(base)).toBe(before);
    expect(applyOverrides(base, [{ path: 'estate.__proto__.x', value: 1 }]).ok).toBe(false);
    expect(applyOverrides(base, [{ path: 'name.x', value: 1 }])).toEqual({ ok: false, path: 'name.x' });
  });
});

describe('degraded modes', () => {
  it('loses each web server and CDN node of the Pi Zero launch, one at a time', () => {
    expect(degradedVariants(raw('pi-zero-launch')).map((variant) => variant.name)).toEqual([
      'web1-down',
      'web2-down',
      'mini1-down',
      'mini2-down',
      'mini3-down',
      'mini4-down',
    ]);
  });

  it('turns a lost CDN node into a fault for the whole run and a lost web server into one backend fewer', () => {
    const result = resolve('pi-zero-launch', [], true);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const byName = new Map(result.variants.degraded.map((each) => [each.variant.name, each.scenario]));
    expect(Object.keys(byName.get('web2-down')!.estate.cdn.backends)).toEqual(['web1']);
    expect(byName.get('mini1-down')!.faults).toEqual([
      expect.objectContaining({ kind: 'cdn-node-failure', target: 'mini1', at: 0 }),
    ]);
  });

  it('loses a shelf’s fan where the scenario has a shelf', () => {
    const names = degradedVariants(raw('shelf-dual-fan-failure')).map((variant) => variant.name);
    expect(names.filter((name) => name.endsWith('-fan-down')).length).toBeGreaterThan(0);
  });
});

describe('the whatIf: section', () => {
  const text = (section: string) => `name: with-variants
seed: 1
duration: 1m
estate:
  extends: raspberrypi-2015
workload:
  crowd: { shape: constant, users: 100 }
  thinkTime: 30s
  mix: { cached: 80%, uncached: 20% }
  requestTimeout: 30s
${section}`;
  const fromText = (source: string, whatIf: string[] = []) =>
    resolveVariants(
      rawScenario(source, 'with-variants.yaml', builtinEstateLibrary)!,
      { whatIf, degraded: false, shownAs: 'with-variants.yaml' },
      builtinEstateLibrary,
    );

  it('runs the file’s variants when the command line names none, and by name when it does', () => {
    const source = text(
      'whatIf:\n  bigger-db: { estate.vms.db1.cores: 16 }\n  no-cache: { estate.pageCache.supercache: false }\n',
    );
    expect(parseScenarioText(source, 'with-variants.yaml', builtinEstateLibrary).ok).toBe(true);
    const all = fromText(source);
    if (!all.ok) throw new Error(JSON.stringify(all.issues));
    expect(all.variants.whatIf.map((each) => each.variant.name)).toEqual(['bigger-db', 'no-cache']);
    expect(all.variants.whatIf[0]?.scenario.estate.vms['db1']?.cores).toBe(16);
    const one = fromText(source, ['no-cache']);
    if (!one.ok) throw new Error(JSON.stringify(one.issues));
    expect(one.variants.whatIf.map((each) => each.variant.name)).toEqual(['no-cache']);
  });

  it('refuses a bad path in the file when the file is loaded, and a bad value when the variant is built', () => {
    const badPath = parseScenarioText(
      text('whatIf:\n  x: { "no spaces": 1 }\n'),
      'f.yaml',
      builtinEstateLibrary,
    );
    expect(badPath.ok).toBe(false);
    const badValue = fromText(text('whatIf:\n  tiny: { estate.vms.web1.cores: 0 }\n'));
    expect(badValue.ok).toBe(false);
    if (!badValue.ok) expect(badValue.issues[0]?.file).toBe('with-variants.yaml (what-if tiny)');
  });
});
