import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { childWithCpuSeconds } from './cpuTime.ts';

/** The shared yardsticks live beside the project (../shared/bench), never copied in. */
export const yardstickDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/bench');
const debianPython = '/usr/bin/python3';

export type Json = Record<string, unknown>;

/**
 * Runs a yardstick and returns the JSON line it prints, with `cpu_s`: the CPU seconds the child
 * used from start to exit (interpreter start-up included), when /proc can say.
 */
function runJson(command: string, args: string[]): Json | { error: string } {
  const { result, cpuSeconds } = childWithCpuSeconds(() =>
    spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 }),
  );
  if (result.status !== 0)
    return { error: (result.stderr || result.error?.message || 'failed').trim().split('\n').pop() ?? '' };
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(lastLine) as Json), cpu_s: cpuSeconds };
}

export function yardsticksAvailable(): boolean {
  return existsSync(path.join(yardstickDir, 'reference-mmc.mjs'));
}

export function referenceKernel(
  n: number,
  c: number,
  mu: number,
  lambda: number,
  seed: number,
): Json | { error: string } {
  return runJson(process.execPath, [
    path.join(yardstickDir, 'reference-mmc.mjs'),
    `--n=${n}`,
    `--c=${c}`,
    `--mu=${mu}`,
    `--lam=${lambda}`,
    `--seed=${seed}`,
  ]);
}

export function simpy(
  n: number,
  c: number,
  mu: number,
  lambda: number,
  seed: number,
): Json | { error: string } {
  if (!existsSync(debianPython)) return { error: `${debianPython} not found` };
  const probe = spawnSync(debianPython, ['-c', 'import SimPy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { error: 'SimPy is not installed (apt-get install -y python3-simpy)' };
  return runJson(debianPython, [
    path.join(yardstickDir, 'mmc_simpy.py'),
    String(n),
    String(c),
    String(mu),
    String(lambda),
    String(seed),
  ]);
}

export function erlangC(c: number, mu: number, lambda: number): Json | { error: string } {
  return runJson(existsSync(debianPython) ? debianPython : 'python3', [
    path.join(yardstickDir, 'erlang_c.py'),
    String(c),
    String(mu),
    String(lambda),
  ]);
}
