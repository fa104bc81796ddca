import { describe, expect, it } from 'vitest';
import { asymptoticBounds } from '../../../../src/scenarios/capacity/analytic/bounds.ts';
import { serviceDemands } from '../../../../src/scenarios/capacity/analytic/demands.ts';
import { findBuiltinScenario } from '../../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../../src/scenarios/load.ts';
import type { Scenario } from '../../../../src/scenarios/schema/index.ts';

function builtin(name: string): Scenario {
  const entry = findBuiltinScenario(name);
  if (entry === undefined) throw new Error(`no built-in ${name}`);
  return loadScenarioFile(entry.path);
}

const demandOf = (scenario: Scenario, name: string) =>
  serviceDemands(scenario).find((station) => station.name === name)?.demandSeconds ?? Number.NaN;

describe('serviceDemands', () => {
  const zero = builtin('pi-zero-launch');

  it('gives web1 the admin work on top of its half of the public pages', () => {
    expect(demandOf(zero, 'web1/apache')).toBeGreaterThan(demandOf(zero, 'web2/apache'));
    // Half of 6.3 % rendered pages at 0.4 s each is about 12.6 ms per request on web2.
    expect(demandOf(zero, 'web2/apache')).toBeGreaterThan(0.012);
    expect(demandOf(zero, 'web2/apache')).toBeLessThan(0.014);
  });

  it('names a web VM the bottleneck and puts the knee beyond the seed’s 10,000 users', () => {
    const bounds = asymptoticBounds(serviceDemands(zero), zero.workload.thinkTime / 1000);
    expect(bounds.bottleneck).toBe('web1/apache');
    expect(bounds.kneeUsers).toBeGreaterThan(10_000);
  });

  it('responds to the mix: twice the uncached share nearly doubles web2’s demand but not the CDN’s', () => {
    const heavier: Scenario = {
      ...zero,
      workload: { ...zero.workload, mix: { ...zero.workload.mix, uncached: 0.06, cached: 0.72 } },
    };
    expect(demandOf(heavier, 'web2/apache') / demandOf(zero, 'web2/apache')).toBeGreaterThan(1.4);
    expect(demandOf(heavier, 'db1/mysql') / demandOf(zero, 'db1/mysql')).toBeGreaterThan(1.4);
    expect(demandOf(heavier, 'cdn NICs')).toBeCloseTo(demandOf(zero, 'cdn NICs'), 9);
  });

  it('gives the Pis their weight’s share at their slower page time', () => {
    const pi3 = builtin('pi3-launch');
    expect(demandOf(pi3, 'hostingpi2/apache')).toBeGreaterThan(0);
    expect(demandOf(pi3, 'hostingpi2/apache') / demandOf(pi3, 'hostingpi3/apache')).toBeCloseTo(900 / 700, 1);
  });
});
