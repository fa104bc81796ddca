import { describe, expect, it } from 'vitest';
import { reportText } from '../../../src/cli/reportText.ts';
import { Crowd } from '../../../src/model/requests/crowd.ts';
import type { RequestEngine } from '../../../src/model/requests/engine.ts';
import { REQUEST_KINDS } from '../../../src/model/requests/types.ts';
import type { RequestKind } from '../../../src/model/requests/types.ts';
import { accessLogOf } from '../../../src/scenarios/accessLog/attach.ts';
import { withAccessLog } from '../../../src/scenarios/accessLog/loadLog.ts';
import { join } from 'node:path';
import { builtinEstateLibrary, readScenarioFile } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';
import { driveReplay, requestsPerMinute } from '../../../src/scenarios/run/replayDriver.ts';
import { runScenario } from '../../../src/scenarios/run/runScenario.ts';
import type { Scenario } from '../../../src/scenarios/schema/index.ts';
import { Kernel } from '../../../src/sim/kernel.ts';

/** The shipped example's estate and the shipped sample log, in the mode given. */
function replayScenarioText(accessLog: string): string {
  return `
name: replay
seed: 4
duration: 1h
estate:
  extends: raspberrypi-2015
  pageCache: { supercache: true, staticify: 'off' }
  cdn: { staticOffload: 100% }
workload:
  crowd: { shape: constant, users: 0 }
  thinkTime: 60s
  mix: { cached: 100% }
  requestTimeout: 30s
  accessLog: ${accessLog}
`;
}

