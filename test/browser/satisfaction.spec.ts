// Bu Sari, on her phone, finds her completed application from /portal/, follows the invitation
// on the tracking page and answers the satisfaction survey; then the head of the OPD reads the
// IKM in the console, where her answer counts and no link leads back to her.
import type { Browser, Page } from 'playwright-core';
import { SKM_ELEMENTS } from '@layanan/contracts';
import { BASE_URL, DEMO_PASSWORD, deskContext, launch, loginConsole, phoneContext, screenshot } from './browser';

async function api<T>(path: string, token?: string): Promise<T> {
  const res = await fetch(`${BASE_URL()}/api${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${BASE_URL()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A completed demo case of Dukcapil the survey has not been answered for: its code and factor. */
async function completedCase(): Promise<{ code: string; factor: string }> {
  const token = await login('petugas.dukcapil');
  for (const state of ['collected', 'issued', 'rejected']) {
    const filter = encodeURIComponent(JSON.stringify({ queue: 'opd', state }));
    const list = await api<{ id: string; trackingCode: string }[]>(`/cases?filter=${filter}&range=[0,9]`, token);
    for (const c of list) {
      const detail = await api<{ applicantNik: string }>(`/cases/${c.id}`, token);
      const factor = detail.applicantNik.slice(-4);
      const s = await api<{ status: string }>(`/public/track/${c.trackingCode}/survey?factor=${factor}`);
      if (s.status === 'open') return { code: c.trackingCode, factor };
    }
  }
  throw new Error('no completed Dukcapil demo case without a survey');
}

describe('satisfaction survey (phone) and the IKM in the console', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('answers the survey from the tracking page on a phone, once', async () => {
    const { code, factor } = await completedCase();
    const context = await phoneContext(browser);
    page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${BASE_URL()}/portal/`);
    await page.getByTestId('nav-track').click();
    await page.getByTestId('track-code').fill(code);
    await page.getByTestId('track-factor').fill(factor);
    await page.getByTestId('track-submit').click();
    await page.getByTestId('survey-panel').waitFor();
    await page.getByTestId('survey-link').click();
    // The factor came along: the form opens without retyping it.
    await page.getByTestId('survey-form').waitFor();
    expect(page.url()).toContain(`/portal/survei?kode=${code}`);

    // Sending with unanswered questions names how many are left, and sends nothing.
    await page.getByTestId('q-requirements-4').check();
    await page.getByTestId('survey-submit').click();
    await expect(page.getByTestId('survey-missing').textContent()).resolves.toContain('8 pertanyaan');

    const answers = [4, 3, 2, 4, 3, 4, 4, 3, 3];
    for (const [i, e] of SKM_ELEMENTS.entries()) await page.getByTestId(`q-${e}-${answers[i]}`).check();
    await page.getByTestId('survey-suggestion').fill('Mohon tambah kursi di ruang tunggu');
    await page.locator('summary', { hasText: 'Tentang Anda' }).click();
    await page.getByTestId('profile-ageBand').selectOption('30-39');
    await page.getByTestId('profile-sex').selectOption('female');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'survey-phone');
    await page.getByTestId('survey-submit').click();
    await expect(page.getByTestId('survey-done').textContent()).resolves.toContain('Terima kasih');

    // Back on tracking: the invitation became a thank-you; the survey page says it was answered.
    await page.goto(`${BASE_URL()}/portal/`);
    await page.getByTestId('nav-track').click();
    await page.getByTestId('track-code').fill(code);
    await page.getByTestId('track-factor').fill(factor);
    await page.getByTestId('track-submit').click();
    await page.getByTestId('survey-panel-done').waitFor();
    const state = await api<{ status: string; response: { scores: Record<string, number> } }>(
      `/public/track/${code}/survey?factor=${factor}`,
    );
    expect(state.status).toBe('submitted');
    expect(Object.values(state.response.scores)).toEqual(answers);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the head the IKM per element, with the weakest marked, and the suggestion without a case', async () => {
    const context = await deskContext(browser, { width: 1280, height: 900 });
    page = await context.newPage();
    await loginConsole(page, 'kadis.dukcapil');
    await page.getByTestId('menu-ikm').click();
    await page.getByTestId('ikm-total').waitFor();
    expect(Number(await page.getByTestId('ikm-respondents').textContent())).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('ikm-elements').textContent()).resolves.toContain('U3 Waktu penyelesaian');
    await page.getByTestId('ikm-weakest').first().waitFor();
    await expect(page.getByTestId('ikm-suggestions').textContent()).resolves.toContain('Mohon tambah kursi di ruang tunggu');
    await screenshot(page, 'ikm-console');
    await context.close();
  });
});
