import { describe, expect, it } from 'vitest';
import { MEMORY_BUDGET_BYTES, estimateScenario } from '../../src/scenarios/budget.ts';
import { builtinEstateLibrary } from '../../src/scenarios/load.ts';
import { parseScenarioText } from '../../src/scenarios/parse.ts';

function shelvesText(count: number): string {
  let text = '  shelves:\n';
  for (let index = 0; index < count; index++)
    text += `    s${index}: { site: HEX, size: 108, installed: 108, model: pi3, fans: 2, coldAisle: 22C, criticalTemperature: 85C }\n`;
  return text;
}

function scenarioText(options: { shelves?: number; users?: number; duration?: string } = {}): string {
  return `name: budget
seed: 1
duration: ${options.duration ?? '1h'}
estate:
  extends: raspberrypi-2017
${options.shelves === undefined ? '' : shelvesText(options.shelves)}workload:
  crowd: { shape: constant, users: ${options.users ?? 100} }
  thinkTime: 30s
  mix: { cached: 100% }
  requestTimeout: 30s
`;
}

function parse(text: string) {
  return parseScenarioText(text, 'budget.yaml', builtinEstateLibrary);
}

describe('the memory and event budget', () => {
  it('grows with the Pis, the users and the run, each by its own share', () => {
    const estimate = (options: Parameters<typeof scenarioText>[0]) => {
      const result = parse(scenarioText(options));
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      return estimateScenario(result.scenario);
    };
    const small = estimate({ shelves: 1 });
    const moreShelves = estimate({ shelves: 10 });
    expect(moreShelves.pis - small.pis).toBe(9 * 108);
    // Several kilobytes a Pi: the measured 9.3 KB, rounded up.
    const perPi = (moreShelves.bytes - small.bytes) / (9 * 108);
    expect(perPi).toBeGreaterThan(9_000);
    expect(perPi).toBeLessThan(20_000);
    expect(estimate({ users: 100_000 }).bytes).toBeGreaterThan(estimate({ users: 100 }).bytes + 5e6);
    const longer = estimate({ duration: '10h' });
    expect(longer.events).toBeCloseTo(10 * estimate({}).events, -3);
  });

  it('refuses at validation an estate that would not fit, naming the shelves and giving the figure', () => {
    // About 2,000 shelves of 108 Pis would need well over the budget's 1.6 GB.
    const result = parse(scenarioText({ shelves: 2_000 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((candidate) => candidate.path === 'estate.shelves');
    expect(issue?.found).toMatch(/^a scenario estimated at [\d,]+ MB of memory \(216,000 Pis/);
    expect(issue?.expected).toContain(`${Math.ceil(MEMORY_BUDGET_BYTES / 1e6).toLocaleString('en-GB')} MB`);
    expect(parse(scenarioText({ shelves: 100 })).ok).toBe(true);
  });
});
