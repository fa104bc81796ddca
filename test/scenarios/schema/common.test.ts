import { describe, expect, it } from 'vitest';
import { builtinEstateLibrary } from '../../../src/scenarios/load.ts';
import { parseScenarioText } from '../../../src/scenarios/parse.ts';

function issuesOf(text: string): string[] {
  const result = parseScenarioText(text, 'zero.yaml', builtinEstateLibrary);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.expected}`);
}

describe('values that must be above zero', () => {
  it('refuses a zero think time, timeout, staticify interval, health-check interval and bandwidth, naming each', () => {
    const issues = issuesOf(`
name: zeros
seed: 1
duration: 1h
estate:
  extends: raspberrypi-2017-after
  pageCache: { supercache: true, staticify: 0s }
  cdn:
    healthCheck: { interval: 0s, fall: 3, rise: 2 }
    nodes:
      mini1: { site: HEX, bandwidth: 0Mbps }
workload:
  crowd: { shape: constant, users: 10 }
  thinkTime: 0s
  mix: { cached: 100% }
  requestTimeout: 0ms
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^estate\.pageCache\.staticify: .*above zero/),
        expect.stringMatching(/^estate\.cdn\.healthCheck\.interval: a duration above zero/),
        expect.stringMatching(/^estate\.cdn\.nodes\.mini1\.bandwidth: a bit rate above zero/),
        expect.stringMatching(/^workload\.thinkTime: a duration above zero/),
        expect.stringMatching(/^workload\.requestTimeout: a duration above zero/),
      ]),
    );
  });

  it('refuses a run of no time at all', () => {
    expect(issuesOf('name: z\nseed: 1\nduration: 0s\n')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^duration: a duration above zero/)]),
    );
  });
});
