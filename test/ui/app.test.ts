import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { ARTIFACTS_DIR, browserAvailable, launchChromium, requireBrowserInCi, startApp } from './browser.ts';
import { loadScenarioFile } from '../../src/scenarios/load.ts';
import { findBuiltinScenario } from '../../src/scenarios/builtin/index.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';

requireBrowserInCi();

const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

/** The trace hash on screen, or null before the first run. */
async function traceHash(page: Page): Promise<string | null> {
  const hash = page.locator('[data-testid="trace-hash"]');
  return (await hash.count()) === 0 ? null : hash.textContent();
}

/** Waits until the report on screen is a new one (another trace hash) of the named scenario. */
async function waitForReport(page: Page, name: string, previousHash: string | null): Promise<void> {
  await page.waitForFunction(
    ([scenario, hash]) => {
      const title = document.querySelector('[data-testid="report"] h2')?.textContent ?? '';
      const now = document.querySelector('[data-testid="trace-hash"]')?.textContent ?? null;
      return title.startsWith(scenario ?? '') && now !== hash;
    },
    [name, previousHash],
    { timeout: 90_000 },
  );
  await page.locator('.topology svg').waitFor();
}

/** Runs a built-in scenario from the controls and waits until its report is drawn. */
async function runBuiltin(page: Page, name: string, seed = ''): Promise<number> {
  const before = await traceHash(page);
  await page.selectOption('select[aria-label="Scenario"]', name);
  await page.fill('input[aria-label="Seed"]', seed);
  const startedMs = Date.now();
  await runButton(page).click();
  await waitForReport(page, name, before);
  return Date.now() - startedMs;
}

