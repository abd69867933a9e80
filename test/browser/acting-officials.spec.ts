// Issue 20 item 3 in the console: the head of Dispenkemenag appoints their section head as
// Plh. Kepala Kantor for today and the next two days (WIB); an overlapping appointment is refused
// with the translated APPOINTMENT_OVERLAP text; the delegate then sees the banner naming the
// capacity and the head's "Menunggu Persetujuan" work in their queue; ending the appointment
// takes both away again.
import type { QueueCounts } from '@layanan/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { nextDay, wib, wibDayFromToday } from '../support/fake-clock';
import { DEMO_PASSWORD, apiCall, deskContext, loginConsole, openBrowser, screenshot } from './browser';

const POSITION = 'Kepala Kantor Kementerian Agama Kota Malang';

async function token(username: string): Promise<string> {
  const res = await apiCall<{ accessToken: string }>('/auth/login', null, { method: 'POST', body: { username, password: DEMO_PASSWORD } });
  return res.accessToken;
}

async function waitingCount(username: string): Promise<number> {
  const counts = await apiCall<QueueCounts>('/cases/queue-counts', await token(username));
  return counts.queues.find((q) => q.queue === 'waiting')?.count ?? 0;
}

async function fillAppointment(page: Page, delegate: string, from: string, until: string): Promise<void> {
  await page.locator('a[href="#/appointments/create"]').click();
  await page.locator('input[name="validFrom"]').waitFor();
  const person = page.getByRole('combobox', { name: 'Pelaksana' });
  await person.fill(delegate.split(' ')[0]);
  await page.getByRole('option', { name: new RegExp(`^${delegate}`) }).click();
  await page.locator('input[name="validFrom"]').fill(from);
  await page.locator('input[name="validUntil"]').fill(until);
  await page.locator('input[name="legalBasis"]').fill('800.1.11.1/77/35.73.302/2026');
}

