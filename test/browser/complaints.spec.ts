// Bu Sari's KTP-el is late. From the tracking page she files a complaint with a photo; the
// Dispendukcapil complaint officer sees it in the console (and on the case page), takes it up and
// answers; back on the portal, Bu Sari reads the answer under her complaint code.
import type { Browser } from 'playwright-core';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { BASE_URL, apiCall, deskContext, launch, loginConsole, openCase, phoneContext, screenshot, tokenOf } from './browser';

/** An open Dukcapil demo case: its tracking code and factor. */
async function openDukcapilCase(): Promise<{ code: string; factor: string }> {
  const token = await tokenOf('petugas.dukcapil');
  const filter = encodeURIComponent(JSON.stringify({ queue: 'opd', state: 'submitted' }));
  const [c] = await apiCall<{ id: string; trackingCode: string }[]>(`/cases?filter=${filter}&range=[0,0]`, token);
  const detail = await apiCall<{ applicantNik: string }>(`/cases/${c.id}`, token);
  return { code: c.trackingCode, factor: detail.applicantNik.slice(-4) };
}

const MESSAGE = 'Sudah lewat batas waktu tetapi KTP-el saya belum selesai. Mohon kejelasan kapan bisa diambil.';
const ANSWER = 'Mohon maaf atas keterlambatan. Blangko KTP-el sudah tersedia; KTP-el Anda dapat diambil besok di loket 3.';

describe('complaint from the tracking page, answered in the console, read on the portal', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('files, handles, answers, and shows the answer to the citizen', async () => {
    const { code, factor } = await openDukcapilCase();
    const phone = await phoneContext(browser);
    const citizen = await phone.newPage();
    const pageErrors: string[] = [];
    citizen.on('pageerror', (e) => pageErrors.push(e.message));

    await citizen.goto(`${BASE_URL()}/portal/`);
    await citizen.getByTestId('nav-track').click();
    await citizen.getByTestId('track-code').fill(code);
    await citizen.getByTestId('track-factor').fill(factor);
    await citizen.getByTestId('track-submit').click();
    await citizen.getByTestId('complaint-panel').waitFor();
    await citizen.getByTestId('complaint-link').click();
    // The factor came along: the form is about this case without retyping anything.
    await expect(citizen.getByTestId('complaint-about-case').textContent()).resolves.toContain(code);

    // Too short: named under the field, nothing sent.
    await citizen.getByTestId('complaint-message').fill('Lambat');
    await citizen.getByTestId('complaint-submit').click();
    await expect(citizen.locator('#complaint-message-error').textContent()).resolves.toContain('20 karakter');

    await citizen.getByTestId('complaint-message').fill(MESSAGE);
    await citizen
      .getByTestId('complaint-attachment')
      .setInputFiles({ name: 'antrean.pdf', mimeType: 'application/pdf', buffer: demoPdf('Bukti antrean') });
    // Nothing wider than the phone (the navigation wraps).
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(citizen, 'complaint-form-phone');
    await citizen.getByTestId('complaint-submit').click();
    await citizen.getByTestId('complaint-filed').waitFor();
    const complaintCode = (await citizen.getByTestId('complaint-code').textContent())?.trim() ?? '';
    expect(complaintCode).toMatch(/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(citizen.getByTestId('complaint-state').textContent()).resolves.toBe('Diterima');
    await citizen.getByTestId('complaint-no-answer').waitFor();

    // The complaint officer: the queue, the case page, the steps.
    const desk = await deskContext(browser);
    const officer = await desk.newPage();
    await loginConsole(officer, 'pengaduan.dukcapil');
    await openCase(officer, code);
    await officer.getByTestId(`case-complaint-${complaintCode}`).click();
    await expect(officer.getByTestId('complaint-message').textContent()).resolves.toBe(MESSAGE);
    await officer.getByTestId('complaint-attachment').waitFor();
    await officer.getByTestId('complaint-action-START').click();
    await officer.getByTestId('complaint-answer-input').fill(ANSWER);
    await officer.getByTestId('complaint-action-ANSWER').click();
    await officer.getByTestId('complaint-answer').filter({ hasText: ANSWER }).waitFor();
    await officer.getByTestId('complaint-state').filter({ hasText: 'Dijawab' }).waitFor();
    await screenshot(officer, 'complaint-console');

    await officer.goto(`${BASE_URL()}/#/complaints`);
    await officer.getByTestId('complaint-list').getByText(complaintCode).waitFor();

    // The section head's reports page counts it among this month's complaints, answered, with a response time.
    await loginConsole(officer, 'kasi.dukcapil');
    await officer.goto(`${BASE_URL()}/#/reports`);
    const block = officer.getByTestId('report-complaints');
    await block.getByText('Rata-rata jam jawab').waitFor();
    const total = block.getByTestId('report-complaints-total');
    await total.waitFor();
    const cells = await total.locator('td').allTextContents();
    // [label, received, answered, on time, not answered, past deadline, mean hours, median hours]
    expect(Number(cells[1])).toBeGreaterThanOrEqual(1);
    expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
    expect(cells[6]).not.toBe('—');
    await screenshot(officer, 'complaint-reports');
    await desk.close();

    // Bu Sari reloads her complaint page and reads the answer, in Indonesian and in English.
    await citizen.reload();
    await expect(citizen.getByTestId('complaint-answer').textContent()).resolves.toBe(ANSWER);
    await expect(citizen.getByTestId('complaint-state').textContent()).resolves.toBe('Sudah dijawab');
    await citizen.getByTestId('lang-toggle').click();
    await citizen.getByTestId('complaint-state').filter({ hasText: 'Answered' }).waitFor();
    expect(pageErrors).toEqual([]);
    await phone.close();
  });
});
