import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import { scenarioWith } from './scenarioText.ts';

interface TraceEntry {
  part: string;
  event: string;
  to?: string;
  details?: { backend?: string };
}

/** web2 moved from HEX to SOV, then the CDN told with the step given. */
function afterCrossSiteMove(tell: string) {
  const lines: string[] = [];
  const report = runScenario(
    scenarioWith(`
plan:
  - { name: Stop web2, action: shutdown, vm: web2, mode: graceful, at: 1m }
  - { name: Move web2 to SOV, action: move-vm, vm: web2, to: new-sov }
  - { name: Start web2, action: start, vm: web2 }
  - ${tell}
  - { name: Watch, action: wait, duration: 5m }
`),
    { onTraceLine: (line) => lines.push(line) },
  );
  const entries = lines.map((line) => JSON.parse(line) as TraceEntry);
  const newAddress = entries.find((entry) => entry.part === 'web2' && entry.event === 'addressChanged')?.to;
  const told = entries.filter(
    (entry) => entry.event === 'backendAddress' && entry.details?.backend === 'web2/apache',
  );
  return { report, newAddress, told };
}

describe('update-cdn', () => {
  it('tells the CDN the new address after a cross-site move even when the step gives only a weight', () => {
    const weightOnly = afterCrossSiteMove('{ name: Weight, action: update-cdn, backend: web2, weight: 1 }');
    expect(weightOnly.newAddress).toMatch(/^2a00:1098:0:80:/); // SOV's prefix
    expect(weightOnly.told.map((entry) => [entry.part, entry.to])).toEqual(
      ['mini1', 'mini2', 'mini3', 'mini4'].map((node) => [node, weightOnly.newAddress]),
    );
    // The same as telling it the address outright.
    const explicit = afterCrossSiteMove(
      `{ name: Weight, action: update-cdn, backend: web2, weight: 1, address: '${weightOnly.newAddress ?? ''}' }`,
    );
    expect(weightOnly.report.traceHash).toBe(explicit.report.traceHash);
  });

  it('changes only the weight of a backend whose address has not changed', () => {
    const lines: string[] = [];
    runScenario(
      scenarioWith(`
plan:
  - { name: Drain web2, action: drain, backend: web2, at: 1m }
  - { name: Back, action: update-cdn, backend: web2, weight: 1 }
`),
      { onTraceLine: (line) => lines.push(line) },
    );
    const events = lines.map((line) => (JSON.parse(line) as TraceEntry).event);
    expect(events.filter((event) => event === 'backendAddress')).toEqual([]);
    expect(events.filter((event) => event === 'backendWeight')).toHaveLength(8);
  });
});
