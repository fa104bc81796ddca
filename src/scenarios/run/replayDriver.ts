import type { RequestEngine } from '../../model/requests/engine.ts';
import { REQUEST_KINDS } from '../../model/requests/types.ts';
import type { RequestKind } from '../../model/requests/types.ts';
import type { Kernel } from '../../sim/kernel.ts';
import type { RandomStream } from '../../sim/random.ts';
import { AccessLogNotReadError, accessLogOf } from '../accessLog/attach.ts';
import type { AccessLog } from '../accessLog/readLog.ts';
import type { Report } from '../report.ts';
import type { PageKind, Scenario } from '../schema/index.ts';
import { PAGE_KINDS } from '../schema/index.ts';
import { driveArrivals } from './arrivalDriver.ts';
import { requestMixOf } from './requestMix.ts';

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;

/**
 * Replays the scenario's access log, if it has one, beside the crowd and arrivals. Time 0 of the
 * run is the log's first second; lines after the run's end are not replayed.
 * - exact: each line once, at its second plus a uniform draw within it (the log's resolution).
 * - scaled: each line ⌊K⌋ times, and once more with probability K − ⌊K⌋ (so K < 1 thins the log),
 *   each copy at its own draw within the line's second: the bursts stay where they were, K times
 *   as tall.
 * - fitted: the log's requests per minute × K as a Poisson rate (a per-minute table of arrivals)
 *   with the log's mix of classes: its rate and mix, without its exact bursts.
 */
export function driveReplay(kernel: Kernel, engine: RequestEngine, scenario: Scenario): void {
  const spec = scenario.workload.accessLog;
  if (spec === undefined) return;
  const log = accessLogOf(scenario);
  if (log === undefined) throw new AccessLogNotReadError(spec.file);
  const scale = spec.mode === 'exact' ? 1 : (spec.scale ?? 1);
  const kindsByClass = requestKindsByClass(scenario);
  if (spec.mode === 'fitted') {
    const perMinute = requestsPerMinute(log).map((count) => (count * scale) / MS_PER_MINUTE);
    const mix = classShares(log);
    const requestMix = requestMixOf(mix, scenario.estate.pageCache, scenario.estate.cdn.staticOffload);
    driveArrivals(kernel, engine, { shape: 'table', perMinute }, requestMix, scenario.duration);
    return;
  }
  const jitter = kernel.random.stream('replay.jitter');
  const kindDraw = kernel.random.stream('replay.kind');
  const submit = (pageKind: PageKind): void => engine.submit(drawKind(kindsByClass[pageKind], kindDraw));
  // One callback per second of the log that holds a line, each scheduling that second's requests:
  // bounded by the log's lines (ACCESS_LOG_LINES_MAX) times the scale.
  let next = 0;
  const replaySecond = (): void => {
    const second = log.offsetsSeconds[next] as number;
    for (; next < log.offsetsSeconds.length && log.offsetsSeconds[next] === second; next++) {
      const pageKind = log.kinds[next] as PageKind;
      const copies = Math.floor(scale) + (jitter.next() < scale - Math.floor(scale) ? 1 : 0);
      for (let copy = 0; copy < copies; copy++)
        kernel.scheduleCallback(jitter.uniform(0, MS_PER_SECOND), () => submit(pageKind));
    }
    const nextMs = (log.offsetsSeconds[next] ?? Infinity) * MS_PER_SECOND;
    if (nextMs < scenario.duration) kernel.scheduleCallbackAt(nextMs, replaySecond);
  };
  if (log.offsetsSeconds.length > 0) kernel.scheduleCallbackAt(0, replaySecond);
}

/** What the report says of the replayed log: its lines and the malformed ones skipped. */
export function accessLogReport(scenario: Scenario): Pick<Report, 'accessLog'> {
  const spec = scenario.workload.accessLog;
  const log = accessLogOf(scenario);
  if (spec === undefined || log === undefined) return {};
  const first = log.firstMalformed?.line;
  return {
    accessLog: {
      file: spec.file,
      mode: spec.mode,
      lines: log.lines,
      malformed: log.malformed,
      ...(first === undefined ? {} : { firstMalformedLine: first }),
    },
  };
}

/** Requests in each minute of the log, from its first second. */
export function requestsPerMinute(log: AccessLog): number[] {
  const counts: number[] = [];
  for (const offset of log.offsetsSeconds) {
    const minute = Math.floor(offset / 60);
    while (counts.length <= minute) counts.push(0);
    counts[minute] = (counts[minute] as number) + 1;
  }
  return counts;
}

/** The log's share of requests in each class. */
export function classShares(log: AccessLog): Partial<Record<PageKind, number>> {
  const shares: Partial<Record<PageKind, number>> = {};
  for (const kind of log.kinds) shares[kind] = (shares[kind] ?? 0) + 1 / log.kinds.length;
  return shares;
}

/** For each class, its request kinds' running weights (a class can be two kinds, e.g. static). */
function requestKindsByClass(scenario: Scenario): Record<PageKind, Float64Array> {
  const { pageCache, cdn } = scenario.estate;
  const byClass = {} as Record<PageKind, Float64Array>;
  for (const pageKind of PAGE_KINDS) {
    const mix = requestMixOf({ [pageKind]: 1 }, pageCache, cdn.staticOffload);
    let total = 0;
    byClass[pageKind] = Float64Array.from(REQUEST_KINDS, (kind) => (total += mix[kind] ?? 0));
  }
  return byClass;
}

function drawKind(cumulative: Float64Array, stream: RandomStream): RequestKind {
  const target = stream.next() * (cumulative[cumulative.length - 1] as number);
  const index = cumulative.findIndex((running) => target < running);
  return REQUEST_KINDS[index < 0 ? cumulative.length - 1 : index] as RequestKind;
}
