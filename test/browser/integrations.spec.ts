/// <reference lib="dom" />
// The integration pages (admin): register a partner with its URL, event types and OPD scope;
// its signing secret shows once and signs what a local receiver gets; rotate the secret; replay
// a range; see the deliveries; create an API key (shown once) that works, then revoke it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { apiCall as api, BASE_URL, launch, loginConsole, screenshot, tokenOf } from './browser';

interface Received {
  headers: Record<string, string>;
  body: string;
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('integration partners console', () => {
  let browser: Browser;
  let page: Page;
  let sink: Server;
  let sinkUrl = '';
  const received: Received[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    sink = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        received.push({ headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hooks`;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => sink?.close(r));
  });

  it('registers a partner, shows its secret once, and the secret signs the webhooks it receives', async () => {
    await loginConsole(page, 'admin');
    await page.goto(`${BASE_URL()}/#/webhook-subscribers`);
    await page
      .getByRole('link', { name: 'Buat' })
      .or(page.getByRole('button', { name: 'Buat' }))
      .first()
      .click();
    // Unique per run: a server kept between runs (LT_BROWSER_BASE_URL) already knows earlier ones.
    await page.locator('input[name="name"]').fill(`SIMPEG uji peramban ${Date.now().toString(36)}`);
    await page.locator('input[name="url"]').fill(sinkUrl);
    // The technical contact: a bad address is refused in the form, a good one is saved.
    const contact = page.getByLabel('Email kontak teknis');
    await contact.fill('bukan-email');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Harus berupa alamat email').waitFor();
    await contact.fill('tim-it@simpeg.example.id');
    await page.getByLabel('Permohonan ditugaskan').check();
    await page.getByLabel('Lingkup OPD').fill('Kependudukan');
    await page.getByRole('option', { name: /Dinas Kependudukan/ }).click();
    await page.getByRole('button', { name: 'Simpan' }).click();

    const dialog = page.getByTestId('one-time-secret');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('hanya ditampilkan sekali');
    const secret = (await page.getByTestId('one-time-secret-value').innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await screenshot(page, 'console-integration-secret');
    await page.getByTestId('one-time-secret-close').click();
    await page.getByTestId('subscriber-secret').waitFor();
    expect(page.url()).toMatch(/#\/webhook-subscribers\/[0-9a-f-]{36}$/);
    // Shown once: the page (and the API behind it) no longer carries it.
    expect(await page.content()).not.toContain(secret);
    expect(await page.locator('input[name="contactEmail"]').inputValue()).toBe('tim-it@simpeg.example.id');

    // A Dispendukcapil case is assigned (another desk, through the API): the partner hears of it, signed.
    const kasi = await tokenOf('kasi.dukcapil');
    const verifierToken = await tokenOf('verifikator2.dukcapil');
    const verifier = await api<{ id: string }>('/auth/me', verifierToken);
    // Unassigned work in the verifier's own pool (a step they can act on).
    const waiting = await api<{ id: string; version: number }[]>(
      `/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'unassigned' }))}&range=${encodeURIComponent('[0,9]')}`,
      verifierToken,
    );
    const target = waiting[Math.floor(waiting.length / 2)];
    if (!target) throw new Error('no unassigned Dispendukcapil case in the demo data');
    await api(`/cases/${target.id}/events`, kasi, {
      method: 'POST',
      body: { type: 'ASSIGN', version: target.version, assigneeId: verifier.id, reason: 'Uji integrasi' },
    });
    const hook = await until('the signed webhook', () => received.find((r) => r.body.includes(target.id)));
    const payload = new Webhook(secret).verify(hook.body, hook.headers) as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('case.assigned');
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(hook.body, hook.headers)).toThrow();

    // The partner's page lists that delivery as delivered.
    await page.reload();
    const row = page
      .getByTestId('subscriber-deliveries')
      .locator('tr')
      .filter({ hasText: target.id.slice(0, 8) });
    await row.getByTestId('delivery-status').filter({ hasText: 'Terkirim' }).waitFor();

    // Rotate: a new secret, shown once; both sign for the overlap.
    await page.getByTestId('rotate-secret').click();
    await page.getByRole('button', { name: 'Konfirmasi' }).click();
    await dialog.waitFor();
    const rotated = (await page.getByTestId('one-time-secret-value').innerText()).trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByTestId('one-time-secret-close').click();
    await page.getByTestId('previous-secret-until').waitFor();

    // Replay the last hour: the assignment is sent again with the same webhook-id, signed with both secrets.
    const before = received.length;
    const wib = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    await page.getByTestId('replay-from').fill(wib(new Date(Date.now() - 3_600_000)));
    await page.getByTestId('replay-to').fill(wib(new Date(Date.now() + 60_000)));
    await page.getByTestId('replay-submit').click();
    await page.getByText(/\d+ pengiriman dijadwalkan/).waitFor();
    const again = await until('the replayed webhook', () => received.slice(before).find((r) => r.body.includes(target.id)));
    expect(again.headers['webhook-id']).toBe(hook.headers['webhook-id']);
    expect(new Webhook(rotated).verify(again.body, again.headers)).toBeTruthy();
    expect(new Webhook(secret).verify(again.body, again.headers)).toBeTruthy();
    await screenshot(page, 'console-integration-partner');
    expect(errors).toEqual([]);
  });

  it('creates an API key shown once that reads the OPD cases, and revokes it', async () => {
    const panel = page.getByTestId('subscriber-api-keys');
    await panel.getByTestId('api-key-name').fill('simpeg-uji');
    await panel.getByTestId('api-key-opd').click();
    await page.getByRole('option', { name: 'Dinas Kependudukan dan Pencatatan Sipil' }).click();
    await panel.getByTestId('api-key-scope-cases:read').check();
    await panel.getByTestId('api-key-create').click();
    await page.getByTestId('one-time-secret').waitFor();
    const key = (await page.getByTestId('one-time-secret-value').innerText()).trim();
    expect(key).toMatch(/^ltk_[0-9A-Za-z]{46}$/);
    await page.getByTestId('one-time-secret-close').click();
    const row = panel.getByTestId('api-key-row').filter({ hasText: 'simpeg-uji' });
    await row.waitFor();
    expect(await row.innerText()).toContain(key.slice(0, 12));
    expect(await page.content()).not.toContain(key);

    const call = () =>
      fetch(`${BASE_URL()}/api/integration/cases?range=${encodeURIComponent('[0,0]')}`, { headers: { Authorization: `Bearer ${key}` } });
    expect((await call()).status).toBe(200);

    await row.getByTestId('api-key-revoke').click();
    await page.getByRole('button', { name: 'Konfirmasi' }).click();
    await panel.locator('[data-testid="api-key-row"][data-revoked="true"]').filter({ hasText: 'simpeg-uji' }).waitFor();
    expect((await call()).status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('is not offered to staff without the admin role', async () => {
    await loginConsole(page, 'kasi.dukcapil');
    expect(await page.locator('a[href="#/webhook-subscribers"]').count()).toBe(0);
    await expect(api('/webhook-subscribers', await tokenOf('kasi.dukcapil'))).rejects.toThrow(/403/);
  });
});
