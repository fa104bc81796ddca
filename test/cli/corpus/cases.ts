import { stringify } from 'yaml';
import { baseScenario, manyShelves, withChange, withKeys } from './base.ts';
import { workloadCases } from './workloadCases.ts';

/**
 * Bad inputs and what twin must say about each: the exit code, and fragments of the message.
 * `file` and `path` are the file and the path in it the message must name (absent for a usage
 * error, which has neither). Files are written to a fresh directory, which is the working
 * directory of the command; `args` name them relative to it.
 */
export interface BadInputCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  readonly args: readonly string[];
  readonly exit: number;
  readonly file?: string;
  readonly path?: string;
  readonly fragments: readonly string[];
}

const validate = (text: string): Pick<BadInputCase, 'files' | 'args'> => ({
  files: { 'bad.yaml': text },
  args: ['validate', 'bad.yaml'],
});
const run = (text: string, ...more: string[]): Pick<BadInputCase, 'files' | 'args'> => ({
  files: { 'bad.yaml': text },
  args: ['run', 'bad.yaml', ...more],
});
const valid = stringify(baseScenario());

/** A case for `twin validate bad.yaml` whose message must name bad.yaml and the path. */
function atPath(name: string, text: string, path: string, ...fragments: string[]): BadInputCase {
  return { name, ...validate(text), exit: 2, file: 'bad.yaml', path, fragments };
}

const fileCases: BadInputCase[] = [
  { name: 'an empty file', ...validate(''), exit: 2, file: 'bad.yaml', fragments: ['found an empty file'] },
  {
    name: 'only a comment',
    ...validate('# nothing here\n'),
    exit: 2,
    file: 'bad.yaml',
    fragments: ['found an empty file'],
  },
  {
    name: 'an unclosed flow list',
    ...validate('name: [unclosed\nseed: 1\n'),
    exit: 2,
    file: 'bad.yaml',
    fragments: ['bad.yaml:'],
  },
  {
    name: 'a duplicate key',
    ...validate(`name: a\n${valid}`),
    exit: 2,
    file: 'bad.yaml',
    fragments: ['found a key given twice'],
  },
  {
    name: 'bytes that are not UTF-8',
    files: { 'bad.yaml': Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) },
    args: ['validate', 'bad.yaml'],
    exit: 2,
    file: 'bad.yaml',
    fragments: ['found bytes that are not UTF-8 text'],
  },
  {
    name: 'binary data',
    files: { 'bad.yaml': Uint8Array.from([0x00, 0x01, 0x02]) },
    args: ['validate', 'bad.yaml'],
    exit: 2,
    file: 'bad.yaml',
    fragments: ['found binary data'],
  },
  {
    name: 'a directory',
    files: { 'dir/keep.txt': 'x' },
    args: ['validate', 'dir'],
    exit: 2,
    file: 'dir',
    fragments: ['found a directory'],
  },
  {
    name: 'a missing file',
    files: {},
    args: ['run', 'missing.yaml'],
    exit: 2,
    file: 'missing.yaml',
    fragments: ['found no such file'],
  },
  {
    name: 'a list instead of a mapping',
    ...validate('- a\n- b\n'),
    exit: 2,
    file: 'bad.yaml',
    fragments: ['found a list of 2', 'expected a scenario'],
  },
  {
    name: 'a file over 4 MB',
    ...validate(`# ${'x'.repeat(4 * 2 ** 20 + 10)}\n`),
    exit: 2,
    file: 'bad.yaml',
    fragments: ['bytes', 'expected a scenario file of at most'],
  },
  {
    name: 'a JSON file with a value left out',
    files: { 'bad.json': '{"name": "x", "seed": }' },
    args: ['validate', 'bad.json'],
    exit: 2,
    file: 'bad.json',
    path: 'seed',
    fragments: ['bad.json:1:23 seed: found an empty value'],
  },
  {
    name: 'a JSON file with a syntax error',
    files: { 'bad.json': '{"name": "x" "seed": 1}' },
    args: ['validate', 'bad.json'],
    exit: 2,
    file: 'bad.json',
    fragments: ['bad.json:1:', 'expected valid YAML or JSON'],
  },
  atPath(
    'an unknown estate to extend',
    withChange(['estate', 'extends'], 'raspberrypi-1999'),
    'estate.extends',
    'unknown estate "raspberrypi-1999"',
  ),
  atPath(
    'a path in extends',
    withChange(['estate', 'extends'], '../../../etc/passwd'),
    'estate.extends',
    'found',
  ),
  atPath(
    'an alias bomb',
    `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n`,
    '',
    'alias',
  ),
];

