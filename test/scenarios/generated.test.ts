import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { builtinEstateLibrary } from '../../src/scenarios/load.ts';
import { parseScenarioText } from '../../src/scenarios/parse.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';
import { checkProperty, propertySeed } from '../support/property.ts';
import { scenarioArbitrary } from './generated/arbitraries.ts';
import { builtinEstateIds } from './generated/estateIds.ts';

/** Generated scenarios in CI; FC_RUNS raises it for a longer search. */
const RUNS = Number(process.env['FC_RUNS'] ?? 500);

describe('generated scenarios', () => {
  it(`validate ok implies the run ends with a report, never an internal error (${RUNS} cases, seed ${propertySeed})`, () => {
    const estates = builtinEstateIds();
    let validated = 0;
    checkProperty(
      fc.property(scenarioArbitrary(estates), (data) => {
        const text = stringify(data);
        const parsed = parseScenarioText(text, 'generated.yaml', builtinEstateLibrary);
        if (!parsed.ok) return true;
        validated++;
        let report;
        try {
          report = runScenario(parsed.scenario, { file: 'generated.yaml' });
        } catch (error) {
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
          throw new Error(`validate said ok, then the run threw:\n${message}\nscenario:\n${text}`, {
            cause: error,
          });
        }
        expect(typeof report.ok).toBe('boolean');
        expect(report.traceHash).toMatch(/^[0-9a-f]{64}$/);
        return true;
      }),
      RUNS,
    );
    // Most generated scenarios must be valid, or the property would say little about runs.
    expect(validated / RUNS).toBeGreaterThan(0.5);
  }, 600_000);
});
