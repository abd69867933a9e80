// Issue 20 item 5 in the console: Dukcapil's kasi asks Dinas Kesehatan for a technical opinion
// from the case page (the OPD picker leaves out Dukcapil itself); Dinkes's kasi finds it in
// "Permintaan Pertimbangan", reads the case, answers; the answer shows on Dukcapil's case page
// and in its timeline, and the bell tells the requester.
import type { CaseSummary } from '@layanan/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, BASE_URL, loginConsole, openBrowser, screenshot, tokenOf } from './browser';

describe('console: consults between OPDs (pertimbangan teknis)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let target: CaseSummary;
  const question = `Mohon pertimbangan atas surat keterangan lahir (uji ${Date.now()})`;

  beforeAll(async () => {
    ({ browser, context } = await openBrowser({ width: 1440, height: 900 }));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const cases = await apiCall<CaseSummary[]>(
      `/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'opd' }))}&range=[0,99]`,
      await tokenOf('kasi.dukcapil'),
    );
    const open = cases.find((c) => c.slaStatus !== 'done' && c.slaStatus !== 'paused');
    if (!open) throw new Error('the demo data has no open Dukcapil case');
    target = open;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the lead OPD ask another OPD from the case page, without offering its own OPD', async () => {
    await loginConsole(page, 'kasi.dukcapil');
    await page.goto(`${BASE_URL()}/#/cases/${target.id}/show`);
    await page.getByTestId('consult-ask').click();
    const select = page.getByTestId('consult-opd');
    await select.waitFor();
    const offered = await select.locator('option').allInnerTexts();
    expect(offered.some((o) => o.includes('Kependudukan'))).toBe(false);
    const dinkes = offered.find((o) => o.includes('Kesehatan'));
    expect(dinkes).toBeDefined();
    await select.selectOption({ label: dinkes ?? '' });
    await page.getByTestId('consult-question-input').fill(question);
    const sent = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${target.id}/consults`) && r.request().method() === 'POST');
    await page.getByTestId('consult-ask-send').click();
    expect((await sent).status()).toBe(201);
    const card = page.locator('[data-testid^="consult-"]', { hasText: question }).first();
    await card.getByTestId('consult-status').waitFor();
    expect(await card.getByTestId('consult-status').getAttribute('data-status')).toBe('open');
    await page.getByTestId('timeline').getByText('Pertimbangan teknis diminta').first().waitFor();
    await screenshot(page, 'consult-asked');
  });

  it("puts it in the consulted OPD's queue, where its kasi reads the case and answers", async () => {
    await loginConsole(page, 'kasi.dinkes');
    await page.locator('a[href="#/consults"]').click();
    const row = page.getByTestId('consult-list').locator('tr', { hasText: target.trackingCode });
    await row.waitFor();
    await row.click();
    await page.getByTestId('consult-open-case').waitFor();
    await page.getByTestId('consult-answer-input').fill('Surat keterangan lahir sah; fasilitas kesehatan terdaftar.');
    const answered = page.waitForResponse((r) => r.url().includes('/answer') && r.request().method() === 'POST');
    await page.getByTestId('consult-answer-send').click();
    expect((await answered).status()).toBe(200);
    await page.getByTestId('consult-answer').waitFor();
    expect(await page.getByTestId('consult-status').getAttribute('data-status')).toBe('answered');
    // No answer form once answered: the record is immutable.
    expect(await page.getByTestId('consult-answer-input').count()).toBe(0);
    await screenshot(page, 'consult-answered');
  });

  it("shows the answer on the lead's case page and timeline, and rings the requester's bell", async () => {
    await loginConsole(page, 'kasi.dukcapil');
    await page.goto(`${BASE_URL()}/#/cases/${target.id}/show`);
    const card = page.locator('[data-testid^="consult-"]', { hasText: question }).first();
    await card.getByTestId('consult-answer').waitFor();
    expect(await card.getByTestId('consult-answer').innerText()).toContain('fasilitas kesehatan terdaftar');
    await page.getByTestId('timeline').getByText('Pertimbangan teknis dijawab').first().waitFor();
    const token = await tokenOf('kasi.dukcapil');
    // The relay writes the inbox within a poll or two.
    let notified = false;
    for (let i = 0; i < 50 && !notified; i++) {
      const inbox = await apiCall<{ kind: string; caseId: string }[]>('/notifications?unread=true', token);
      notified = inbox.some((n) => n.kind === 'consult_answered' && n.caseId === target.id);
      if (!notified) await new Promise((r) => setTimeout(r, 200));
    }
    expect(notified).toBe(true);
    expect(errors).toEqual([]);
  });
});