const typeCases: BadInputCase[] = [
  atPath(
    'a seed that is a word',
    withChange(['seed'], 'abc'),
    'seed',
    'found "abc"',
    'expected a whole number',
  ),
  atPath('a negative seed', withChange(['seed'], -1), 'seed', 'found -1', 'at least 0'),
  atPath('a fractional seed', withChange(['seed'], 1.5), 'seed', 'found 1.5'),
  atPath('a duration without units', withChange(['duration'], 90), 'duration', 'found 90', 'with units'),
  atPath('a negative duration', withChange(['duration'], '-5m'), 'duration', 'found "-5m"'),
  atPath('a duration in parsecs', withChange(['duration'], '5 parsecs'), 'duration', 'found "5 parsecs"'),
  atPath('a name that is a number', withChange(['name'], 42), 'name', 'found 42'),
  atPath(
    'a crowd that is a word',
    withChange(['workload', 'crowd', 'users'], 'many'),
    'workload.crowd.users',
    'found "many"',
  ),
  atPath(
    'a crowd of an unknown shape',
    withChange(['workload', 'crowd', 'shape'], 'wave'),
    'workload.crowd',
    '"constant", "ramp" or "launch"',
  ),
  atPath(
    'a think time of zero',
    withChange(['workload', 'thinkTime'], '0s'),
    'workload.thinkTime',
    'found "0s"',
  ),
  atPath(
    'a share over 100%',
    withChange(['workload', 'mix', 'cached'], '150%'),
    'workload.mix.cached',
    'found "150%"',
  ),
  atPath(
    'shares that do not add up',
    withChange(['workload', 'mix', 'cached'], '70%'),
    'workload.mix',
    'adding up to 90%',
  ),
  atPath(
    'an unknown kind of request',
    withChange(['workload', 'mix', 'bogus'], '10%'),
    'workload.mix.bogus',
    'bogus',
  ),
  atPath('an unknown top-level key', withKeys({ colour: 'red' }), 'colour', 'colour'),
  atPath('a missing workload', withChange(['workload'], undefined), 'workload', 'found nothing'),
  atPath(
    'cores that are a word',
    withChange(['estate', 'vms'], { web1: { cores: 'lots' } }),
    'estate.vms.web1.cores',
    'found "lots"',
  ),
  atPath(
    'RAM in an unknown unit',
    withChange(['estate', 'vms'], { web1: { ram: '32XB' } }),
    'estate.vms.web1.ram',
    'found "32XB"',
  ),
  atPath(
    'a NIC speed misspelt',
    withChange(['estate', 'hosts'], { 'old-hex': { nic: '4Gbs' } }),
    'estate.hosts.old-hex.nic',
    'found "4Gbs"',
  ),
  atPath('an unknown plan action', withChange(['plan', 0, 'action'], 'teleport'), 'plan[0]', 'teleport'),
  atPath(
    'a step naming an unknown VM',
    withChange(['plan', 0, 'vm'], 'db9'),
    'plan[0].vm',
    'unknown VM "db9"',
  ),
  atPath(
    'a step after the end of the run',
    withChange(['plan', 0, 'at'], '5m'),
    'plan[0].at',
    'not before the end of the run',
  ),
  atPath('an unknown fault kind', withChange(['faults', 0, 'kind'], 'meteor'), 'faults[0]', 'meteor'),
  atPath(
    'a fault on an unknown part',
    withChange(['faults', 0, 'target'], 'web9'),
    'faults[0].target',
    'web9',
  ),
  atPath('a fault both scheduled and random', withChange(['faults', 0, 'rate'], '1/h'), 'faults[0]', 'found'),
  atPath('an unknown check', withChange(['checks', 0, 'check'], 'vibes'), 'checks[0]', 'vibes'),
  atPath(
    'a check bound that is a word',
    withChange(['checks', 0, 'max'], 'soon'),
    'checks[0].max',
    'found "soon"',
  ),
  atPath(
    'a start date that does not exist',
    withKeys({ startsAt: '2017-13-45T99:99' }),
    'startsAt',
    'found "2017-13-45T99:99"',
    'a real local date',
  ),
  atPath(
    'the 29th of February in a common year',
    withKeys({ startsAt: '2017-02-29T12:00' }),
    'startsAt',
    'found "2017-02-29T12:00"',
  ),
  atPath(
    'a start date with seconds',
    withKeys({ startsAt: '2017-02-27T12:00:00' }),
    'startsAt',
    'found "2017-02-27T12:00:00"',
  ),
  atPath(
    'an expected failure that is no check',
    withKeys({ expectFailures: ['Nothing at all'] }),
    'expectFailures[0]',
    'Nothing at all',
  ),
  atPath(
    'uploads without their size',
    withChange(['workload', 'mix'], { cached: '90%', uploads: '10%' }),
    'workload.uploadSize',
    'with uploads in the mix',
  ),
  atPath(
    'slow requests without their factor',
    withChange(['workload', 'mix'], { cached: '90%', slow: '10%' }),
    'workload.slowPageFactor',
    'slow requests',
  ),
  atPath(
    'a slow factor below one',
    withChange(['workload', 'slowPageFactor'], 0.5),
    'workload.slowPageFactor',
    'found 0.5',
  ),
  atPath(
    'a request timeout that is a number',
    withChange(['workload', 'requestTimeout'], 30),
    'workload.requestTimeout',
    'found 30',
  ),
];

