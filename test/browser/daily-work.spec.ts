/// <reference lib="dom" />
// Issue 14, the console's side of daily work: queue badges that match the API, totals that are
// never a capped count, each role's own queues and landing, bulk approval with a result per
// case, confirmation before deciding, atomic counter intake, service deactivation, timeline labels.
import type { QueueCounts } from '@layanan/contracts';
import type { Browser, Page } from 'playwright-core';
import { launch, loginConsole } from './browser';

/** A GET on the API as the signed-in user (the console's own token). */
async function api<T>(page: Page, path: string): Promise<{ status: number; body: T; headers: Record<string, string> }> {
  return page.evaluate(async (p) => {
    const token = Object.entries(window.localStorage).find(([k]) => k.toLowerCase().includes('access'))?.[1] ?? '';
    const res = await fetch(`/api${p}`, { headers: { Authorization: `Bearer ${token}` } });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => (headers[key] = value));
    return { status: res.status, body: (await res.json()) as T, headers };
  }, path);
}

const tabIds = (page: Page) =>
  page
    .locator('[data-testid^="queue-tab-"]')
    .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').replace('queue-tab-', '')));

describe('console daily work', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Tabs and menu badges show exactly the API's queues and counts; the landing tab is its default queue. */
  async function expectQueuesOfApi(): Promise<QueueCounts> {
    const { body: counts } = await api<QueueCounts>(page, '/cases/queue-counts');
    await page.getByTestId(`queue-tab-${counts.defaultQueue}`).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await tabIds(page)).toEqual(counts.queues.map((q) => q.queue));
    for (const q of counts.queues) {
      const badge = page.getByTestId(`queue-count-${q.queue}`);
      const menu = page.getByTestId(`menu-count-${q.queue}`);
      if (q.count === 0) {
        expect(await badge.isVisible()).toBe(false);
      } else {
        expect((await badge.innerText()).trim()).toBe(q.capped ? `${q.count}+` : String(q.count));
        expect((await menu.innerText()).trim()).toBe(q.capped ? `${q.count}+` : String(q.count));
      }
    }
    expect(await page.getByTestId(`queue-tab-${counts.defaultQueue}`).getAttribute('aria-selected')).toBe('true');
    return counts;
  }

  it('gives the supervisor a "Menunggu Persetujuan" queue, lands them there, badges matching the API', async () => {
    await loginConsole(page, 'kasi.dukcapil');
    const counts = await expectQueuesOfApi();
    expect(counts.defaultQueue).toBe('waiting');
    expect(counts.queues.find((q) => q.queue === 'waiting')?.count).toBeGreaterThan(0);
    await expect(page.getByTestId('queue-tab-waiting').innerText()).resolves.toMatch(/Menunggu Persetujuan/i);
  });

  it('shows an officer their inbox and pool with the counts of the API', async () => {
    await loginConsole(page, 'petugas.dukcapil');
    const counts = await expectQueuesOfApi();
    expect(counts.defaultQueue).toBe('mine');
    expect(counts.queues.some((q) => q.count > 0)).toBe(true);
  });

  it.each(['admin', 'pimpinan'])('gives %s the city-wide list, not an empty inbox', async (user) => {
    await loginConsole(page, user);
    const counts = await expectQueuesOfApi();
    expect(counts.defaultQueue).toBe('all');
    expect(await page.getByTestId('queue-tab-mine').count()).toBe(0);
    expect(await page.getByTestId('menu-queue-mine').count()).toBe(0);
    expect(await page.locator('[data-testid^="case-link-"]').count()).toBeGreaterThan(0);
  });

  it('never states a capped count as the total: "lebih dari 250", then an exact total once counted', async () => {
    await loginConsole(page, 'admin');
    const first = await api<unknown[]>(page, `/cases?filter=${encodeURIComponent('{"queue":"all"}')}&range=[0,24]`);
    expect(first.headers['content-range']).toBe('cases 0-24/*');
    const atLeast = Number(first.headers['x-total-at-least']);
    const pagination = page.getByTestId('case-pagination');
    await expect(pagination.innerText()).resolves.toContain(`1-25 dari lebih dari ${atLeast - 1}`);
    expect(await pagination.innerText()).not.toContain(`dari ${atLeast}`);
    // 100 a page: the API counts them all (below the cap of that page), so the total is exact.
    const wide = await api<unknown[]>(page, `/cases?filter=${encodeURIComponent('{"queue":"all"}')}&range=[0,99]`);
    const total = wide.headers['content-range'].split('/')[1];
    expect(Number(total)).toBeGreaterThan(atLeast - 1);
    await page.getByRole('combobox', { name: 'Baris per halaman:' }).click();
    await page.getByRole('option', { name: '100' }).click();
    await pagination.filter({ hasText: `1-100 dari ${total}` }).waitFor();
    expect(errors).toEqual([]);
  });
});