describe('console: acting officials (Plh./Plt.)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const today = wibDayFromToday(0);
  const until = nextDay(today, 2);
  let kasiName = '';
  let kadisName = '';
  let verifierName = '';
  let before = 0;

  beforeAll(async () => {
    ({ browser, context } = await openBrowser({ width: 1440, height: 900 }));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const admin = await token('admin');
    const users = await apiCall<{ username: string; fullName: string }[]>(
      `/users?filter=${encodeURIComponent(JSON.stringify({ q: '.kemenag' }))}&range=[0,99]`,
      admin,
    );
    kasiName = users.find((u) => u.username === 'kasi.kemenag')!.fullName;
    kadisName = users.find((u) => u.username === 'kadis.kemenag')!.fullName;
    verifierName = users.find((u) => u.username === 'verifikator.kemenag')!.fullName;
    before = await waitingCount('kasi.kemenag');
    // The head's own queue has work for a Plh. to see.
    expect(await waitingCount('kadis.kemenag')).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the head appoint a Plh. from the menu and lists it in force, with period and who appointed', async () => {
    await loginConsole(page, 'kadis.kemenag');
    await page.locator('a[href="#/appointments"]').click();
    await page.getByText('Belum ada Pejabat Pelaksana (Plh./Plt.)').waitFor();
    await fillAppointment(page, kasiName, today, until);
    // The head appoints for their own OPD only: it is filled in and cannot be changed.
    expect(await page.getByRole('combobox', { name: 'OPD' }).innerText()).toContain('Kantor Kementerian Agama Kota Malang');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/appointments') && r.request().method() === 'POST');
    await page.locator('button[type="submit"]').click();
    expect((await saved).status()).toBe(201);
    const row = page.locator('tr', { hasText: kasiName });
    await row.getByTestId('appointment-status-active').waitFor();
    const text = await row.innerText();
    expect(text).toContain(POSITION);
    expect(text).toContain('Plh.');
    expect(text).toContain(kadisName);
    expect(text).toMatch(/ s\.d\. /);
    // The row opens the appointment's log.
    await row.click();
    await page.getByText(`Dibuat oleh ${kadisName}`).waitFor();
    await screenshot(page, 'appointments-list');
  });

  it('refuses an overlapping appointment of the same post with the translated error', async () => {
    await fillAppointment(page, verifierName, nextDay(today, 1), nextDay(today, 4));
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/appointments') && r.request().method() === 'POST');
    await page.locator('button[type="submit"]').click();
    expect((await refused).status()).toBe(422);
    await page.getByText('Jabatan ini sudah memiliki Plh./Plt. pada sebagian tanggal tersebut').first().waitFor();
    await page.getByText('Bertabrakan dengan penunjukan lain untuk jabatan ini').waitFor();
    await screenshot(page, 'appointments-overlap');
    expect(page.url()).toContain('#/appointments/create');
  });

  it("shows the delegate the banner and the head's waiting work while the appointment is in force", async () => {
    await loginConsole(page, 'kasi.kemenag');
    await page.getByTestId('acting-banner').waitFor();
    expect(await page.getByTestId('acting-banner').innerText()).toContain(`Plh. ${POSITION}`);
    const during = await waitingCount('kasi.kemenag');
    expect(during).toBeGreaterThan(before);
    await page
      .getByTestId('menu-count-waiting')
      .filter({ hasText: String(during) })
      .waitFor();
    await screenshot(page, 'appointments-delegate-banner');
    // A case of the head's queue: its actions are taken as the Plh., and the page says so.
    await page.getByTestId('menu-queue-waiting').click();
    await page.locator('tr', { hasText: 'Disetujui' }).first().locator('[data-testid^="case-link-"]').click();
    await page.getByTestId('case-state').waitFor();
    expect(await page.getByTestId('acting-badge').innerText()).toBe(`Bertindak sebagai Plh. ${POSITION}`);
    // Refusing an approved application is the head's; the log names the Plh. in that capacity.
    await page.getByTestId('action-REJECT').click();
    await page.getByTestId('action-input-reason').fill('Dokumen ijazah asli tidak dapat ditunjukkan');
    await page.getByTestId('action-confirm').click();
    await page
      .getByTestId('timeline')
      .filter({ hasText: `${kasiName} (Plh. ${POSITION})` })
      .waitFor();
    await screenshot(page, 'appointments-acting-case');
    // A supervisor who is not the head has no appointments page.
    expect(await page.locator('a[href="#/appointments"]').count()).toBe(0);
  });

  it('ends the appointment early: the delegate loses the banner and the extra work at once', async () => {
    await loginConsole(page, 'kadis.kemenag');
    await page.locator('a[href="#/appointments"]').click();
    const row = page.locator('tr', { hasText: kasiName });
    await row.getByTestId('appointment-status-active').waitFor();
    await row.locator('[data-testid^="appointment-revoke-"]').click();
    await page.getByTestId('appointment-revoke-reason').fill('Kepala Kantor kembali bertugas');
    await page.getByTestId('appointment-revoke-confirm').click();
    await row.getByTestId('appointment-status-revoked').waitFor();
    expect(await waitingCount('kasi.kemenag')).toBe(before);
    await loginConsole(page, 'kasi.kemenag');
    await page.getByTestId('menu-queue-waiting').waitFor();
    expect(await page.getByTestId('acting-banner').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  // The browsers' clocks are driven (page.clock) to just before 00:00 WIB of tomorrow, the first
  // instant of an appointment made now; the server keeps real time (its side of that instant, the
  // grant in force from it on, is the e2e spec's, with a fake Clock).
  it('turns an appointment from "Akan datang" to "Berlaku" at its first instant without a reload, and the delegate\'s console asks for its powers then', async () => {
    const tomorrow = nextDay(today, 1);
    const start = wib(`${tomorrow}T00:00:00`).getTime();
    const admin = await token('admin');
    const [kasi] = await apiCall<{ id: string; opdId: string }[]>(
      `/users?filter=${encodeURIComponent(JSON.stringify({ q: 'kasi.kemenag' }))}&range=[0,0]`,
      admin,
    );
    const head = await token('kadis.kemenag');
    const made = await apiCall<{ id: string; status: string }>('/appointments', head, {
      method: 'POST',
      body: { userId: kasi.id, opdId: kasi.opdId, role: 'head', kind: 'plh', validFrom: tomorrow, validUntil: tomorrow },
    });
    expect(made.status).toBe('upcoming');
    const headDesk = await deskContext(browser);
    const delegateDesk = await deskContext(browser);
    try {
      // The head's list, open before the instant.
      await headDesk.clock.install();
      const list = await headDesk.newPage();
      list.on('pageerror', (e) => errors.push(e.message));
      await loginConsole(list, 'kadis.kemenag');
      await list.locator('a[href="#/appointments"]').click();
      const row = list.locator('tr', { has: list.getByTestId(`appointment-capacity-${made.id}`) });
      expect(await row.getByTestId('appointment-status-upcoming').innerText()).toBe('Akan datang');
      await list.evaluate(() => Object.assign(window, { ltSameDocument: true }));
      await list.clock.pauseAt(start - 3000);
      await list.waitForTimeout(300);
      expect(await row.getByTestId('appointment-status-upcoming').innerText()).toBe('Akan datang');
      await list.clock.resume();
      await row.getByTestId('appointment-status-active').waitFor({ timeout: 8000 });
      expect(await row.getByTestId('appointment-status-active').innerText()).toBe('Berlaku');
      expect(await list.evaluate(() => Date.now())).toBeGreaterThanOrEqual(start);
      expect(await list.evaluate(() => (window as unknown as { ltSameDocument?: boolean }).ltSameDocument)).toBe(true);
      await screenshot(list, 'appointments-turned-active');

      // The delegate's console: at that instant it reloads the identity and permissions, then the queues.
      await delegateDesk.clock.install();
      const desk = await delegateDesk.newPage();
      desk.on('pageerror', (e) => errors.push(e.message));
      await loginConsole(desk, 'kasi.kemenag');
      await desk.waitForLoadState('networkidle');
      await desk.clock.pauseAt(start - 2000);
      const asked: { url: string; at: number }[] = [];
      desk.on('request', (r) => {
        if (r.url().includes('/api/auth/me') || r.url().includes('/api/cases/queue-counts')) asked.push({ url: r.url(), at: Date.now() });
      });
      await desk.waitForTimeout(500);
      expect(asked).toEqual([]);
      const me = desk.waitForRequest((r) => r.url().endsWith('/api/auth/me'));
      const counts = desk.waitForRequest((r) => r.url().endsWith('/api/cases/queue-counts'));
      await desk.clock.resume();
      await Promise.all([me, counts]);
      expect(await desk.evaluate(() => Date.now())).toBeGreaterThanOrEqual(start);
    } finally {
      await headDesk.close();
      await delegateDesk.close();
      await apiCall(`/appointments/${made.id}/revoke`, head, { method: 'POST', body: { reason: 'Uji jam konsol selesai' } });
    }
    expect(errors).toEqual([]);
  });
});