const limitCases: BadInputCase[] = [
  atPath(
    'a crowd of a trillion',
    withChange(['workload', 'crowd', 'users'], 1e12),
    'workload.crowd.users',
    'from 0 to 1000000',
  ),
  atPath(
    'a launch peak above the engine maximum',
    withChange(['workload', 'crowd'], {
      shape: 'launch',
      baseline: 10,
      peak: 2_000_000,
      at: '1m',
      rampUp: '10s',
      decay: '1m',
    }),
    'workload.crowd.peak',
    'from 0 to 1000000',
  ),
  atPath(
    'a random fault a billion times a second',
    withChange(['faults', 0], { kind: 'vm-crash', target: 'web2', rate: '1000000000/s' }),
    'faults[0].rate',
    'at most 1000 expected occurrences',
  ),
  atPath(
    'a wait of a thousand days',
    withChange(['plan', 0], { name: 'Wait', action: 'wait', duration: '1000d' }),
    'plan[0].duration',
    'ending after the run',
  ),
  atPath('a run longer than a year and a day', withChange(['duration'], '400d'), 'duration', 'at most'),
  atPath(
    'more Pis than memory holds',
    withChange(['estate', 'shelves'], manyShelves(2_000)),
    'estate.shelves',
    'estimated at',
    '216,000 Pis',
    'memory budget',
  ),
  atPath(
    'a crowd making more events than a run may process',
    withKeys({
      duration: '300d',
      plan: [],
      faults: [],
      workload: { ...(baseScenario()['workload'] as object), crowd: { shape: 'constant', users: 1_000_000 } },
    }),
    'workload.crowd',
    'events in a run',
  ),
];

