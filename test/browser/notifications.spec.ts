/// <reference lib="dom" />
// The staff bell: a verifier has the console open; the section head assigns a case to them
// (through the API, as another person at another desk); the bell's count rises without a
// reload, the notice names the case, and opening it shows the case and marks it read.
import type { StaffNotificationView } from '@layanan/contracts';
import type { Browser, Page } from 'playwright-core';
import { apiCall as api, BASE_URL, DEMO_PASSWORD as PASSWORD, openBrowser, screenshot, tokenOf } from './browser';

describe('staff notification bell', () => {
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

  it('shows a new assignment without reload and opens its case', async () => {
    // The bare URL: the console sends an anonymous visitor to its login page.
    await page.goto(`${BASE_URL()}/`);
    await page.getByTestId('login-username').fill('verifikator2.dukcapil');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    const badge = () =>
      page.evaluate(() => Number(document.querySelector('[data-testid="notification-count"]')?.textContent?.replace(/\D/g, '') || '0'));

    const kasi = await tokenOf('kasi.dukcapil');
    const mine = await tokenOf('verifikator2.dukcapil');
    const me = await api<{ id: string }>('/auth/me', mine);
    const inbox = () => api<StaffNotificationView[]>('/notifications?limit=50', mine);
    const unread = async () => (await api<{ unread: number }>('/notifications/summary', mine)).unread;
    /** Polls until the badge shows the inbox's unread count (earlier specs' notices may still be arriving). */
    const badgeMatchesInbox = async (also?: () => Promise<boolean>) => {
      const until = Date.now() + 20_000;
      for (;;) {
        const [shown, count] = [await badge(), await unread()];
        if (shown === count && (!also || (await also()))) return shown;
        if (Date.now() > until) throw new Error(`the bell shows ${shown}, the inbox has ${count} unread`);
        await page.waitForTimeout(250);
      }
    };
    // The badge reads 0 until the bell's first poll answers: the baseline is what it shows then.
    const before = await badgeMatchesInbox();
    // Unassigned work waiting on a verifier (the verifier's own pool), handed to them by the head.
    const waiting = await api<{ id: string; version: number; trackingCode: string }[]>(
      `/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'unassigned' }))}&range=${encodeURIComponent('[0,49]')}`,
      mine,
    );
    const target = waiting[waiting.length - 1];
    if (!target) throw new Error('no unassigned Dispendukcapil case in the demo data');
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await api(`/cases/${target.id}/events`, kasi, {
      method: 'POST',
      body: { type: 'ASSIGN', version: target.version, assigneeId: me.id, reason: 'Pembagian beban kerja' },
    });

    // The relay writes the notice; the bell's next poll (ETag) shows it: no reload.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="notification-count"]')?.textContent?.replace(/\D/g, '') || '0') > n,
      before,
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await bell.click();
    const item = page.getByTestId('notification-item').filter({ hasText: target.trackingCode });
    await item.waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    await screenshot(page, 'console-notification-bell');
    await item.click();
    await page.getByTestId('case-tracking-code').waitFor();
    expect((await page.getByTestId('case-tracking-code').innerText()).trim()).toBe(target.trackingCode);
    expect(page.url()).toContain(`/cases/${target.id}/show`);
    // Opening it marked it read, and the badge follows the inbox without a reload.
    const targetRead = async () => (await inbox()).filter((n) => n.caseId === target.id).every((n) => n.readAt !== null);
    await badgeMatchesInbox(targetRead);
    expect(await targetRead()).toBe(true);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    expect(errors).toEqual([]);
  });
});
