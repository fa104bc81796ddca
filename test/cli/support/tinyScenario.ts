import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scenario that runs in a fraction of a second: the 2015 estate, a small crowd, two minutes. */
export const TINY_SCENARIO = `name: tiny
seed: 7
duration: 2m
estate:
  extends: raspberrypi-2015
workload:
  crowd: { shape: constant, users: 50 }
  thinkTime: 30s
  mix: { cached: 80%, uncached: 20% }
  requestTimeout: 30s
checks:
  - { check: user-downtime, name: No downtime, max: 0s }
`;

/** A fresh directory holding the tiny scenario as tiny.yaml; returns the directory and the file. */
export function tinyScenarioDirectory(text = TINY_SCENARIO): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'twin-tiny-'));
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, text);
  return { dir, file };
}
