/// <reference lib="dom" />
// Issue 14 item 6: the common failures reach people in Indonesian text keyed on the API's
// error code, never the API's English message: wrong password, lockout, rate limit, a 409
// version conflict, a 422 (an assignee who cannot act) and a 413 (a file over the limit).
// Every failure is a real answer of the real server.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, loginConsole, openBrowser } from './browser';

/** Words of the API's English messages and of framework errors; none may reach the screen. */
const ENGLISH =
  /\b(Exception|Too Many|Requests?|Invalid|Locked|Unauthorized|Forbidden|Cannot|Must|Conflict|Version|Payload|Too large|Unprocessable|Failed|Error|ESCALATE)\b|[A-Z]+_[A-Z_]+/;

function expectIndonesian(text: string, expected: RegExp): void {
  expect(text).toMatch(expected);
  expect(text).not.toMatch(ENGLISH);
}

const snackbar = (page: Page) => page.locator('.MuiSnackbarContent-message').last();

async function tryLogin(page: Page, username: string, password: string): Promise<string> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  const text = await error.innerText();
  await page.getByTestId('login-username').fill('');
  return text;
}

describe('errors in Indonesian, by code', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    ({ browser, context } = await openBrowser({ width: 1366, height: 900 }));
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says a wrong password and a locked account in Indonesian', async () => {
    await page.goto(`${BASE_URL()}/`);
    await page.getByTestId('login-username').waitFor({ timeout: 2000 });
    expectIndonesian(await tryLogin(page, 'kadis.dinkes', 'salah-sekali'), /kata sandi salah/);
    let text = '';
    for (let i = 0; i < 10 && !/dikunci/.test(text); i++) text = await tryLogin(page, 'petugas.dinkes', 'salah-sekali');
    expectIndonesian(text, /dikunci/);
  });

  it('says a 409 version conflict in Indonesian', async () => {
    await loginConsole(page, 'verifikator.pmptsp');
    await page.getByTestId('queue-tab-unassigned').click();
    await page.waitForLoadState('networkidle');
    const link = page.locator('[data-testid^="case-link-"]').first();
    await link.waitFor();
    await link.click();
    await page.getByTestId('action-CLAIM').waitFor();
    // The same case in a second tab, claimed there first: this tab's version is stale.
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByTestId('action-CLAIM').click();
    await other.getByTestId('action-CLAIM').waitFor({ state: 'detached' });
    await other.close();
    await page.getByTestId('action-CLAIM').click();
    await snackbar(page).waitFor();
    expectIndonesian(await snackbar(page).innerText(), /baru saja diubah/);
  });

  it('says a 413 for a file over the limit in Indonesian', async () => {
    await page.reload();
    await page.getByTestId('case-state').waitFor();
    const upload = page.locator('[data-testid^="doc-upload-"]').first();
    await upload.click();
    await page.getByTestId('upload-dialog').waitFor();
    const big = Buffer.alloc(11 * 1024 * 1024, 0);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
    await page.getByTestId('upload-file').setInputFiles({ name: 'scan-besar.png', mimeType: 'image/png', buffer: big });
    const answered = page.waitForResponse((r) => r.url().includes('/documents') && r.request().method() === 'POST');
    await page.getByTestId('upload-submit').click();
    expect((await answered).status()).toBe(413);
    await snackbar(page).waitFor();
    expectIndonesian(await snackbar(page).innerText(), /terlalu besar/);
    await page.keyboard.press('Escape');
  });

  it('says a 422 (an assignee who cannot act on the step) in Indonesian', async () => {
    await loginConsole(page, 'kasi.pmptsp');
    await page.getByTestId('queue-tab-unassigned').click();
    await page.waitForLoadState('networkidle');
    // A case waiting for verification, given to a front-desk officer: 422 ASSIGNEE_CANNOT_ACT.
    const row = page.locator('tr', { has: page.locator('[data-testid^="case-link-"]') }).first();
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-assign').click();
    await page.getByTestId('bulk-assign-dialog').waitFor();
    const officer = page.getByTestId('bulk-assignee').locator('option', { hasText: 'Petugas Loket' }).first();
    await page.getByTestId('bulk-assignee').selectOption({ label: (await officer.innerText()).trim() });
    await page.getByTestId('bulk-reason').fill('Uji penugasan');
    await page.getByTestId('bulk-assign-submit').click();
    const results = page.getByTestId('bulk-assign-results');
    await results.waitFor();
    expectIndonesian(await results.innerText(), /tidak dapat mengerjakan/);
    await page.keyboard.press('Escape');
  });

  it('says the rate limit in Indonesian, not ThrottlerException', async () => {
    await page.goto(`${BASE_URL()}/`);
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await page.getByTestId('login-username').waitFor({ timeout: 2000 });
    // Spend this address's login budget, whatever it is (up to 5,000 attempts).
    const limited = await page.evaluate(async () => {
      for (let i = 0; i < 5000; i++) {
        const res = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: `tidak-ada-${i}`, password: 'x' }),
        });
        if (res.status === 429) return i;
      }
      return -1;
    });
    expect(limited).toBeGreaterThanOrEqual(0);
    expectIndonesian(await tryLogin(page, 'kasi.pmptsp', 'malang-demo-2026'), /Terlalu banyak/);
    // Leave the address usable for the next spec file: wait until the limit has passed.
    const started = Date.now();
    const probe = () =>
      page.evaluate(async () => {
        const res = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'tidak-ada', password: 'x' }),
        });
        return res.status;
      });
    while ((await probe()) === 429 && Date.now() - started < 120_000) await page.waitForTimeout(5000);
    await loginConsole(page, 'kasi.pmptsp');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
