import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { browserAvailable, launchChromium, requireBrowserInCi, startApp } from './browser.ts';
import { findBuiltinScenario } from '../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../src/scenarios/load.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';

requireBrowserInCi();

/**
 * The three longest built-ins: the most draws of exp, log, sin and cos, so the likeliest to show a
 * last-bit difference between Node's and Chromium's Math (which src/sim/portableMath.ts removes).
 * Measured: Node 20 (V8 11.3) and Debian's Chromium 156 disagree in the last bit on about 10 % of
 * Math.exp and Math.pow results and 3 % of Math.sin and Math.cos over ordinary arguments, so with
 * Math.* these runs could not agree.
 */
const LONGEST = ['eight-pi-cluster', 'pi3-launch', 'pi-zero-launch'] as const;

/** Long runs on a shared machine: minutes each. */
const RUN_TIMEOUT_MS = 1_500_000;

/**
 * Runs built-ins in the page's own Web Worker (the UI's runWorker, served by Vite), all at once,
 * and resolves with each one's trace hash or the error it reported.
 */
function runInBrowser(page: Page, names: readonly string[]): Promise<Record<string, string>> {
  return page.evaluate(async (scenarios) => {
    const one = (scenario: string) =>
      new Promise<string>((resolve) => {
        const worker = new Worker('/src/ui/worker/runWorker.ts', { type: 'module' });
        worker.onmessage = (
          event: MessageEvent<{
            type: string;
            result?: { report: { traceHash: string } };
            message?: string;
          }>,
        ) => {
          if (event.data.type === 'result') resolve(event.data.result?.report.traceHash ?? 'no hash');
          else if (event.data.type === 'error') resolve(`error: ${event.data.message ?? ''}`);
          else return;
          worker.terminate();
        };
        worker.onerror = (event) => resolve(`error: ${event.message}`);
        worker.postMessage({ type: 'run', source: { kind: 'builtin', name: scenario } });
      });
    const hashes = await Promise.all(scenarios.map(one));
    return Object.fromEntries(scenarios.map((scenario, index) => [scenario, hashes[index] as string]));
  }, names);
}

describe.runIf(browserAvailable)('the same trace in Chromium as in Node', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const app = await startApp();
    server = app.server;
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(app.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    `gives each of ${LONGEST.join(', ')} the CLI's trace hash`,
    async () => {
      // The browser runs go on in their workers while Node computes the CLI's hashes.
      const inBrowser = runInBrowser(page, LONGEST);
      const inNode: Record<string, string> = {};
      for (const name of LONGEST) {
        const entry = findBuiltinScenario(name);
        if (entry === undefined) throw new Error(`no built-in ${name}`);
        inNode[name] = runScenario(loadScenarioFile(entry.path)).traceHash;
      }
      expect(await inBrowser).toEqual(inNode);
    },
    RUN_TIMEOUT_MS,
  );
});
