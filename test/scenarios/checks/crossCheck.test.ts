import { describe, expect, it } from 'vitest';
import { CHECK_DEFINITIONS, CHECK_METRICS } from '../../../src/scenarios/checks/registry.ts';
import { issuesOf } from '../faults/support.ts';

describe('checks at validation', () => {
  it('refuses a check on a part it cannot measure, naming what it could measure', () => {
    const issues = issuesOf(`
checks:
  - { check: temperature, name: Hot, part: web1, max: 80C }
  - { check: crashes, name: Stays up, part: mini1, max: 0 }
  - { check: request-share, name: Share, parts: [db1], min: 1% }
  - { check: time-to-temperature, name: Warm, part: web1, temperature: 60C, since: nothing, max: 1h }
`);
    expect(issues.map((issue) => [issue.path, issue.found])).toEqual([
      ['checks[0].part', 'unknown Pi or shelf "web1"'],
      ['checks[1].part', 'unknown VM host, VM or Pi "mini1"'],
      ['checks[2].parts[0]', 'unknown web server (a VM or Pi with web:) "db1"'],
      ['checks[3].part', 'unknown Pi or shelf "web1"'],
      ['checks[3].since', 'unknown step or fault name "nothing"'],
    ]);
    expect(
      issuesOf(`
checks:
  - { check: crashes, name: Stays up, part: web1, max: 0 }
  - { check: request-share, name: Share, parts: [web1, web2], min: 99% }
`),
    ).toEqual([]);
  });

  it('lists every registered metric once, each with its own paragraph', () => {
    expect(CHECK_METRICS).toEqual(CHECK_DEFINITIONS.map((definition) => definition.metric));
    expect(new Set(CHECK_DEFINITIONS.map((definition) => definition.doc)).size).toBe(
      CHECK_DEFINITIONS.length,
    );
  });
});
