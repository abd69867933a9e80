/// <reference lib="dom" />
// "Ekspor Saya": the section head sends the case list on screen to a background export, sees it
// queued then ready in "Ekspor Saya" without reloading, downloads it (the file equals the
// streamed CSV of the same list), and the bell says "ekspor siap".
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { BASE_URL, loginConsole, openBrowser, screenshot, tokenOf } from './browser';

describe('background case-list export in the console', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openBrowser();
    context = opened.context;
    close = () => opened.browser.close();
  });
  afterAll(async () => {
    await close?.();
  });

  it('starts a background export of the list, shows its progress to ready and downloads it', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginConsole(page, 'kasi.dukcapil');
    await page.getByTestId('queue-tab-opd').or(page.getByTestId('queue-tab-all')).first().click();
    await page.waitForLoadState('networkidle');
    const started = page.waitForResponse((r) => r.url().includes('/api/exports/case-jobs') && r.request().method() === 'POST');
    await page.getByTestId('cases-export-background').click();
    const job = (await (await started).json()) as { id: string; filter: Record<string, unknown>; sort: [string, string] };
    await page.waitForURL(/\/exports$/);
    const row = page.locator('[data-testid="export-job"][data-status="ready"]').first();
    await row.waitFor({ timeout: 30_000 });
    expect(await page.getByText('Siap diunduh').first().isVisible()).toBe(true);
    await screenshot(page, 'console-my-exports');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('export-job-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^daftar-permohonan-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = readFileSync(await download.path());
    // The same list streamed directly, as the same user.
    const token = await tokenOf('kasi.dukcapil');
    const q = new URLSearchParams({ filter: JSON.stringify(job.filter), sort: JSON.stringify(job.sort) });
    const direct = Buffer.from(
      await (await fetch(`${BASE_URL()}/api/exports/cases?${q}`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer(),
    );
    expect(file.equals(direct)).toBe(true);
    expect(file.toString('utf8').split('\n').length).toBeGreaterThan(2);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-item').filter({ hasText: 'Ekspor siap' }).first().waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
