// A journalist opens the portal, follows "Transparansi" and reads the public table: the figures
// the API publishes, the suppression note, and CSV/JSON downloads of the same table.
import type { TransparencyReport } from '@layanan/contracts';
import type { Browser } from 'playwright-core';
import { BASE_URL, deskContext, launch, screenshot } from './browser';

describe('public transparency page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('navigates from /portal/ to /portal/transparansi and shows the published table with downloads', async () => {
    const context = await deskContext(browser, { width: 1280, height: 900 });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${BASE_URL()}/portal/`);
    await page.getByTestId('nav-transparency').click();
    await page.getByTestId('tp-generated').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/transparansi');
    await expect(page.locator('h1').textContent()).resolves.toBe('Transparansi Kinerja Layanan');
    await expect(page.title()).resolves.toContain('Transparansi Kinerja Layanan');

    const api = (await (await fetch(`${BASE_URL()}/api/public/transparency`)).json()) as TransparencyReport;
    await expect(page.getByTestId('tp-generated').textContent()).resolves.toContain(`${api.rows.length} baris`);
    await expect(page.locator('[data-testid^="tp-row-"]').count()).resolves.toBe(api.rows.length);
    await expect(page.getByTestId('tp-suppressed-note').textContent()).resolves.toContain(`kurang dari ${api.minCell}`);
    for (const r of api.rows.slice(0, 20)) {
      const row = page.getByTestId(`tp-row-${r.month}-${r.opdCode}-${r.serviceCode}`);
      await expect(row.getByTestId('tp-received').textContent()).resolves.toBe(
        r.received === null ? `< ${api.minCell}` : String(r.received),
      );
    }

    // The downloads are the same table, for the year shown.
    const csvHref = await page.getByTestId('tp-csv').getAttribute('href');
    expect(csvHref).toBe(`/api/public/transparency.csv?year=${api.year}`);
    const csv = await fetch(`${BASE_URL()}${csvHref}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(api.rows.length + 1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tp-json').click()]);
    expect(download.suggestedFilename()).toBe(`transparansi-layanan-${api.year}.json`);

    // English on request; the page stays where it is.
    await page.getByTestId('lang-toggle').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Service Performance Transparency');
    expect(new URL(page.url()).pathname).toBe('/portal/transparansi');
    await screenshot(page, 'transparency');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
