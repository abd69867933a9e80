/// <reference lib="dom" />
// Issue 14, the console's side of daily work: queue badges that match the API, totals that are
// never a capped count, each role's own queues and landing, bulk approval with a result per
// case, confirmation before deciding, atomic counter intake, service deactivation, timeline labels.
import type { CaseSummary, QueueCounts } from '@layanan/contracts';
import type { Browser, Page } from 'playwright-core';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { loginConsole, openBrowser } from './browser';

/** A request to the API as the signed-in user (the console's own token). */
async function api<T>(page: Page, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Record<string, string> }> {
  return page.evaluate(
    async ([p, b]) => {
      const token = Object.entries(window.localStorage).find(([k]) => k.toLowerCase().includes('access'))?.[1] ?? '';
      const init: RequestInit = { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } };
      if (b !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(b) });
      const res = await fetch(`/api${p}`, init);
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => (headers[key] = value));
      return { status: res.status, body: (await res.json()) as T, headers };
    },
    [path, body] as const,
  );
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
    const opened = await openBrowser({ width: 1366, height: 900 });
    browser = opened.browser;
    page = await opened.context.newPage();
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

  it('approves in bulk from the waiting queue after a confirmation, with a result per case (a stale one named, in Indonesian)', async () => {
    await loginConsole(page, 'kasi.dukcapil');
    await page.getByTestId('queue-tab-waiting').waitFor();
    await page.waitForLoadState('networkidle');
    const waiting = await api<CaseSummary[]>(
      page,
      `/cases?filter=${encodeURIComponent('{"queue":"waiting"}')}&sort=${encodeURIComponent('["dueAt","ASC"]')}&range=[0,24]`,
    );
    expect(waiting.body.length).toBeGreaterThanOrEqual(3);
    const picked = waiting.body.slice(0, 3);
    const checkboxes = page.locator('.RaDatagrid-tbody input[type="checkbox"]');
    for (let i = 0; i < 3; i++) await checkboxes.nth(i).check();
    // Someone else touches the second case after the list was loaded: its version moves on.
    const stale = picked[1];
    const touched = await api(page, `/cases/${stale.id}/events`, { type: 'COMMENT', version: stale.version, comment: 'cek ulang berkas' });
    expect(touched.status).toBe(200);
    await page.getByTestId('bulk-approve').click();
    await expect(page.getByTestId('bulk-approve-question').innerText()).resolves.toContain(picked[0].trackingCode);
    await page.getByTestId('bulk-approve-submit').click();
    const results = page.getByTestId('bulk-approve-results');
    await results.waitFor();
    const outcome = async (id: string) => {
      const row = page.getByTestId(`bulk-result-${id}`);
      return [await row.getAttribute('data-ok'), await row.getAttribute('data-code'), await row.innerText()] as const;
    };
    const [okA, okB, conflict] = [await outcome(picked[0].id), await outcome(picked[2].id), await outcome(stale.id)];
    expect([okA[0], okB[0]]).toEqual(['true', 'true']);
    expect(okA[2]).toContain('Berhasil');
    expect(conflict[0]).toBe('false');
    expect(conflict[1]).toBe('CASE_VERSION_CONFLICT');
    expect(conflict[2]).toContain('baru saja diubah oleh petugas lain');
    await expect(page.getByTestId('bulk-approve-results-summary').innerText()).resolves.toContain('2 berhasil, 1 gagal');
    const states = await Promise.all(picked.map(async (c) => (await api<CaseSummary>(page, `/cases/${c.id}`)).body.state));
    expect(states).toEqual(['approved', 'verified', 'approved']);
    await page.getByTestId('bulk-approve-close').click();
  });

  it('asks before approving one case, and a cancel sends nothing', async () => {
    const [c] = (await api<CaseSummary[]>(page, `/cases?filter=${encodeURIComponent('{"queue":"waiting"}')}&range=[0,0]`)).body;
    await page.goto(`${page.url().split('#')[0]}#/cases/${c.id}/show`);
    await page.getByTestId('action-APPROVE').click();
    await expect(page.getByTestId('action-question').innerText()).resolves.toMatch(
      new RegExp(`Yakin akan setujui permohonan ${c.trackingCode}`),
    );
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.getByTestId('action-dialog-APPROVE').waitFor({ state: 'detached' });
    expect((await api<CaseSummary>(page, `/cases/${c.id}`)).body.version).toBe(c.version);
    await page.getByTestId('action-APPROVE').click();
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('case-state').filter({ hasText: 'Disetujui' }).waitFor();
  });

  it('says in the timeline which document was checked and the verdict, every entry labelled in Indonesian', async () => {
    await loginConsole(page, 'verifikator.dukcapil');
    await page.getByTestId('queue-tab-unassigned').click();
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid^="case-link-"]').first().click();
    await page.getByTestId('action-CLAIM').click();
    await page.getByTestId('action-CLAIM').waitFor({ state: 'detached' });
    const valid = page.locator('[data-testid^="doc-valid-"]').first();
    const key = ((await valid.getAttribute('data-testid')) ?? '').replace('doc-valid-', '');
    await valid.click();
    const entry = page.locator('[data-testid^="event-document-"]').filter({ hasText: /: Sesuai$/ });
    await entry.waitFor();
    const id = page.url().split('/cases/')[1].split('/')[0];
    const detail = await api<{ requirements: { key: string; label: string }[] }>(page, `/cases/${id}`);
    const label = detail.body.requirements.find((r) => r.key === key)?.label ?? '';
    expect(label).not.toBe('');
    await expect(entry.innerText()).resolves.toBe(`${label}: Sesuai`);
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('Dokumen diperiksa');
    expect(timeline).not.toMatch(/\b[A-Z]+_[A-Z_]+\b|\b(CLAIM|SUBMIT|ESCALATE)\b/);
  });

  describe('counter intake', () => {
    const NIK = '3573054107900001';
    const pdf = (title: string) => ({ name: `${title}.pdf`, mimeType: 'application/pdf', buffer: demoPdf(title) });
    const notPdf = { name: 'kk.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a PDF at all') };
    const casesOfNik = async (name: string) =>
      (await api<CaseSummary[]>(page, `/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'opd', q: name }))}&range=[0,9]`)).body;

    async function fillApplication(name: string): Promise<void> {
      await page.goto(`${page.url().split('#')[0]}#/cases/create`);
      const service = page.getByLabel('Layanan').first();
      await service.fill('KTP-el Baru');
      await page.getByRole('option', { name: 'KTP-el Baru' }).click();
      await page.getByTestId('new-case-nik').fill(NIK);
      await page.getByTestId('new-case-name').fill(name);
      await page.getByTestId('new-case-phone').fill('081234567890');
      await page.getByTestId('new-case-file-kk').waitFor({ state: 'attached' });
    }

    it('checks the NIK as it is typed, in Indonesian, before anything is sent', async () => {
      await loginConsole(page, 'petugas.dukcapil');
      await page.goto(`${page.url().split('#')[0]}#/cases/create`);
      const nik = page.getByTestId('new-case-nik');
      await nik.pressSequentially('35730541');
      await page.getByText('NIK harus 16 digit angka (sekarang 8)').waitFor();
      await nik.fill('9973054107900001');
      await page.getByText('Dua digit pertama NIK bukan kode provinsi yang dikenal').waitFor();
      await nik.fill(NIK);
      await page.getByText('Format NIK benar').waitFor();
      expect(await page.getByText('Dua digit pertama NIK').count()).toBe(0);
    });

    it('sends the case and its documents in one request; a refused document leaves no case', async () => {
      const name = `Loket Atomik ${Date.now()}`;
      await fillApplication(name);
      await page.getByTestId('new-case-file-kk').setInputFiles(notPdf);
      await page.getByTestId('new-case-file-akta-lahir').setInputFiles(pdf('Akta'));
      const requests: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/api/cases')) requests.push(`${r.url()} ${r.headers()['content-type'] ?? ''}`);
      });
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/cases'));
      await page.getByRole('button', { name: 'Simpan' }).click();
      // The file inspection refuses what is not the PDF it claims to be (415 naming doc_kk).
      const refusal = await refused;
      expect(refusal.status()).toBe(415);
      expect(((await refusal.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['doc_kk']);
      await page.getByText('tidak ada yang tersimpan').waitFor();
      expect(await casesOfNik(name)).toEqual([]);
      // The same form, the KK replaced by a real PDF: one request registers case and both documents.
      await page.getByTestId('new-case-file-kk').setInputFiles(pdf('KK'));
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/cases'));
      await page.getByRole('button', { name: 'Simpan' }).click();
      expect((await created).status()).toBe(201);
      await page.getByTestId('case-state').waitFor();
      expect(requests).toHaveLength(2);
      expect(requests.every((r) => r.includes('multipart/form-data') && !r.includes('/documents'))).toBe(true);
      const [c] = await casesOfNik(name);
      const detail = await api<{ documents: { requirementKey: string }[]; dueAt: string }>(page, `/cases/${c.id}`);
      expect(detail.body.documents.map((d) => d.requirementKey).sort()).toEqual(['akta-lahir', 'kk']);
    });
  });

  it('deactivates a service instead of deleting it: the portal no longer lists it, until it is activated again', async () => {
    const code = 'legalisasi-ijazah-madrasah';
    await loginConsole(page, 'admin');
    const services = await api<{ id: string; code: string; name: string }[]>(page, '/services?range=[0,199]');
    const service = services.body.find((s) => s.code === code);
    expect(service).toBeDefined();
    const base = page.url().split('#')[0];
    const portal = await browser.newPage({ locale: 'id-ID' });
    const listed = async () => {
      await portal.goto(`${base}portal/`);
      await portal.locator('[data-testid^="service-"]').first().waitFor();
      return portal.getByTestId(`service-${code}`).count();
    };
    expect(await listed()).toBe(1);

    await page.goto(`${base}#/services/${service?.id}`);
    await page.getByTestId('service-status').filter({ hasText: 'Aktif' }).waitFor();
    expect(await page.getByRole('button', { name: 'Hapus' }).count()).toBe(0);
    await page.getByTestId('service-deactivate').click();
    await page.getByText('Permohonan yang sedang berjalan tetap diproses').waitFor();
    await page.locator('.ra-confirm').click();
    await page.getByTestId('service-status').filter({ hasText: 'Nonaktif' }).waitFor();
    expect(await listed()).toBe(0);
    const publicList = await portal.evaluate(async () => (await (await fetch('/api/public/services')).json()) as { code: string }[]);
    expect(publicList.some((s) => s.code === code)).toBe(false);

    await page.getByTestId('service-activate').click();
    await page.locator('.ra-confirm').click();
    await page
      .getByTestId('service-status')
      .filter({ hasText: /^Aktif/ })
      .waitFor();
    expect(await listed()).toBe(1);
    await portal.close();
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
