import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { ARTIFACTS_DIR, browserAvailable, launchChromium, requireBrowserInCi, startApp } from './browser.ts';
import { scenarioFor } from '../../src/scenarios/check/candidate.ts';
import type { Candidate } from '../../src/scenarios/check/candidate.ts';
import { fileHash } from '../../src/scenarios/check/fileHash.ts';
import { encodeReplayToken } from '../../src/scenarios/check/replayToken.ts';
import { findBuiltinScenario } from '../../src/scenarios/builtin/index.ts';
import type { TraceLine } from '../../src/scenarios/export/traceLines.ts';
import { loadScenarioFile } from '../../src/scenarios/load.ts';
import { runScenario } from '../../src/scenarios/run/runScenario.ts';
import { counterAt, indexCounters } from '../../src/ui/model/counters.ts';

requireBrowserInCi();

const CAPACITY_FIXTURE = 'test/ui/fixtures/capacity-old-host-reboot-before.json';
const slider = (page: Page) => page.getByRole('slider', { name: 'Time cursor' });

async function cursorSeconds(page: Page): Promise<number> {
  return Number(await slider(page).getAttribute('aria-valuenow'));
}

/** Waits until the report on screen is a new one (another trace hash) of the named scenario. */
async function waitForNewReport(page: Page, name: string, previousHash: string | null): Promise<void> {
  await page.waitForFunction(
    ([scenario, hash]) => {
      const title = document.querySelector('[data-testid="report"] h2')?.textContent ?? '';
      const now = document.querySelector('[data-testid="trace-hash"]')?.textContent ?? null;
      return title.startsWith(scenario ?? '') && now !== hash;
    },
    [name, previousHash],
    { timeout: 280_000 },
  );
  await page.locator('.topology svg').waitFor();
}

async function shownHash(page: Page): Promise<string | null> {
  const hash = page.locator('[data-testid="trace-hash"]');
  return (await hash.count()) === 0 ? null : hash.textContent();
}

/** Runs a built-in from the controls; resolves with the milliseconds from the click to the first draw. */
async function runBuiltin(page: Page, name: string): Promise<number> {
  const before = await shownHash(page);
  await page.selectOption('select[aria-label="Scenario"]', name);
  await page.fill('input[aria-label="Seed"]', '');
  const startedMs = Date.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForNewReport(page, name, before);
  return Date.now() - startedMs;
}

