// Issue 20 item 4 in the console: an officer marks leave from "Cuti saya" (a day far ahead, so no
// other test's assignments are touched), an overlapping one is refused with the translated
// LEAVE_OVERLAP text, and cancels it; the section head opens the reassignment preview of a
// verifier from "Tim & Cuti", each open case with the officer it would go to.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { nextDay, wibDayFromToday } from '../support/fake-clock';
import { loginConsole, openBrowser, screenshot } from './browser';

describe('console: leave and reassignment', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const from = wibDayFromToday(90);

  beforeAll(async () => {
    ({ browser, context } = await openBrowser({ width: 1440, height: 900 }));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an officer mark their own leave, refuses an overlap in Indonesian, and cancels it', async () => {
    // Not petugas.dinkes: errors.spec.ts locks that account, and the spec files run in any order.
    await loginConsole(page, 'petugas.kemenag');
    await page.getByTestId('menu-my-leave').click();
    await page.getByTestId('leave-panel').waitFor();
    await page.getByText('Belum ada cuti tercatat.').waitFor();
    await page.getByTestId('leave-from').fill(from);
    await page.getByTestId('leave-until').fill(nextDay(from, 2));
    await page.getByTestId('leave-note').fill('Cuti tahunan');
    await page.getByTestId('leave-add').click();
    const row = page.getByTestId(`leave-${from}`);
    await row.getByText('Akan datang').waitFor();
    await row.getByText('Cuti tahunan').waitFor();

    await page.getByTestId('leave-from').fill(nextDay(from, 2));
    await page.getByTestId('leave-until').fill(nextDay(from, 3));
    await page.getByTestId('leave-add').click();
    await page.getByText('Cuti ini bertumpang tindih dengan cuti lain petugas yang sama.').waitFor();
    await screenshot(page, 'leave-own');

    await page.getByTestId(`leave-cancel-${from}`).click();
    await row.getByText('Dibatalkan').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the section head where each open case of a verifier would go, before anything is written', async () => {
    await loginConsole(page, 'kasi.dinkes');
    await page.getByTestId('menu-team').click();
    await page.getByTestId('team-verifikator.dinkes').getByTestId('reassign-open').click();
    const dialog = page.getByTestId('reassign-dialog');
    await dialog.waitFor();
    await dialog.getByText('Usulan: setiap berkas ke petugas').waitFor();
    const rows = dialog.locator('[data-testid^="reassign-row-"]');
    const none = dialog.getByText('Tidak ada berkas terbuka yang ditugaskan kepadanya.');
    await Promise.race([rows.first().waitFor(), none.waitFor()]);
    const n = await rows.count();
    for (let i = 0; i < n; i++) expect((await rows.nth(i).getByTestId('reassign-to').innerText()).trim()).not.toBe('');
    await screenshot(page, 'reassign-preview');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    expect(errors).toEqual([]);
  });
});
