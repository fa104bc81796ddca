import { describe, expect, it } from 'vitest';
import { reportText } from '../../../src/cli/reportText.ts';
import { findBuiltinScenario } from '../../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../../src/scenarios/load.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';

/** `npm start` runs this scenario. */
const entry = findBuiltinScenario('february-2017-migration');
if (entry === undefined) throw new Error('no february-2017-migration');
const scenario = loadScenarioFile(entry.path);
const report = runScenario(scenario);

describe("the users table and the checks of npm start's scenario", () => {
  const www = report.services['www'];
  const staticFiles = report.services['static'];
  if (www === undefined || staticFiles === undefined) throw new Error('no www or static service');

  it('shows static files on their own row, out of the pages', () => {
    expect(staticFiles.requests).toBeGreaterThan(0);
    // The mix gives static files 18.5 % of requests and pages and comments most of the rest.
    const share = staticFiles.requests / (staticFiles.requests + www.requests);
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.22);
  });

  it('counts in "No failed page views" exactly what the table shows as www lost reads', () => {
    const lostReads = www.failed + www.timedOut - www.failedWrites;
    const check = report.checks.find((candidate) => candidate.name === 'No failed page views');
    expect(check?.actual).toBe(lostReads);
    const row = reportText(report)
      .split('\n')
      .find((line) => line.startsWith('www '));
    const cells = row?.trim().split(/\s+/) ?? [];
    // service, requests, answered, failed, timed out, lost reads, lost writes, …
    expect(cells[5]).toBe(lostReads.toLocaleString('en-GB'));
    expect(cells[6]).toBe(www.failedWrites.toLocaleString('en-GB'));
  });
});
