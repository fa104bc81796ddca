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
  let slowestRequestsPerSecond = Infinity;
  for (const name of ['pi-zero-launch', 'eight-pi-cluster']) {
    const entry = findBuiltinScenario(name);
    if (entry === undefined) throw new Error(`no built-in scenario ${name}`);
    const scenario = loadScenarioFile(entry.path);
    const started = performance.now();
    const report = runScenario(scenario);
    const wallSeconds = (performance.now() - started) / 1000;
    const requests = Object.values(report.services).reduce((sum, service) => sum + service.requests, 0);
    const eventsPerSecond = report.run.events / wallSeconds;
    slowestRequestsPerSecond = Math.min(slowestRequestsPerSecond, requests / wallSeconds);
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
  if (!yardsticksAvailable())
    return verdict('NOT CHECKED: the yardsticks in ../shared/bench are missing', false);
  const reference = referenceKernel(2_000_000, 24, 2.5, 50, 42);
  if ('error' in reference)
    return verdict(`NOT CHECKED: the reference kernel failed (${reference.error})`, false);
  const referenceRequestsPerSecond = Number(reference['requests_per_s']);
  const ratio = slowestRequestsPerSecond / referenceRequestsPerSecond;
  console.log(`\nslowest full-twin requests/s / bare reference kernel requests/s: ${ratio.toFixed(3)}`);
  // A request through the twin (CDN, web server, DB, NICs, timeouts) is several kernel events and
  // more work each; a tenth of a bare queue's request rate keeps a 3.5-day run near 20 s here.
  return verdict('the full twin serves at least 0.1× the bare reference kernel’s requests/s', ratio >= 0.1);
}
