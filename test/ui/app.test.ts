import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { browserAvailable, launchChromium, requireBrowserInCi, startApp } from './browser.ts';
import { loadScenarioFile } from '../../src/scenarios/load.ts';
import { findBuiltinScenario } from '../../src/scenarios/builtin/index.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';

requireBrowserInCi();

describe.runIf(browserAvailable)('the browser twin (Debian chromium, headless)', () => {
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

  it('lists the built-in scenarios, the 2017 migration first', async () => {
    const options = await page.locator('select[aria-label="Scenario"] option').allTextContents();
    expect(options[0]).toBe('february-2017-migration');
    expect(options).toContain('old-host-reboot-before');
    expect(options).toHaveLength(13);
  });

  it('runs a scenario in a worker and shows the same report, trace hash included, as the CLI', async () => {
    await page.selectOption('select[aria-label="Scenario"]', 'old-host-reboot-before');
    await page.click('button:has-text("Run")');
    const hash = await page.locator('[data-testid="trace-hash"]').textContent({ timeout: 60_000 });
    const entry = findBuiltinScenario('old-host-reboot-before');
    const cli = runScenario(loadScenarioFile(entry?.path ?? ''));
    expect(hash).toBe(cli.traceHash);
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    const checks = await page.locator('ul.checks li').allTextContents();
    expect(checks).toEqual(cli.checks.map((check) => expect.stringContaining(`PASS ${check.name}`)));
    const www = await page.locator('tr[data-service="www"] td').allTextContents();
    expect(www[1]).toBe(cli.services['www']?.requests.toLocaleString('en-GB'));
    await page.screenshot({ path: 'test/ui/last-run.png', fullPage: true });
  }, 90_000);

  it('shows a broken variant failing the check its mistake breaks, on a seed the user gives', async () => {
    await page.selectOption('select[aria-label="Scenario"]', 'broken-migration-cdn-never-told');
    await page.fill('input[aria-label="Seed"]', '7');
    await page.click('button:has-text("Run")');
    await page.locator('[data-verdict="fail"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('ul.checks li.bad').allTextContents()).toEqual([
      expect.stringContaining('FAIL Admin window is modest'),
    ]);
    expect(await page.locator('[data-testid="run-meta"]').textContent()).toContain('seed 7');
  }, 90_000);

  it('refuses a seed that is not a whole number', async () => {
    await page.fill('input[aria-label="Seed"]', 'abc');
    expect(await page.locator('button:has-text("Run")').isDisabled()).toBe(true);
    expect(await page.locator('.controls .error').textContent()).toBe('The seed is a whole number.');
    await page.fill('input[aria-label="Seed"]', '');
  });
});
