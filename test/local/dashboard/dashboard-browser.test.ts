/**
 * The dashboard page in a real headless Chromium: the script runs under the page's Content-Security-Policy without a
 * single console error, draws a chart in every metric widget and a state for every alarm. Skips when /usr/bin/chromium
 * is absent (install it with `apt-get install -y chromium`). The screenshot is left in the temp folder to look at.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardServer, startDashboard } from '#local/dashboard/server';
import type { LocalTwin } from '#local/twin/twin';
import { startTestTwin } from '#test/support/twin';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

const NOTE = 'CHIEF COMPLAINT: sore throat.\nASSESSMENT: Acute pharyngitis.\nPLAN: Rest and fluids.\n';
const SCREENSHOT = join(tmpdir(), 'claimflow-dashboard.png');

describe.skipIf(!hasChromium)('the dashboard page in headless Chromium', () => {
  let twin: LocalTwin;
  let dashboard: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    twin = await startTestTwin();
    dashboard = await startDashboard(twin, { refreshMs: 500 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await twin?.stop();
  });

  it('draws every widget from live data with no console errors', async () => {
    for (let i = 0; i < 3; i += 1) {
      const Key = `inbox/browser/note-${i}.txt`;
      await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName!, Key, Body: NOTE }));
    }
    await twin.waitUntilDrained();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(dashboard.url);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 10_000 });

    const metricWidgets = page.locator('section[data-kind="metric"]');
    const count = await metricWidgets.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      await expect.poll(() => metricWidgets.nth(i).locator('svg').count()).toBe(1);
    }
    const documents = page.locator('section', { has: page.locator('h2', { hasText: /^Documents$/ }) });
    expect(await documents.locator('circle').count()).toBeGreaterThan(0);
    const states = await page.locator('section[data-kind="alarm"] .state').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => ['OK', 'ALARM', 'INSUFFICIENT DATA'].includes(s))).toBe(true);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  });
});
