/// <reference lib="dom" />
// From approval to the citizen's download and the verification page: kasi.dukcapil approves a
// verified case, petugas.dukcapil issues it through the signing dialog (draft PDF, then the sealed
// document), the citizen tracks it on the portal, downloads the signed PDF and checks it on
// /portal/verifikasi/{code}, including the byte-for-byte comparison of the downloaded file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, loginConsole as login, openBrowser, openCase, screenshot } from './browser';

describe('issuance: approval to download and verification', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];
  beforeAll(async () => {
    // Downloads are accepted in every Playwright context (acceptDownloads defaults to true).
    const opened = await openBrowser({ width: 1366, height: 900 });
    browser = opened.browser;
    page = await opened.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    dir = mkdtempSync(path.join(tmpdir(), 'lt-issuance-browser-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let trackingCode = '';
  let factor = '';
  let number = '';

  it('lets kasi.dukcapil approve a verified case', async () => {
    await login(page, 'kasi.dukcapil');
    await page.getByTestId('queue-tab-unassigned').click();
    await page.waitForLoadState('networkidle');
    const first = page.locator('[data-testid^="case-link-DKC-"]').first();
    await first.waitFor();
    await first.click();
    await page.getByTestId('action-APPROVE').click();
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('case-state').filter({ hasText: 'Disetujui' }).waitFor();
    trackingCode = (await page.getByTestId('case-tracking-code').innerText()).trim();
    factor = (await page.getByTestId('applicant-nik').innerText()).trim().slice(-4);
    expect(factor).toMatch(/^\d{4}$/);
  });

  it('lets petugas.dukcapil review the draft and issue the sealed, numbered document', async () => {
    await login(page, 'petugas.dukcapil');
    await openCase(page, trackingCode);
    await page.getByTestId('action-ISSUE').click();
    await page.getByTestId('signing-dialog').waitFor();
    await page.getByTestId('draft-pdf').waitFor();
    await screenshot(page, 'issuance-signing-dialog');
    await page.getByTestId('signing-confirm').click();
    await page.getByTestId('case-state').filter({ hasText: 'Terbit' }).waitFor();
    const numberEl = page.getByTestId('issued-number').first();
    await numberEl.waitFor();
    number = (await numberEl.innerText()).replace(/^Nomor:\s*/, '').trim();
    expect(number).toMatch(/^400\.12\.2\.3\/\d+\/35\.73\.301\/\d{4}$/);
    expect(await page.getByTestId('issued-status').first().innerText()).toBe('Sah');
    await screenshot(page, 'issuance-case-issued');
  });

  it('lets the citizen download the signed PDF from the tracking page and verify it', async () => {
    await page.goto(`${BASE_URL()}/portal/`);
    await page.getByTestId('nav-track').click();
    await page.getByTestId('track-code').fill(trackingCode);
    await page.getByTestId('track-factor').fill(factor);
    await page.getByTestId('track-submit').click();
    await page.getByTestId('issued-document').waitFor();
    expect(await page.getByTestId('issued-document').innerText()).toContain(number);
    await screenshot(page, 'issuance-portal-track');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('issued-download').click()]);
    const file = path.join(dir, 'dokumen.pdf');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdfsig', [file]).toString()).toContain('Signature is Valid');

    await page.getByText('Periksa keaslian').click();
    await page.getByTestId('verify-result').waitFor();
    expect(page.url()).toMatch(/\/portal\/verifikasi\/[A-Z2-7]{26}$/);
    expect(await page.getByTestId('verify-status').innerText()).toBe('SAH');
    expect(await page.getByTestId('verify-number').innerText()).toBe(number);
    expect(await page.getByTestId('verify-applicant').innerText()).toContain('*');
    await page.getByTestId('verify-compare').setInputFiles(file);
    await page.getByTestId('verify-compare-result').waitFor();
    expect(await page.getByTestId('verify-compare-result').innerText()).toMatch(/COCOK/);
    await screenshot(page, 'issuance-portal-verify');
    expect(errors).toEqual([]);
  });
});
