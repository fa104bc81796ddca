import { findBuiltinScenario } from '../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../src/scenarios/load.ts';
import { runScenario } from '../src/scenarios/run/runScenario.ts';
import { printTable, verdict } from './report.ts';
import { referenceKernel, yardsticksAvailable } from './yardsticks.ts';

/**
 * A launch day through the whole twin: the Pi Zero launch (10,000 simultaneous users at the peak,
 * 003_fadcec8afe75cc12.txt) and the eight-Pi cluster's 3.5 days (004_b8bc5fb3cdb64335.txt), from
 * scenario file to report. Prints requests and events per wall second and how far simulated time
 * runs ahead of real time, beside the bare reference kernel's event rate on this machine.
 */
export function launchBench(): boolean {
  const rows: string[][] = [];
  let slowestEventsPerSecond = Infinity;
  for (const name of ['pi-zero-launch', 'eight-pi-cluster']) {
    const entry = findBuiltinScenario(name);
    if (entry === undefined) throw new Error(`no built-in scenario ${name}`);
    const scenario = loadScenarioFile(entry.path);
    const started = performance.now();
    const report = runScenario(scenario);
    const wallSeconds = (performance.now() - started) / 1000;
    const requests = Object.values(report.services).reduce((sum, service) => sum + service.requests, 0);
    const eventsPerSecond = report.run.events / wallSeconds;
    slowestEventsPerSecond = Math.min(slowestEventsPerSecond, eventsPerSecond);
    rows.push([
      name,
      `${(report.durationSeconds / 3600).toFixed(1)} h`,
      requests.toLocaleString('en-GB'),
      wallSeconds.toFixed(2),
      Math.round(requests / wallSeconds).toLocaleString('en-GB'),
      Math.round(eventsPerSecond).toLocaleString('en-GB'),
      `${Math.round(report.durationSeconds / wallSeconds).toLocaleString('en-GB')}×`,
    ]);
  }
  printTable(
    ['scenario', 'simulated', 'requests', 'wall s', 'requests/s', 'events/s', 'faster than real time'],
    rows,
  );
  if (!yardsticksAvailable()) return true;
  const reference = referenceKernel(2_000_000, 24, 2.5, 50, 42);
  if ('error' in reference) return true;
  const referenceEventsPerSecond = Number(reference['events_per_s']);
  const ratio = slowestEventsPerSecond / referenceEventsPerSecond;
  console.log(`\nslowest full-twin events/s / bare reference kernel events/s: ${ratio.toFixed(3)}`);
  // The whole request path (CDN, web server, DB, NICs, checks) costs several times a bare queue's
  // event; a tenth of the bare kernel's rate keeps a 3.5-day run well under a minute.
  return verdict('the full twin processes at least 0.1× the bare reference kernel’s events/s', ratio >= 0.1);
}
