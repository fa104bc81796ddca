/** The ten-minute scenario sweep tests run, relative to the repository's root. */
export const SHORT_SCENARIO = 'test/scenarios/sweep/fixtures/short-launch.yaml';

/** The content hash a sweep printed as its last line. */
export function contentHashOf(stdout: string): string {
  const match = /content hash: ([0-9a-f]{64})\n$/.exec(stdout);
  if (match === null) throw new Error(`no content hash in:\n${stdout}`);
  return match[1] as string;
}
