#!/usr/bin/env node
// The `twin` command. It runs the compiled CLI in dist-node/ (plain JavaScript, built by
// `npm install` through the prepare script, or `npm run build:cli`) when that build matches the
// sources, and otherwise the TypeScript in src/ through tsx, as in development.
//
// How it decides: the build stores a fingerprint of what it was made from (a SHA-256 of every file
// under src/ but the browser twin, with the build script and tsconfig.json; scripts/cliSources.mjs).
// Here the same fingerprint is taken of the sources as they are now, which costs a few
// milliseconds. Equal: the build runs. Different: the sources changed since the build, so it runs
// from src/ through tsx and says so on stderr, once per run, naming the command that rebuilds; a
// stale build never runs. No build at all (tsx only): runs from src/ quietly.
// TWIN_FROM=src forces the tsx path, TWIN_FROM=dist the build (an error when it is stale or absent).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDir, builtFingerprint, sourceFingerprint } from '../scripts/cliSources.mjs';

// `twin schema | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const from = process.env.TWIN_FROM;
const built = from === 'src' ? undefined : builtFingerprint();
const fresh = built !== undefined && built === sourceFingerprint();
if (from === 'dist' && !fresh) {
  console.error(
    `twin: TWIN_FROM=dist but the build in ${buildDir} is ${built === undefined ? 'absent' : 'stale'}; run npm run build:cli`,
  );
  process.exit(3);
}
let cli;
if (fresh) {
  cli = await import(pathToFileURL(path.join(buildDir, 'src', 'cli', 'main.js')).href);
} else {
  if (built !== undefined)
    console.error(
      'twin: the compiled CLI in dist-node/ is older than src/; running from src/ (npm run build:cli rebuilds it)',
    );
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2), cli.processIo());
