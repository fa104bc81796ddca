import { join } from 'node:path';
import { main } from '../../../src/cli/main.ts';

export const repoRoot = join(import.meta.dirname, '../../..');

/** Runs `twin` in-process with captured output, from the repository's root unless told otherwise. */
export async function twin(
  args: string[],
  options: { cwd?: string; isTerminal?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd ?? repoRoot,
    isTerminal: options.isTerminal ?? false,
  });
  return { code, stdout, stderr };
}
