// What the compiled CLI is built from, and a fingerprint of it. bin/twin.js compares the
// fingerprint stored with the build against the sources as they are now, so a build that no longer
// matches src/ is never run; scripts/build-cli.mjs writes it. Plain JavaScript, so bin/twin.js can
// load it without tsx.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the build goes: dist-node/src/... mirrors src/..., so relative paths between modules hold. */
export const buildDir = path.join(packageRoot, 'dist-node');
export const stampFile = 'build-stamp.json';
/** The browser twin is built by vite, not part of the CLI. */
const skippedDirs = new Set([path.join('src', 'ui')]);
/** Far more than the project has; a walk that finds more says so instead of running on. */
const SOURCE_FILES_MAX = 20_000;

/** Every file under src/ the CLI is built from, relative to the package root, sorted. */
export function cliSourceFiles(root = packageRoot) {
  const files = [];
  const walk = (relativeDir) => {
    for (const entry of readdirSync(path.join(root, relativeDir), { withFileTypes: true })) {
      const relativePath = path.join(relativeDir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedDirs.has(relativePath)) walk(relativePath);
      } else if (entry.isFile()) {
        files.push(relativePath);
        if (files.length > SOURCE_FILES_MAX)
          throw new Error(`more than ${SOURCE_FILES_MAX} files under src/`);
      }
    }
  };
  walk('src');
  return files.sort();
}

/**
 * A hash of the sources' names and contents and of the build script itself: content, not
 * modification times, so a checkout, stash or copy that keeps old times cannot hide a change.
 */
export function sourceFingerprint(root = packageRoot) {
  const hash = createHash('sha256');
  for (const file of [...cliSourceFiles(root), path.join('scripts', 'build-cli.mjs'), 'tsconfig.json']) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The fingerprint the build in `dir` was made from, or undefined when there is no complete build. */
export function builtFingerprint(dir = buildDir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, stampFile), 'utf8')).fingerprint;
  } catch {
    return undefined;
  }
}