/** Parsed as `twin run examples/…` would: the log read beside the scenario. */
function replayScenario(accessLog: string) {
  const parsed = parseScenarioText(
    replayScenarioText(accessLog),
    'examples/replay.yaml',
    builtinEstateLibrary,
  );
  const result = withAccessLog(parsed, 'examples/replay.yaml');
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.found}`).join('\n'));
  return result;
}

const SAMPLE = 'access-logs/raspberrypi-2015-11-26.log';

/** The requests a replay submits, by minute and by kind (an engine that only counts). */
function replayed(scenario: Scenario) {
  const kernel = new Kernel({ seed: 4 });
  const perMinute: number[] = [];
  const kinds = new Map<RequestKind, number>();
  const record = (kind: RequestKind): void => {
    const minute = Math.floor(kernel.nowMs / 60_000);
    perMinute[minute] = (perMinute[minute] ?? 0) + 1;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  const crowd = new Crowd(kernel, 10, 100, (kind) => record(REQUEST_KINDS[kind] as RequestKind));
  const engine = {
    submit: record,
    addOpenLoad: (params: Parameters<Crowd['addOpenLoad']>[0]) => crowd.addOpenLoad(params),
    setOpenLoadRate: (handle: number, rate: number) => crowd.setOpenLoadRate(handle, rate),
  } as unknown as RequestEngine;
  driveReplay(kernel, engine, scenario);
  kernel.run({ untilMs: scenario.duration });
  const total = perMinute.reduce((sum, count) => sum + (count ?? 0), 0);
  return { perMinute, kinds, total };
}

describe('replaying the shipped sample log', () => {
  const exact = replayScenario(`{ file: ${SAMPLE}, mode: exact }`);
  const log = accessLogOf(exact.scenario);
  if (log === undefined) throw new Error('no log read');
  const logPerMinute = requestsPerMinute(log);

  it('reads it with its malformed lines counted, as a warning naming the log and the first', () => {
    expect(log.lines).toBe(3996);
    expect(log.malformed).toBe(5);
    expect(log.kinds.length).toBe(3991);
    expect(exact.warnings?.[0]?.found).toContain('5 malformed lines of 3996, skipped');
    expect(exact.warnings?.[0]?.file).toContain('raspberrypi-2015-11-26.log');
  });

  it('exact: every line once, in its own minute, with the log’s classes', () => {
    const run = replayed(exact.scenario);
    expect(run.total).toBe(3991);
    expect(run.perMinute.slice(0, 60)).toEqual(logPerMinute.slice(0, 60));
    const comments = log.kinds.filter((kind) => kind === 'comments').length;
    expect(run.kinds.get('comment')).toBe(comments);
    expect(run.kinds.get('staticAsset')).toBe(log.kinds.filter((kind) => kind === 'static').length);
    // The launch at 08:00 (minute 30) is in the replay: its first minute is several times the quiet ones.
    expect((run.perMinute[30] as number) / (run.perMinute[10] as number)).toBeGreaterThan(3);
  });

  it('scaled ×3: three times every minute, so the bursts keep their shape; ×0.5 thins to about half', () => {
    const tripled = replayed(replayScenario(`{ file: ${SAMPLE}, mode: scaled, scale: 3 }`).scenario);
    expect(tripled.total).toBe(3 * 3991);
    expect(tripled.perMinute.slice(0, 60)).toEqual(logPerMinute.slice(0, 60).map((count) => 3 * count));
    const halved = replayed(replayScenario(`{ file: ${SAMPLE}, mode: scaled, scale: 0.5 }`).scenario);
    // Binomial(3991, 0.5): 1,995.5 ± 32.
    expect(Math.abs(halved.total / 1995 - 1)).toBeLessThan(0.05);
  });

  it('fitted ×2: a Poisson rate per minute twice the log’s, with its mix', () => {
    const fitted = replayed(replayScenario(`{ file: ${SAMPLE}, mode: fitted, scale: 2 }`).scenario);
    // 7,982 expected; a Poisson count's spread is about 1.1 %.
    expect(Math.abs(fitted.total / 7982 - 1)).toBeLessThan(0.03);
    // The launch minute and a quiet one keep their ratio, within Poisson noise.
    const launch = (fitted.perMinute[30] ?? 0) + (fitted.perMinute[31] ?? 0);
    const logLaunch = 2 * ((logPerMinute[30] as number) + (logPerMinute[31] as number));
    expect(Math.abs(launch / logLaunch - 1)).toBeLessThan(0.15);
    const staticShare = log.kinds.filter((kind) => kind === 'static').length / log.kinds.length;
    expect(Math.abs((fitted.kinds.get('staticAsset') ?? 0) / fitted.total - staticShare)).toBeLessThan(0.02);
  });

  it('runs through the twin: the report counts what the replay sent', () => {
    const report = runScenario(exact.scenario);
    const requests = Object.values(report.services).reduce((sum, service) => sum + service.requests, 0);
    expect(requests).toBe(3991);
    expect(report.accessLog).toEqual({
      file: SAMPLE,
      mode: 'exact',
      lines: 3996,
      malformed: 5,
      firstMalformedLine: 501,
    });
    expect(reportText(report)).toContain(
      `replay: ${SAMPLE} (exact): 3,996 lines, 5 malformed and skipped, the first at line 501`,
    );
  });

  it('the shipped example reads its log beside it and replays it three times over', () => {
    const example = readScenarioFile(join(import.meta.dirname, '../../../examples/access-log-replay.yaml'));
    if (!example.ok) throw new Error(example.issues.map((issue) => issue.found).join('\n'));
    expect(accessLogOf(example.scenario)?.kinds.length).toBe(3991);
    expect(replayed(example.scenario).total).toBe(3 * 3991);
  });

  it('says clearly where the log could not be read (as in the browser twin)', () => {
    const parsed = parseScenarioText(
      replayScenarioText(`{ file: ${SAMPLE}, mode: exact }`),
      'replay.yaml',
      builtinEstateLibrary,
    );
    if (!parsed.ok) throw new Error('did not parse');
    expect(() => runScenario(parsed.scenario)).toThrow(/cannot read files beside a scenario.*npx twin run/);
  });
});
