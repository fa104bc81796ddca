import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, preview } from 'vite';
import type { PreviewServer, ViteDevServer } from 'vite';

/** Debian's chromium, which .ci/run installs; npx playwright install cannot work here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where browser tests leave screenshots and downloads (gitignored). */
export const ARTIFACTS_DIR = 'test/ui/artifacts';

/**
 * Whether browser tests can run here. In CI they must: a missing chromium there is a failure, not
 * a skip (see requireBrowserInCi); on a developer's machine without it they are skipped, loudly.
 */
export const browserAvailable = existsSync(CHROMIUM_PATH);

export function requireBrowserInCi(): void {
  if (!browserAvailable && process.env['CI'] === 'true') {
    throw new Error(`browser tests need ${CHROMIUM_PATH} in CI (.ci/run installs Debian's chromium)`);
  }
  if (!browserAvailable) console.warn(`skipping browser tests: ${CHROMIUM_PATH} is not installed`);
}

export async function startApp(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  await server.listen();
  const address = server.resolvedUrls?.local[0];
  if (address === undefined) throw new Error('the Vite dev server has no local address');
  return { server, url: address };
}

/** Builds the page as `npm run build` does, into a temporary folder, and serves what was built. */
export async function startBuiltApp(): Promise<{ server: PreviewServer; url: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'twin-ui-build-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const address = server.resolvedUrls?.local[0];
  if (address === undefined) throw new Error('the Vite preview server has no local address');
  return { server, url: address };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