/** Screenshots at a laptop's and a phone's width with the given element in view. */
async function screenshots(page: Page, name: string, selector: string): Promise<void> {
  for (const width of [1280, 420]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(150);
    await page
      .locator(selector)
      .first()
      .evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A replay token for a built-in, as `twin check` prints one, made from a schedule. */
function tokenFor(name: string, candidate: Candidate): string {
  const path = findBuiltinScenario(name)?.path ?? '';
  return encodeReplayToken({ scenario: name, fileHash: fileHash(path), candidate });
}

describe.runIf(browserAvailable)('counters, heatmap, counterexamples and capacity in the page', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const app = await startApp();
    server = app.server;
    url = app.url;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the shelf's temperature under the cursor and its heatmap warming after the fans fail", async () => {
    await runBuiltin(page, 'shelf-dual-fan-failure');
    const lines: TraceLine[] = [];
    const scenario = loadScenarioFile(findBuiltinScenario('shelf-dual-fan-failure')?.path ?? '');
    runScenario(scenario, { onTraceLine: (line) => lines.push(JSON.parse(line) as TraceLine) });
    const series = indexCounters(lines).get('shelf1')?.get('temperatureC');
    if (series === undefined) throw new Error('the run wrote no shelf temperature');

    await slider(page).focus();
    await page.keyboard.press('Home');
    for (let minute = 0; minute < 30; minute++) await page.keyboard.press('ArrowRight');
    expect(await cursorSeconds(page)).toBe(1800);
    const track = page.locator('[data-counter="shelf1:temperatureC"]');
    expect(Number(await track.getAttribute('data-value'))).toBe(counterAt(series, 1800));
    expect(await track.textContent()).toContain('°C');
    const heatmap = page.locator('.heatmap[data-shelf="shelf1"]');
    expect(await heatmap.locator('rect').count()).toBe(108);
    const earlyMeanC = Number(await heatmap.getAttribute('data-mean-c'));

    await page.keyboard.press('End');
    const lateMeanC = Number(await heatmap.getAttribute('data-mean-c'));
    expect(lateMeanC - earlyMeanC).toBeGreaterThan(10);
    expect(Number(await track.getAttribute('data-value'))).toBe(counterAt(series, scenario.duration / 1000));
  }, 300_000);

  it('opens a counterexample from a link and lands where the plan alone broke it', async () => {
    const candidate: Candidate = {
      seed: 0,
      faults: [],
      stepPausesMs: [0, 0, 0, 0, 0, 0, 0, 59998, 14, 42295, 22658, 47080, 59995, 1, 25031, 59895, 6115],
      crowdPercent: 115,
    };
    const name = 'broken-migration-hard-shutdown';
    const report = runScenario(
      scenarioFor(loadScenarioFile(findBuiltinScenario(name)?.path ?? ''), candidate),
      { seed: 0 },
    );
    const step = report.steps.find((each) => each.name === 'Shut down web2 hard, without draining it');
    await page.goto(`${url}#replay=${tokenFor(name, candidate)}`);
    const summary = page.locator('[data-testid="counterexample"]');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.textContent()).toContain('check failed: No failed page views');
    expect(await cursorSeconds(page)).toBe(Math.round(step?.startedAt ?? -1));
    expect(await page.locator('[data-testid="trace-hash"]').textContent()).toBe(report.traceHash);
    await screenshots(page, 'counterexample', 'section[aria-label="Counterexample"]');
  }, 180_000);

  it("pasted, a token's faults are markers on the plan lane and the cursor lands on the first", async () => {
    const candidate: Candidate = {
      seed: 3,
      faults: [{ kind: 'vm-crash', target: 'web2', atMs: 600_000, durationMs: 0 }],
      stepPausesMs: [],
      crowdPercent: 100,
    };
    const before = await shownHash(page);
    await page.fill(
      'input[aria-label="Replay token"]',
      `npx twin replay ${tokenFor('old-host-reboot-before', candidate)}`,
    );
    await page.getByRole('button', { name: 'Open counterexample' }).click();
    await waitForNewReport(page, 'old-host-reboot-before', before);
    await page.locator('[data-testid="counterexample"]').waitFor();
    expect(await cursorSeconds(page)).toBe(600);
    expect(await page.locator('[data-fault]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="counterexample"] [data-fault-at="600"]').count()).toBe(1);
  }, 180_000);

  it('draws capacity curves from `twin capacity --json`, with the SLO line and the bottleneck', async () => {
    await page.click('summary:has-text("Capacity curves")');
    await page.setInputFiles('input[aria-label="Capacity JSON file"]', CAPACITY_FIXTURE);
    const view = page.locator('[data-testid="capacity"]');
    await view.waitFor();
    expect(Number(await view.getAttribute('data-points'))).toBe(8);
    const curves = page.locator('path.capacity-curve');
    expect(await curves.count()).toBe(2);
    expect((await curves.first().getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);
    expect(await page.locator('.slo-line').getAttribute('data-slo')).toBe('1000');
    expect(await page.locator('.bottleneck').first().getAttribute('data-bottleneck')).toBe(
      'web1/apache full at ×9.90 (extrapolated)',
    );
    expect(await page.locator('circle.point.fail').count()).toBeGreaterThan(0);
    await screenshots(page, 'capacity', '[data-testid="capacity"]');
  }, 60_000);

  it('draws the 3.5-day eight-Pi cluster, staying responsive while it runs (time to first draw)', async () => {
    const before = await shownHash(page);
    await page.selectOption('select[aria-label="Scenario"]', 'eight-pi-cluster');
    const startedMs = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('[data-testid="percent"]').waitFor();
    const frameMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }),
    );
    expect(frameMs).toBeLessThan(500);
    await waitForNewReport(page, 'eight-pi-cluster', before);
    const [load1] = loadavg();
    console.log(
      `time to first draw, eight-pi-cluster (3.5 d): ${Date.now() - startedMs} ms; a frame while running ${frameMs.toFixed(0)} ms; load average ${load1?.toFixed(2)}`,
    );
  }, 300_000);
});
