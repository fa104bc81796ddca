import { describe, expect, it } from 'vitest';
import { createModelContext } from '../../../src/model/part.ts';
import { Network } from '../../../src/model/network.ts';
import { RequestEngine } from '../../../src/model/requests/engine.ts';
import { PART_KINDS } from '../../../src/scenarios/parts/registry.ts';
import { emptyEstateBuild } from '../../../src/scenarios/parts/types.ts';
import type { EstateBuild, PartKind } from '../../../src/scenarios/parts/types.ts';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';
import { buildEstate } from '../../../src/scenarios/run/buildEstate.ts';
import { Kernel } from '../../../src/sim/kernel.ts';

/** The eight-Pi estate with a shelf and both sites' VMs: every part kind has parts in it. */
function everyKindScenario(): Scenario {
  const text = `name: every-kind
seed: 3
duration: 1m
estate:
  extends: raspberrypi-2016-pi-cluster
  shelves:
    shelf1: { site: HEX, size: 108, installed: 12, model: pi3, fans: 2, coldAisle: 22C, criticalTemperature: 85C }
  pis:
    pi1: { shelf: shelf1 }
workload:
  crowd: { shape: constant, users: 10 }
  thinkTime: 30s
  mix: { cached: 100% }
  requestTimeout: 30s
`;
  const result = parseScenarioText(text, 'every-kind.yaml', builtinEstateLibrary);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  return result.scenario;
}

function emptyBuild(scenario: Scenario): EstateBuild {
  const context = createModelContext(new Kernel({ seed: 1 }));
  const network = new Network();
  return emptyEstateBuild(
    context,
    scenario,
    network,
    new RequestEngine(context, network, { userTimeoutMs: 30_000 }),
  );
}

describe('the part-kind registry', () => {
  it('builds every part the estate names, one loop over the kinds', () => {
    const scenario = everyKindScenario();
    const estate = buildEstate(createModelContext(new Kernel({ seed: 1 })), scenario);
    const kinds = new Map(estate.context.parts.all().map((record) => [record.id, record.kind]));
    expect(kinds.get('old-hex')).toBe('vmHost');
    expect(kinds.get('web1')).toBe('vm');
    expect(kinds.get('web1/apache')).toBe('webServer');
    expect(kinds.get('pi1/apache')).toBe('webServer');
    expect(kinds.get('fileserver')).toBe('nfsServer');
    expect(kinds.get('pi-switch')).toBe('networkSwitch');
    expect(kinds.get('pi1')).toBe('raspberryPi.pi3');
    // Eleven unlisted Pis beside pi1, for their heat.
    expect(kinds.get('shelf1-pi12')).toBe('raspberryPi.pi3');
    expect(kinds.has('shelf1-pi13')).toBe(false);
    expect(kinds.get('shelf1')).toBe('shelf');
    expect(estate.pis.shelves.size).toBe(1);
    for (const id of Object.keys(scenario.estate.cdn.nodes)) expect(kinds.get(id)).toBe('cdnNode');
  });

  it('lists the kinds in dependency order: built in any other order, a kind misses the parts it needs', () => {
    const scenario = everyKindScenario();
    const ordered = emptyBuild(scenario);
    for (const kind of PART_KINDS) kind.build(ordered);
    expect(ordered.cdnNodes.size).toBeGreaterThan(0);
    const reversed = emptyBuild(scenario);
    const build = (kind: PartKind): void => kind.build(reversed);
    expect(() => [...PART_KINDS].reverse().forEach(build)).toThrow();
  });

  it("declares each kind's crash rule as the one its model parts count crashes by", () => {
    const estate = buildEstate(createModelContext(new Kernel({ seed: 1 })), everyKindScenario());
    const counting = new Map(
      estate.context.parts.all().map((record) => [record.kind, record.crashes !== undefined]),
    );
    const byLabel = new Map(PART_KINDS.map((kind) => [kind.label, kind.crashRule !== 'none']));
    expect(byLabel.get('VM host')).toBe(counting.get('vmHost'));
    expect(byLabel.get('VM')).toBe(counting.get('vm'));
    expect(byLabel.get('Raspberry Pi')).toBe(counting.get('raspberryPi.pi3'));
    expect(byLabel.get('web server')).toBe(counting.get('webServer'));
    expect(byLabel.get('CDN node')).toBe(counting.get('cdnNode'));
    expect(byLabel.get('MySQL server')).toBe(counting.get('mysql'));
    expect(byLabel.get('switch')).toBe(counting.get('networkSwitch'));
    expect(byLabel.get('NFS server')).toBe(counting.get('nfsServer'));
    expect(byLabel.get('shelf')).toBe(counting.get('shelf'));
  });
});
