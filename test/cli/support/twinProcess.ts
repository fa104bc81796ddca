import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { repoRoot } from './twin.ts';

/** `twin` as a separate process, as a user (or another machine) would start it; its stderr kept. */
export interface TwinProcess {
  readonly child: ChildProcess;
  stderr(): string;
  /** Resolves when stderr has printed a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

export function startTwin(args: string[]): TwinProcess {
  const child = spawn(process.execPath, ['bin/twin.js', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of waiters.filter((entry) => entry.pattern.test(text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => text,
    waitFor: (pattern) =>
      pattern.test(text)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
    exited,
  };
}
