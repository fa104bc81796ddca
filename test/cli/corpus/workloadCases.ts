import { withChange } from './base.ts';
import type { BadInputCase } from './cases.ts';

/** A case for `twin validate bad.yaml` whose message must name bad.yaml and the path. */
function atPath(name: string, text: string, path: string, ...fragments: string[]): BadInputCase {
  return {
    name,
    files: { 'bad.yaml': text },
    args: ['validate', 'bad.yaml'],
    exit: 2,
    file: 'bad.yaml',
    path,
    fragments,
  };
}

const GOOD_LINE =
  '203.0.113.7 - - [26/Nov/2015:08:00:05 +0000] "GET /blog/ HTTP/1.1" 200 5120 "-" "Mozilla/5.0"';

const arrivals = (rate: Record<string, unknown>, mix?: Record<string, unknown>) =>
  withChange(['workload', 'arrivals'], mix === undefined ? { rate } : { rate, mix });

/** Bad open arrivals and page-time distributions: each names its path, what it found and what it expected. */
export const workloadCases: BadInputCase[] = [
  atPath(
    'arrivals of an unknown shape',
    arrivals({ shape: 'wave', rate: '5/s' }),
    'workload.arrivals.rate',
    '"constant", "ramp", "launch" or "table"',
  ),
  atPath(
    'an arrival rate without a period',
    arrivals({ shape: 'constant', rate: 50 }),
    'workload.arrivals.rate.rate',
    'found 50',
    'an event rate such as 12/h',
  ),
  atPath(
    'a launch of arrivals whose peak is below its baseline',
    arrivals({ shape: 'launch', baseline: '50/s', peak: '10/s', at: '1m', rampUp: '0s', decay: '1m' }),
    'workload.arrivals.rate.peak',
    'found 10/s, below the baseline of 50/s',
    'a peak at least the baseline',
  ),
  atPath(
    'a ramp of arrivals starting after the run',
    arrivals({ shape: 'ramp', from: '1/s', to: '9/s', start: '1h', over: '1m' }),
    'workload.arrivals.rate.start',
    'not before the end of the run',
  ),
  atPath(
    'an empty per-minute table of arrivals',
    arrivals({ shape: 'table', perMinute: [] }),
    'workload.arrivals.rate.perMinute',
    'a list of at least one rate',
  ),
  atPath(
    'an arrivals mix that does not add up',
    arrivals({ shape: 'constant', rate: '5/s' }, { cached: '60%' }),
    'workload.arrivals.mix',
    'found shares adding up to 60%',
    'shares adding up to 100%',
  ),
  {
    name: 'an access log that is missing',
    files: { 'bad.yaml': withChange(['workload', 'accessLog'], { file: 'logs/none.log', mode: 'exact' }) },
    args: ['validate', 'bad.yaml'],
    exit: 2,
    file: 'logs/none.log',
    path: 'workload.accessLog.file',
    fragments: ['found no such file'],
  },
  {
    name: 'an access log with too many malformed lines',
    files: {
      'bad.yaml': withChange(['workload', 'accessLog'], { file: 'site.log', mode: 'fitted', scale: 2 }),
      'site.log': [
        ...Array.from({ length: 18 }, () => GOOD_LINE),
        'Connection reset by peer',
        '66.249.66.1 - - [26/Nov/2015:08:03:1',
      ].join('\n'),
    },
    args: ['run', 'bad.yaml'],
    exit: 2,
    file: 'site.log',
    path: 'workload.accessLog.file',
    fragments: [
      '2 malformed lines of 20, the first at line 19: Connection reset by peer',
      'at most 5% malformed',
    ],
  },
  atPath(
    'an access log replayed at no scale',
    withChange(['workload', 'accessLog'], { file: 'site.log', mode: 'scaled', scale: 0 }),
    'workload.accessLog.scale',
    'found 0',
    'a number above 0',
  ),
  atPath(
    'an unknown page-time distribution',
    withChange(['workload', 'pageTimes'], 'gaussian'),
    'workload.pageTimes',
    'found "gaussian"',
    '"uniform", "exponential"',
  ),
];
