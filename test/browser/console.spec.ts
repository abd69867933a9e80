/// <reference lib="dom" />
// The staff journey of the console issue: a Dispendukcapil verifier claims an unassigned case,
// marks its documents valid and verifies it; the section head approves it; a Kemenag verifier
// never sees it. Screenshots of the queue and the case page go to test-artifacts/.
import type { Browser, Page } from 'playwright-core';
import { loginConsole as login, openBrowser, openCase, screenshot } from './browser';

describe('staff console', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    const opened = await openBrowser({ width: 1366, height: 860 });
    browser = opened.browser;
    page = await opened.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  let trackingCode = '';
  let caseUrl = '';

  it('lets verifikator.dukcapil claim an unassigned case, mark its documents valid and verify it', async () => {
    await login(page, 'verifikator.dukcapil');
    await page.getByTestId('queue-tab-unassigned').click();
    await page.waitForLoadState('networkidle');
    const firstLink = page.locator('[data-testid^="case-link-"]').first();
    await firstLink.waitFor();
    await screenshot(page, 'console-queue');
    await firstLink.click();
    await page.getByTestId('case-state').waitFor();
    trackingCode = (await page.getByTestId('case-tracking-code').innerText()).trim();
    expect(trackingCode).toMatch(/^DKC-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    caseUrl = page.url();
    await page.getByTestId('action-CLAIM').click();
    await page.getByTestId('action-CLAIM').waitFor({ state: 'detached' });
    const validButtons = page.locator('[data-testid^="doc-valid-"]');
    await validButtons.first().waitFor();
    const keys = (await validButtons.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).map((id) =>
      id.replace('doc-valid-', ''),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      await page.getByTestId(`doc-valid-${key}`).click();
      await page
        .getByTestId(`doc-status-${key}`)
        .filter({ hasText: /^Sesuai$/ })
        .waitFor();
    }
    await page.getByTestId('action-VERIFY').click();
    await page.getByTestId('case-state').filter({ hasText: 'Terverifikasi' }).waitFor();
    await screenshot(page, 'console-case');
    expect(await page.getByTestId('action-APPROVE').count()).toBe(0);
  });

  it('lets kasi.dukcapil approve it', async () => {
    await login(page, 'kasi.dukcapil');
    await openCase(page, trackingCode);
    await page.getByTestId('action-APPROVE').click();
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('case-state').filter({ hasText: 'Disetujui' }).waitFor();
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toMatch(/Rina Wulandari/);
  });

  it('never shows it to a Kemenag verifier', async () => {
    await login(page, 'verifikator.kemenag');
    await page.getByTestId('queue-tab-opd').click();
    await page.waitForLoadState('networkidle');
    const searched = page.waitForResponse((r) => r.url().includes('/api/cases?') && r.url().includes(trackingCode));
    await page.getByTestId('case-search').fill(trackingCode);
    await searched;
    await page.waitForLoadState('networkidle');
    expect(await page.locator(`[data-testid="case-link-${trackingCode}"]`).count()).toBe(0);
    const direct = await page.evaluate(async (url) => {
      const id = url.split('/cases/')[1].split('/')[0];
      const token = Object.entries(window.localStorage).find(([k]) => k.toLowerCase().includes('access'))?.[1] ?? '';
      const res = await fetch(`/api/cases/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      return res.status;
    }, caseUrl);
    expect(direct).toBe(404);
  });

  it('shows no English react-admin text in Indonesian mode on these pages', async () => {
    const text = await page.locator('body').innerText();
    for (const english of ['Search', 'Filter', 'Rows per page', 'No results', 'Loading', 'Save', 'Delete', 'Export']) {
      expect(text).not.toContain(english);
    }
    expect(errors).toEqual([]);
  });
});
