// Issue 14 item 12: the admin corrects a holiday's name on the console's holidays page; the
// list shows the decree each row comes from.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, loginConsole, openBrowser, screenshot } from './browser';

describe('console holidays page', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ browser, context } = await openBrowser());
    page = await context.newPage();
    await loginConsole(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the decreed days with their decree and lets the admin correct a name', async () => {
    await page.goto(`${BASE_URL()}/#/holidays`);
    const row = page.locator('tr', { hasText: 'Cuti Bersama Wafat Yesus Kristus' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('SKB Menteri Agama No. 1205 Tahun 2026');
    await row.click();
    const name = page.locator('input[name="name"]');
    await name.waitFor();
    await expect(name.inputValue()).resolves.toBe('Cuti Bersama Wafat Yesus Kristus');
    await name.fill('Cuti Bersama Wafat Yesus Kristus (Jumat Agung)');
    const saved = page.waitForResponse((r) => r.url().includes('/api/holidays/') && r.request().method() === 'PUT');
    await page.locator('button[type="submit"]').click();
    expect((await saved).status()).toBe(200);
    await page.locator('tr', { hasText: 'Cuti Bersama Wafat Yesus Kristus (Jumat Agung)' }).waitFor();
    await screenshot(page, 'holidays-corrected');
  });
});
