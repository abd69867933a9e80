// Once-only across OPDs: Bu Sari's KK was verified at Dispendukcapil; applying at Kemenag on the
// portal she reuses it (tracking code of the earlier application + an explicit consent) instead
// of uploading it again, and Kemenag's verifier sees on the case page where and by whom it was
// verified, and that she consented on the portal.
import type { Browser, Page } from 'playwright-core';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { apiCall, BASE_URL, loginConsole, openBrowser, screenshot, tokenOf } from './browser';

const NIK = '3573054107900001';
const APPLICANT = {
  nik: NIK,
  name: 'Sari Wulandari',
  phone: '081234567890',
  address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
};

interface PublicService {
  id: string;
  code: string;
  requirements: { key: string; kind: string; mandatory: boolean; condition?: string | null }[];
}

/** An online application through the public API, with a PDF for every document needed at intake. */
async function applyOnline(serviceCode: string): Promise<string> {
  const services = (await (await fetch(`${BASE_URL()}/api/public/services`)).json()) as PublicService[];
  const service = services.find((s) => s.code === serviceCode);
  if (!service) throw new Error(`no service ${serviceCode}`);
  const form = new FormData();
  form.append('data', JSON.stringify({ serviceId: service.id, applicant: APPLICANT, notifications: { channels: [], locale: 'id' } }));
  for (const r of service.requirements.filter((x) => x.kind === 'document' && x.mandatory && !x.condition))
    form.append(`doc_${r.key}`, new Blob([new Uint8Array(demoPdf(`Berkas ${r.key}`))], { type: 'application/pdf' }), `${r.key}.pdf`);
  const res = await fetch(`${BASE_URL()}/api/public/applications`, {
    method: 'POST',
    headers: { 'Idempotency-Key': `once-only-${Date.now()}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`apply ${serviceCode}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { trackingCode: string }).trackingCode;
}

describe('once-only: a verified KK reused at another OPD from the portal', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser } = await openBrowser());
    page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    ).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reuses the KK with consent on the portal, and the verifier sees where and by whom it was verified', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The earlier application at Dispendukcapil, its KK found valid by the verifier.
    const earlier = await applyOnline('ktp-el-baru');
    const verifier = await tokenOf('verifikator.dukcapil');
    const [row] = await apiCall<{ id: string }[]>(`/cases?filter=${encodeURIComponent(JSON.stringify({ q: earlier }))}`, verifier);
    const detail = await apiCall<{ documents: { id: string; requirementKey: string }[] }>(`/cases/${row.id}`, verifier);
    const kk = detail.documents.find((d) => d.requirementKey === 'kk');
    await apiCall(`/cases/${row.id}/documents/${kk?.id}/check`, verifier, { method: 'POST', body: { status: 'valid' } });

    // The portal, from its front page: Rekomendasi Paspor Haji at Kemenag.
    await page.goto(`${BASE_URL()}/portal/`);
    await page.getByTestId('search').fill('paspor');
    await page.getByTestId('service-rekomendasi-paspor-haji').click();
    await page.getByTestId('apply').click();
    await page.getByTestId('nik').fill(NIK);
    await page.getByTestId('name').fill(APPLICANT.name);
    await page.getByTestId('phone').fill(APPLICANT.phone);
    await page.getByTestId('street').fill(APPLICANT.address.street);
    await page.getByTestId('kecamatan').selectOption(APPLICANT.address.kecamatan);
    await page.getByTestId('kelurahan').fill(APPLICANT.address.kelurahan);
    for (const key of ['ktp', 'akta-nikah-ijazah', 'bukti-bpih'])
      await page.getByTestId(`doc-${key}`).setInputFiles({ name: `${key}.pdf`, mimeType: 'application/pdf', buffer: demoPdf(key) });

    // KK: reuse instead of upload. Without the consent ticked the form refuses, naming it.
    await page.getByTestId('reuse-toggle-kk').check();
    await expect(page.getByTestId('doc-kk').count()).resolves.toBe(0);
    await page.getByTestId('reuse-code-kk').fill(earlier.toLowerCase());
    const consent = page.getByTestId('reuse-consent-kk');
    const consentText = (await page.locator('label', { has: consent }).textContent()) ?? '';
    expect(consentText).toContain('Saya setuju');
    expect(consentText).toContain(earlier);
    await page.getByTestId('submit').click();
    await page.locator('#reuse-consent-kk-error').waitFor();
    await consent.check();
    await screenshot(page, 'portal-reuse-kk');
    await page.getByTestId('submit').click();
    const codeEl = page.getByTestId('tracking-code');
    await codeEl.waitFor({ timeout: 30000 });
    const code = ((await codeEl.textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(pageErrors).toEqual([]);

    // Kemenag's verifier: the reused KK's provenance and the applicant's other application.
    const desk = await (
      await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    ).newPage();
    await loginConsole(desk, 'verifikator.kemenag');
    const kemenag = await tokenOf('verifikator.kemenag');
    const [target] = await apiCall<{ id: string }[]>(`/cases?filter=${encodeURIComponent(JSON.stringify({ q: code }))}`, kemenag);
    await desk.goto(`${BASE_URL()}/#/cases/${target.id}/show`);
    const panel = desk.getByTestId('applicant-registry');
    await panel.waitFor();
    const reused = (await desk.getByTestId('reused-kk').textContent()) ?? '';
    const overview = await apiCall<{ reusedDocuments: { verifiedByName: string }[] }>(`/cases/${target.id}/applicant`, kemenag);
    expect(reused).toContain('Dispendukcapil');
    expect(reused).toContain(earlier);
    expect(reused).toContain(overview.reusedDocuments[0].verifiedByName);
    expect(reused).toContain('pemohon sendiri lewat portal');
    await expect(panel.textContent()).resolves.toContain('UU 27/2022');
    await screenshot(desk, 'console-applicant-panel');
  });
});