/** Screenshots at a laptop's and a phone's width, the cursor and the estate in view. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1280, 420]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(150);
    await page.evaluate('document.querySelector(\'section[aria-label="Topology"]\').scrollIntoView()');
    await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.runIf(browserAvailable)('the browser twin (Debian chromium, headless)', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const app = await startApp();
    server = app.server;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
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
    await runBuiltin(page, 'old-host-reboot-before');
    const hash = await page.locator('[data-testid="trace-hash"]').textContent();
    const cli = runScenario(loadScenarioFile(findBuiltinScenario('old-host-reboot-before')?.path ?? ''));
    expect(hash).toBe(cli.traceHash);
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('pass');
    const checks = await page.locator('ul.checks li').allTextContents();
    expect(checks).toEqual(cli.checks.map((check) => expect.stringContaining(`PASS ${check.name}`)));
    const www = await page.locator('tr[data-service="www"] td').allTextContents();
    expect(www[1]).toBe(cli.services['www']?.requests.toLocaleString('en-GB'));
  }, 90_000);

  it('runs the migration, staying responsive, and draws web1 moving while "Move web1 to SOV" runs', async () => {
    await page.selectOption('select[aria-label="Scenario"]', 'february-2017-migration');
    await page.fill('input[aria-label="Seed"]', '');
    const before = await traceHash(page);
    const startedMs = Date.now();
    await runButton(page).click();
    // While the worker runs, the page still paints frames and shows the share done.
    await page.locator('[data-testid="percent"]').waitFor();
    const frameMs = await page.evaluate(() => {
      const start = performance.now();
      return new Promise<number>((resolve) =>
        requestAnimationFrame(() => resolve(performance.now() - start)),
      );
    });
    expect(frameMs).toBeLessThan(500);
    await waitForReport(page, 'february-2017-migration', before);
    console.log(`time to first draw, february-2017-migration (4 h): ${Date.now() - startedMs} ms`);

    // A minute into db2's replay of its backlog, the replication arrow carries db2's lag, coloured.
    await page.click('rect[data-fault="db2-replays-backlog"]');
    await page.getByRole('slider', { name: 'Time cursor' }).focus();
    await page.keyboard.press('ArrowRight');
    const replication = page.locator('.topology [data-arrow="db1/mysql->db2/mysql"]');
    expect(await replication.getAttribute('class')).toContain('behind');
    expect(await replication.getAttribute('data-label')).toMatch(/^lag [1-9]\d* s$/);

    // Clicking the step puts the cursor at its start and outlines what it touched; a minute on is inside it.
    await page.click('rect[data-step="Move web1 to SOV"]');
    await page.getByRole('slider', { name: 'Time cursor' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-testid="cursor-time"]').textContent()).toBe('2017-02-27 12:40');
    const web1 = page.locator('.topology [data-part="web1"]');
    expect(await web1.getAttribute('data-state')).toBe('moving');
    expect(await web1.getAttribute('data-tone')).toBe('changing');
    expect(await web1.getAttribute('class')).toContain('highlighted');
    expect(await page.locator('[data-testid="highlight"]').textContent()).toContain('web1');
    expect(await page.locator('[data-track="web1"]').getAttribute('data-state')).toBe('moving');
    // Zoomed in around the cursor, the admin chart shows the requests that failed while web1 moved.
    for (let zoom = 0; zoom < 5; zoom++) await page.click('button:has-text("Zoom in")');
    const adminFailed = await page
      .locator('.chart[data-service="admin"]')
      .getAttribute('data-failed-in-window');
    expect(Number(adminFailed)).toBeGreaterThan(0);
    await screenshots(page, 'migration');
  }, 120_000);

  it('shows a broken variant failing the check its mistake breaks, on a seed the user gives', async () => {
    await runBuiltin(page, 'broken-migration-cdn-never-told', '7');
    await page.locator('[data-verdict="fail"]').waitFor();
    expect(await page.locator('ul.checks li.bad').allTextContents()).toEqual([
      expect.stringContaining('FAIL Admin window is modest'),
    ]);
    expect(await page.locator('[data-testid="run-meta"]').textContent()).toContain('seed 7');
    // The plan lane says which steps cost admin time, and the table what was lost after the plan.
    const costly = await page.locator('rect.step.admin, rect.step.costly').count();
    expect(costly).toBeGreaterThan(0);
    const after = await page.locator('tr[data-step-cost^="outside any step"] td').allTextContents();
    expect(Number(after[4]?.replace(/,/g, ''))).toBeGreaterThan(1800);
  }, 90_000);

  it('compares two seeds side by side, the figures that differ marked', async () => {
    await runBuiltin(page, 'old-host-reboot-before', '1');
    await runBuiltin(page, 'old-host-reboot-before', '2');
    await page.click('summary:has-text("Compare with the run before")');
    const seedRow = page.locator('table.compare tr', { hasText: 'run · seed' });
    expect(await seedRow.getAttribute('data-differs')).toBe('true');
    expect(await seedRow.locator('td').allTextContents()).toEqual(['run · seed', '1', '2']);
    const scenarioRow = page.locator('table.compare tr', { hasText: 'run · scenario' });
    expect(await scenarioRow.getAttribute('data-differs')).toBe('false');
  }, 120_000);

  it('shows progress as a share and simulated time, keeps the result on screen, and cancels', async () => {
    const before = await traceHash(page);
    await page.selectOption('select[aria-label="Scenario"]', 'pi3-launch');
    await page.fill('input[aria-label="Seed"]', '');
    await runButton(page).click();
    const status = page.locator('[role="status"]');
    await status.waitFor();
    await page.waitForFunction(
      "Number(document.querySelector('[data-testid=\"percent\"]')?.textContent?.replace('%', '')) > 0",
      undefined,
      { timeout: 30_000 },
    );
    expect(await status.textContent()).toMatch(/Running pi3-launch: +\d+% · \S+ of 12h simulated/);
    // The run before stays on screen, cursor and all, while the new one runs.
    expect(await traceHash(page)).toBe(before);
    expect(await page.locator('[data-testid="report"] h2').textContent()).toContain('old-host-reboot-before');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await status.waitFor({ state: 'detached' });
    expect(await traceHash(page)).toBe(before);
    expect(await runButton(page).isDisabled()).toBe(false);
  }, 60_000);

  it('exports the run as a Perfetto file Perfetto can import', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Export to Perfetto")'),
    ]);
    expect(download.suggestedFilename()).toBe('old-host-reboot-before-seed2.perfetto.json');
    const path = `${ARTIFACTS_DIR}/${download.suggestedFilename()}`;
    await download.saveAs(path);
    const trace = JSON.parse(readFileSync(path, 'utf8')) as {
      traceEvents: Array<{
        name: string;
        ph: string;
        ts: number;
        pid: number;
        tid: number;
        args?: { name?: string };
      }>;
    };
    expect(trace.traceEvents.length).toBeGreaterThan(10);
    for (const event of trace.traceEvents) {
      expect(typeof event.name).toBe('string');
      expect(['X', 'i', 'C', 'M']).toContain(event.ph);
      expect(Number.isInteger(event.ts) && Number.isInteger(event.pid) && Number.isInteger(event.tid)).toBe(
        true,
      );
    }
    const threads = trace.traceEvents
      .filter((event) => event.name === 'thread_name')
      .map((event) => event.args?.name);
    expect(threads).toContain('old-hex');
  }, 60_000);

  it('draws the Pi 3 launch and the shelf failure (screenshots)', async () => {
    await runBuiltin(page, 'shelf-dual-fan-failure');
    await page.getByRole('slider', { name: 'Time cursor' }).focus();
    await page.keyboard.press('End');
    expect(await page.locator('.topology [data-part="shelf1"]').getAttribute('data-state')).toBe(
      'overheated',
    );
    expect(await page.locator('.topology .box.shelfPi').count()).toBe(108);
    await screenshots(page, 'shelf-failure');
    await runBuiltin(page, 'pi3-launch');
    await page.getByRole('slider', { name: 'Time cursor' }).focus();
    for (let step = 0; step < 5; step++) await page.keyboard.press('PageUp');
    await screenshots(page, 'pi3-launch');
  }, 150_000);

  it('refuses a seed that is not a whole number', async () => {
    await page.fill('input[aria-label="Seed"]', 'abc');
    expect(await runButton(page).isDisabled()).toBe(true);
    expect(await page.locator('.controls .error').textContent()).toBe('The seed is a whole number.');
    await page.fill('input[aria-label="Seed"]', '');
  });

  it("checks the editor's text as the CLI does, inline at the line, and runs the edited scenario", async () => {
    await page.click('summary:has-text("Your own scenario")');
    await page.selectOption('select[aria-label="Start from"]', 'old-host-reboot-before');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('bogus: 1');
    await page.keyboard.press('Escape');
    const issues = page.locator('[data-testid="editor-issues"] li');
    await issues.first().waitFor({ timeout: 10_000 });
    expect(await issues.allTextContents()).toEqual([
      expect.stringMatching(/^my-scenario\.yaml:26:1 bogus: found /),
    ]);
    const marked = page.locator('.cm-line:has(.cm-lintRange-error)');
    expect(await marked.textContent()).toBe('bogus: 1');

    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('startsAt: 2017-01-01T09:00');
    await page.keyboard.press('Escape');
    await issues.first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByRole('button', { name: 'Run this scenario' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="run-meta"]')?.textContent?.includes('from 2017-01-01 09:00'),
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.locator('[data-testid="report"] h2').textContent()).toContain('old-host-reboot-before');
  }, 90_000);
});
