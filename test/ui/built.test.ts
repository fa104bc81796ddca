import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { browserAvailable, launchChromium, requireBrowserInCi, startBuiltApp } from './browser.ts';
import { findBuiltinScenario } from '../../src/scenarios/builtin/index.ts';
import { loadScenarioFile } from '../../src/scenarios/load.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';

requireBrowserInCi();

describe.runIf(browserAvailable)('the built page (npm run build), in Debian chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const app = await startBuiltApp();
    server = app.server;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs a scenario in the bundled worker with the CLI's trace hash, and loads the editor on demand", async () => {
    await page.selectOption('select[aria-label="Scenario"]', 'old-host-reboot-after');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const hash = await page.locator('[data-testid="trace-hash"]').textContent({ timeout: 60_000 });
    const cli = runScenario(loadScenarioFile(findBuiltinScenario('old-host-reboot-after')?.path ?? ''));
    expect(hash).toBe(cli.traceHash);
    expect(await page.locator('.topology [data-part="old-hex"]').count()).toBe(1);
    await page.click('summary:has-text("Your own scenario")');
    await page.locator('.cm-content').waitFor({ timeout: 20_000 });
    expect(await page.locator('.cm-content').textContent()).toContain('name: february-2017-migration');
  }, 90_000);
});
