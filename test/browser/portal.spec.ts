// Bu Sari's journey on a phone: find Akta Kelahiran, apply with documents, read the
// tracking code on the receipt, then track the application with the last 4 NIK digits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, phoneContext, screenshot } from './browser';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A valid 8x8 RGB PNG of one colour. */
function png(r: number, g: number, b: number): Buffer {
  const size = 8;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The case as staff see it through the API (a verifier of the OPD). */
async function staffCase(code: string): Promise<{ formData: Record<string, unknown> }> {
  const login = await fetch(`${BASE_URL()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'verifikator.dukcapil', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { Authorization: `Bearer ${accessToken}` };
  const list = await fetch(`${BASE_URL()}/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: code }))}`, { headers: auth });
  const [row] = (await list.json()) as { id: string }[];
  return (await (await fetch(`${BASE_URL()}/api/cases/${row.id}`, { headers: auth })).json()) as { formData: Record<string, unknown> };
}

describe('citizen portal (phone)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    browser = await launch();
    const context = await phoneContext(browser, { width: 390, height: 844 });
    page = await context.newPage();
    dir = mkdtempSync(path.join(tmpdir(), 'lt-portal-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('applies for Akta Kelahiran and tracks it with the last 4 NIK digits', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Catalog: search "akta", open Akta Kelahiran.
    await page.goto(`${BASE_URL()}/portal/`);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    // Every tab fits on a phone: the page never scrolls sideways.
    await expect(page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).resolves.toBeLessThanOrEqual(0);
    await page.getByTestId('search').fill('akta');
    const akta = page.getByTestId('service-akta-kelahiran');
    await akta.waitFor();
    await akta.click();

    // Service page: the public standard, then "Ajukan Permohonan".
    await page.getByRole('heading', { level: 1, name: 'Akta Kelahiran' }).waitFor();
    expect(await page.getByTestId('service-fee').textContent()).toContain('Gratis');
    expect(await page.getByTestId('service-sla').textContent()).toMatch(/hari kerja|jam kerja/);
    await page.getByTestId('apply').click();

    // Form: instant NIK feedback first (15 digits), then a valid one.
    const nik = page.getByTestId('nik');
    await nik.waitFor();
    await nik.fill('357305410790000');
    expect(await page.locator('#nik-hint').textContent()).toContain('15 dari 16 digit');
    await nik.fill('3573054107900001');
    await page.getByTestId('name').fill('Sari Wulandari');
    await page.getByTestId('phone').fill('081234567890');
    await page.getByTestId('street').fill('Jl. Soekarno Hatta No. 12, RT 03/RW 05');
    await page.getByTestId('kecamatan').selectOption('Lowokwaru');
    await page.getByTestId('kelurahan').fill('Jatimulyo');

    // The service's own form fields, whatever they are.
    let dates = 0;
    for (const control of await page.locator('[data-testid^="form-"]').all()) {
      const tag = await control.evaluate((el) => el.tagName.toLowerCase());
      const id = (await control.getAttribute('data-testid')) ?? '';
      if (tag === 'select') await control.selectOption({ index: 1 });
      else if ((await control.getAttribute('data-format')) === 'dd/mm/yyyy') {
        // Dates are typed the Indonesian way, whatever the browser's locale; the slashes come by themselves.
        await control.pressSequentially('17082025');
        await expect(control.inputValue()).resolves.toBe('17/08/2025');
        dates++;
      } else if (await control.getAttribute('inputmode')) await control.fill('1');
      else await control.fill(id === 'form-namaAnak' ? 'Putri Ayu Lestari' : 'Isian uji');
    }

    // Every mandatory document (its label carries the * marker) gets a small PNG.
    const docInputs = await page.locator('input[type="file"][data-testid^="doc-"]').all();
    expect(docInputs.length).toBeGreaterThan(0);
    let attached = 0;
    for (const [i, input] of docInputs.entries()) {
      const id = (await input.getAttribute('id')) ?? '';
      const mandatory = (await page.locator(`label[for="${id}"] .req`).count()) > 0;
      if (!mandatory) continue;
      const file = path.join(dir, `${id}.png`);
      writeFileSync(file, png(40 * i, 120, 200));
      await input.setInputFiles(file);
      attached++;
    }
    expect(attached).toBeGreaterThan(0);
    await screenshot(page, 'portal-form');

    expect(dates).toBeGreaterThan(0); // Akta Kelahiran asks for the birth date
    // Submit -> receipt with a tracking code readable over the phone.
    await page.getByTestId('submit').click();
    const codeEl = page.getByTestId('tracking-code');
    await codeEl.waitFor({ timeout: 30000 });
    const code = ((await codeEl.textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(page.url()).toContain(`/portal/bukti/${code}`);
    // The birth date typed as 17/08/2025 reached the case as the date 2025-08-17.
    const staff = await staffCase(code);
    expect(Object.values(staff.formData)).toContain('2025-08-17');
    // The receipt says what else tracking needs.
    await expect(page.getByTestId('receipt-factor-reminder').textContent()).resolves.toContain('4 digit terakhir NIK atau nomor HP');
    await screenshot(page, 'portal-receipt');

    // Track: code + last 4 digits of the NIK.
    await page.getByTestId('nav-track').click();
    await page.getByTestId('track-code').fill(code);
    await page.getByTestId('track-factor').fill('0001');
    await page.getByTestId('track-submit').click();
    const status = page.getByTestId('status-label');
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('Menunggu Verifikasi');
    await screenshot(page, 'portal-track');

    // The timeline is worded by the API in the portal's language: switch to English and back.
    const firstEntry = page.locator('[data-testid="timeline"] li p.strong').first();
    await expect(firstEntry.textContent()).resolves.toBe('Permohonan diajukan');
    await page.getByTestId('lang-toggle').click();
    await page.locator('[data-testid="timeline"] li p.strong', { hasText: 'Application submitted' }).waitFor();
    await page.getByTestId('status-label').filter({ hasText: 'Awaiting verification' }).waitFor();
    await page.getByTestId('lang-toggle').click();
    await page.locator('[data-testid="timeline"] li p.strong', { hasText: 'Permohonan diajukan' }).waitFor();

    // A wrong factor is refused with the agreed message.
    await page.getByTestId('track-factor').fill('9999');
    await page.getByTestId('track-submit').click();
    await page.getByText('Kode atau 4 digit tidak cocok').waitFor();

    expect(pageErrors).toEqual([]);
  });
});