const outputCases: BadInputCase[] = [
  {
    name: '--trace onto the scenario',
    ...run(valid, '--trace', 'bad.yaml'),
    exit: 2,
    file: 'bad.yaml',
    path: '--trace',
    fragments: ['the scenario file itself'],
  },
  {
    name: '--json onto the scenario',
    ...run(valid, '--json', './bad.yaml'),
    exit: 2,
    file: 'bad.yaml',
    path: '--json',
    fragments: ['the scenario file itself'],
  },
  {
    name: '--json and --trace to one file',
    ...run(valid, '--json', 'out', '--trace', 'out'),
    exit: 2,
    file: 'out',
    path: '--json',
    fragments: ['the same file as --trace'],
  },
  {
    name: '--json to a directory',
    files: { 'bad.yaml': valid, 'sub/keep': '' },
    args: ['run', 'bad.yaml', '--json', 'sub'],
    exit: 2,
    file: 'sub',
    path: '--json',
    fragments: ['it is a directory'],
  },
  {
    name: '--trace into a missing directory',
    ...run(valid, '--trace', 'no/such/trace.jsonl'),
    exit: 2,
    file: 'no/such/trace.jsonl',
    path: '--trace',
    fragments: ['its directory does not exist'],
  },
  {
    name: '--json to a full device',
    ...run(valid, '--json', '/dev/full'),
    exit: 2,
    file: '/dev/full',
    path: '--json',
    fragments: ['no space left on the device'],
  },
];

const usageCases: BadInputCase[] = [
  {
    name: 'run without a scenario',
    files: {},
    args: ['run'],
    exit: 2,
    fragments: ['give one scenario', 'usage: twin run'],
  },
  { name: 'run with two scenarios', ...run(valid, 'other.yaml'), exit: 2, fragments: ['give one scenario'] },
  { name: 'an unknown option', ...run(valid, '--frob'), exit: 2, fragments: ['--frob', 'usage: twin run'] },
  {
    name: 'a negative --seed',
    ...run(valid, '--seed=-1'),
    exit: 2,
    path: '--seed',
    fragments: ['found "-1"', 'at least 0'],
  },
  {
    name: 'a --seed that is a word',
    ...run(valid, '--seed', 'abc'),
    exit: 2,
    path: '--seed',
    fragments: ['found "abc"'],
  },
  {
    name: 'a fractional --seed',
    ...run(valid, '--seed', '1.5'),
    exit: 2,
    path: '--seed',
    fragments: ['found "1.5"'],
  },
  {
    name: 'a --seed beyond a safe integer',
    ...run(valid, '--seed', '99999999999999999999'),
    exit: 2,
    path: '--seed',
    fragments: ['found "99999999999999999999"'],
  },
  {
    name: '--json without a file',
    ...run(valid, '--json'),
    exit: 2,
    fragments: ['--json', 'usage: twin run'],
  },
  {
    name: 'a misspelt command',
    files: {},
    args: ['valdate', 'x.yaml'],
    exit: 2,
    fragments: ['unknown command "valdate"', 'did you mean "validate"?'],
  },
  {
    name: 'a misspelt built-in',
    files: {},
    args: ['run', 'pi3-lanch'],
    exit: 2,
    file: 'pi3-lanch',
    fragments: ['did you mean "pi3-launch"?'],
  },
  {
    name: 'help on an unknown command',
    files: {},
    args: ['help', 'frob'],
    exit: 2,
    fragments: ['unknown command "frob"'],
  },
  {
    name: 'list with an argument',
    files: {},
    args: ['list', 'extra'],
    exit: 2,
    fragments: ['takes no arguments'],
  },
  { name: 'validate without a file', files: {}, args: ['validate'], exit: 2, fragments: ['which scenario?'] },
  {
    name: 'schema with an argument',
    files: {},
    args: ['schema', 'x'],
    exit: 2,
    fragments: ['takes no arguments'],
  },
  { name: 'no command at all', files: {}, args: [], exit: 2, fragments: [] },
];

export const badInputCases: readonly BadInputCase[] = [
  ...fileCases,
  ...typeCases,
  ...limitCases,
  ...outputCases,
  ...usageCases,
  ...workloadCases,
];
