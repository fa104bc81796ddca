import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { checkProperty } from '../../support/property.ts';

/**
 * Validate ok implies run builds the estate: estates drawn around every limit the model's
 * constructors assert (shelf room, fans, Pis installed, hot-aisle rise, critical temperature, Pi
 * power, switch ports and VLANs) either fail validation or run to a report, never a crash.
 */
/** Mostly values the model accepts, sometimes one just outside, so both sides of each limit are drawn. */
function mostly<T>(inside: fc.Arbitrary<T>, outside: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: inside, weight: 6 }, { arbitrary: outside, weight: 1 });
}

const shelfArbitrary = fc.record({
  coldAisle: mostly(fc.integer({ min: 18, max: 27 }), fc.constantFrom(10, 17, 28, 35)),
  fans: mostly(fc.integer({ min: 1, max: 16 }), fc.constantFrom(0, 17, 20)),
  installed: mostly(fc.integer({ min: 1, max: 108 }), fc.constantFrom(0, 109)),
  rise: fc.option(mostly(fc.double({ min: 0.5, max: 8, noNaN: true }), fc.constantFrom(100, 1000)), {
    nil: undefined,
  }),
  critical: mostly(fc.integer({ min: 85, max: 100 }), fc.constantFrom(60, 79, 80, 84)),
  model: fc.constantFrom('pi2', 'pi3'),
});
const piArbitrary = fc.record({
  power: fc.option(mostly(fc.double({ min: 1.5, max: 6, noNaN: true }), fc.constantFrom(0.2, 1, 1.49)), {
    nil: undefined,
  }),
  port: mostly(fc.constantFrom(1, 9, 24, 511, 512), fc.constantFrom(513, 600)),
  untagged: mostly(fc.constantFrom(10, 30), fc.constant(131)),
  tagged: mostly(fc.constantFrom('[131]', '[]'), fc.constantFrom('[30, 131]', '[10, 131]')),
  onShelf: fc.boolean(),
});

type ShelfDraw = typeof shelfArbitrary extends fc.Arbitrary<infer T> ? T : never;
type PiDraw = typeof piArbitrary extends fc.Arbitrary<infer T> ? T : never;

function scenarioText(shelf: ShelfDraw, pi: PiDraw): string {
  const rise = shelf.rise === undefined ? '' : `, hotAisleRise: ${shelf.rise.toFixed(2)}C`;
  const power = pi.power === undefined ? '' : `, power: ${pi.power.toFixed(2)}W`;
  const onShelf = pi.onShelf ? ', shelf: shelf1' : '';
  return `name: limits
seed: 1
duration: 1m
estate:
  extends: raspberrypi-2016-pi-cluster
  shelves:
    shelf1: { site: HEX, size: 108, installed: ${shelf.installed}, model: ${shelf.model}, fans: ${shelf.fans}, coldAisle: ${shelf.coldAisle}C, criticalTemperature: ${shelf.critical}C${rise} }
  switches:
    pi-switch: { ports: { '${pi.port}': { untaggedVlan: ${pi.untagged}, taggedVlans: ${pi.tagged}, poe: true } } }
  pis:
    pi1: { model: pi3, web: { cpu: pi3, php: '7' }, port: ${pi.port}${power}${onShelf} }
workload:
  crowd: { shape: constant, users: 5 }
  thinkTime: 30s
  mix: { cached: 100% }
  requestTimeout: 30s
`;
}

describe('validate ok implies run (estate limits)', () => {
  it('an estate validate accepts always builds and runs', () => {
    let valid = 0;
    checkProperty(
      fc.property(shelfArbitrary, piArbitrary, (shelf, pi) => {
        const result = parseScenarioText(scenarioText(shelf, pi), 'limits.yaml', builtinEstateLibrary);
        if (!result.ok) return;
        valid++;
        expect(runScenario(result.scenario).traceHash).toMatch(/^[0-9a-f]{64}$/);
      }),
      150,
    );
    // The draws must exercise runs, not only refusals.
    expect(valid).toBeGreaterThan(5);
  });
});
