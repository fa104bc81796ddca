import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childWithCpuSeconds, formatSpread, numberOption, spread } from './cpuTime.ts';
import { printTable, verdict } from './report.ts';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A run so short that what it costs is starting up: reading, building, one simulated second. */
const SHORT_RUN = `name: startup
description: One simulated second of the eight Pis, to time start-up.
source: user
seed: 1
duration: 1s
estate:
  extends: raspberrypi-2016-pi-cluster
workload:
  crowd: { shape: constant, users: 100 }
  thinkTime: 30s
  mix: { cached: 80%, uncached: 3%, static: 17% }
  requestTimeout: 30s
`;

interface Timing {
  wallSeconds: number[];
  cpuSeconds: number[];
}

function time(command: string, args: string[], env: NodeJS.ProcessEnv): [number, number] {
  const started = process.hrtime.bigint();
  const { result, cpuSeconds } = childWithCpuSeconds(() =>
    spawnSync(command, args, { cwd: packageRoot, env, encoding: 'utf8' }),
  );
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${result.status ?? 'signal'}`);
  return [wallSeconds, cpuSeconds ?? Number.NaN];
}

/**
 * `npm run bench -- startup [--repeats=5]`: wall and CPU time of `node bin/twin.js list`,
 * `npx twin list` and a one-second run, compiled (dist-node/, as `npm install` leaves it) and
 * through tsx (TWIN_FROM=src), the commands in turn; medians judged. Wall time is what a user
 * waits; on a busy machine it is inflated, so CPU time is printed beside it.
 */
export function startupBench(args: string[] = []): boolean {
  const repeats = numberOption(args, 'repeats', 5);
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0)
    return verdict(`NOT CHECKED: the CLI did not build (${build.stderr.trim()})`, false);
  const work = mkdtempSync(path.join(tmpdir(), 'twin-startup-'));
  const scenario = path.join(work, 'startup.yaml');
  writeFileSync(scenario, SHORT_RUN);
  const compiled = { ...process.env, TWIN_FROM: 'dist' };
  const tsx = { ...process.env, TWIN_FROM: 'src' };
  const node = process.execPath;
  const commands: Array<[string, string, string[], NodeJS.ProcessEnv]> = [
    ['node bin/twin.js list', node, ['bin/twin.js', 'list'], compiled],
    ['npx twin list', 'npx', ['twin', 'list'], compiled],
    ['node bin/twin.js run (1 s)', node, ['bin/twin.js', 'run', scenario], compiled],
    ['node bin/twin.js list, tsx', node, ['bin/twin.js', 'list'], tsx],
    ['node bin/twin.js run (1 s), tsx', node, ['bin/twin.js', 'run', scenario], tsx],
    ['node -e 0 (bare Node)', node, ['-e', '0'], process.env],
  ];
  const timings = commands.map((): Timing => ({ wallSeconds: [], cpuSeconds: [] }));
  try {
    for (let round = 0; round < repeats; round++) {
      commands.forEach(([, command, commandArgs, env], index) => {
        const [wall, cpu] = time(command, commandArgs, env);
        timings[index]?.wallSeconds.push(wall);
        timings[index]?.cpuSeconds.push(cpu);
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (value: number): string => value.toFixed(3);
  console.log(`${repeats} rounds, commands in turn; seconds, median (min–max)\n`);
  printTable(
    ['command', 'wall s', 'CPU s'],
    commands.map(([label], index) => [
      label,
      formatSpread(timings[index]?.wallSeconds ?? [], seconds),
      formatSpread(timings[index]?.cpuSeconds ?? [], seconds),
    ]),
  );
  const medianWall = (index: number): number => spread(timings[index]?.wallSeconds ?? []).median;
  console.log('');
  const checks = [
    verdict(`node bin/twin.js list under 0.2 s wall (median ${seconds(medianWall(0))})`, medianWall(0) < 0.2),
    verdict(`npx twin list under 0.2 s wall (median ${seconds(medianWall(1))})`, medianWall(1) < 0.2),
    verdict(`a one-second run under 0.3 s wall (median ${seconds(medianWall(2))})`, medianWall(2) < 0.3),
  ];
  return checks.every(Boolean);
}
