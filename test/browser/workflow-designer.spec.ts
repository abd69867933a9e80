/// <reference lib="dom" />
// Issue 20 items 1-2: the admin builds a four-state workflow in the designer (from the bare URL),
// checks it with the simulator, publishes it and binds it to a service; a case filed under that
// service then runs through it in the console, with the diagram showing where it is.
import { documentFieldName } from '@layanan/contracts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { BASE_URL, DEMO_PASSWORD, loginConsole, openBrowser, openCase, screenshot } from './browser';

const KEY = 'pendampingan-cepat';

async function pick(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function fillState(page: Page, key: string, staff: [string, string], citizen: [string, string]): Promise<void> {
  const editor = page.getByTestId('state-editor');
  await editor.getByTestId('state-key').fill(key);
  await editor.getByTestId('state-key').press('Enter');
  await page.getByTestId(`state-pick-${key}`).waitFor();
  await editor.getByLabel('Label petugas (Indonesia)').fill(staff[0]);
  await editor.getByLabel('Label petugas (Inggris)').fill(staff[1]);
  await editor.getByLabel('Label untuk warga (Indonesia)').fill(citizen[0]);
  await editor.getByLabel('Label untuk warga (Inggris)').fill(citizen[1]);
}

async function addAction(page: Page, event: string, target: string, role: string): Promise<Locator> {
  await page.getByTestId('transition-add').click();
  const fresh = page.locator('[data-testid^="transition-ACTION"]').last();
  const tempName = ((await fresh.getAttribute('data-testid')) ?? '').replace('transition-', '');
  await fresh.getByTestId(`event-key-${tempName}`).fill(event);
  await fresh.getByTestId(`event-key-${tempName}`).press('Enter');
  const t = page.getByTestId(`transition-${event}`);
  await pick(page, t.getByLabel('Tahap tujuan'), target);
  await t.getByLabel(`${event} ${role}`).check();
  return t;
}

/** Files a counter case through the API as the officer would (the intake form is covered elsewhere). */
async function fileCase(serviceId: string): Promise<string> {
  const login = await fetch(`${BASE_URL()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'petugas.pmptsp', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const form = new FormData();
  form.set(
    'data',
    JSON.stringify({
      serviceId,
      applicant: {
        nik: '3573054107900001',
        name: 'Sari Wulandari',
        phone: '081234567890',
        address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
      },
      formData: { namaUsaha: 'Keripik Tempe Sanan', email: 'sari@example.id' },
    }),
  );
  for (const key of ['ktp', 'npwp'])
    form.set(documentFieldName(key), new Blob([new Uint8Array(demoPdf(key))], { type: 'application/pdf' }), `${key}.pdf`);
  const res = await fetch(`${BASE_URL()}/api/cases`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` }, body: form });
  const body = (await res.json()) as { trackingCode: string; workflowKey: string; workflowVersion: number };
  if (res.status !== 201) throw new Error(`intake ${res.status} ${JSON.stringify(body)}`);
  expect(body).toMatchObject({ workflowKey: KEY, workflowVersion: 1 });
  return body.trackingCode;
}

/** The citizen's step bar for a case, from the portal's bare URL: [public label, done | current | todo] per step. */
async function trackSteps(page: Page, trackingCode: string): Promise<[string, string][]> {
  await page.goto('about:blank');
  await page.goto(`${BASE_URL()}/portal/`);
  await page.getByTestId('nav-track').click();
  await page.getByTestId('track-code').fill(trackingCode);
  // The applicant's NIK ends in 0001.
  await page.getByTestId('track-factor').fill('0001');
  await page.getByTestId('track-submit').click();
  const bar = page.getByTestId('step-bar');
  await bar.waitFor();
  return bar
    .locator('li')
    .evaluateAll((items) =>
      items.map((li): [string, string] => [
        li.querySelector('.step-label')?.textContent?.trim() ?? '',
        ['done', 'current', 'todo'].find((s) => li.classList.contains(`step-${s}`)) ?? '',
      ]),
    );
}

/**
 * The case diagram names its steps by their labels only: no node shows its state key, and for a
 * user who may not edit workflows none carries it as a tooltip either.
 */
async function expectNoStateKeys(page: Page): Promise<void> {
  const nodes = await page
    .getByTestId('case-diagram')
    .locator('[data-testid^="wf-node-"]')
    .evaluateAll((els) =>
      els.map((el) => ({
        key: (el.getAttribute('data-testid') ?? '').slice('wf-node-'.length),
        text: (el as HTMLElement).innerText,
        title: el.getAttribute('title'),
      })),
    );
  expect(nodes.length).toBeGreaterThan(2);
  for (const n of nodes) {
    expect(n.text).not.toContain(n.key);
    expect(n.title).toBeNull();
  }
}

describe('workflow designer: build, simulate, publish, bind, run', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let serviceId = '';
  beforeAll(async () => {
    let context: BrowserContext;
    ({ browser, context } = await openBrowser({ width: 1440, height: 1000 }));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('builds a four-state workflow with live checks and plays it in the simulator', async () => {
    await loginConsole(page, 'admin');
    await page.locator('a[href="#/workflows"]').click();
    await page.getByTestId('workflow-standard').waitFor();
    await page.getByRole('button', { name: 'Alur kerja baru' }).click();
    await page.getByLabel('Kunci (huruf kecil, angka, tanda hubung)').fill(KEY);
    await page.getByLabel('Nama (Indonesia)').fill('Pendampingan Cepat');
    await page.getByLabel('Nama (Inggris)').fill('Quick assistance');
    await page.getByRole('button', { name: 'Buat draf' }).click();
    await page.getByTestId('workflow-designer').waitFor();
    await page.getByTestId('wf-node-submitted').waitFor();

    // The new workflow starts valid: submitted -> completed.
    await page.getByTestId('problems-none').waitFor();
    // A new step shows its problems at once, each naming the step.
    await page.getByTestId('state-add').click();
    await page.getByTestId('problem-LABEL_MISSING').waitFor();
    await page.getByTestId('problem-UNREACHABLE_STATE').waitFor();
    await fillState(page, 'review', ['Diperiksa', 'Under review'], ['Sedang Diperiksa', 'Under review']);
    expect(await page.getByTestId('problem-LABEL_MISSING').count()).toBe(0);

    // Fourth step: a refusal, terminal.
    await page.getByTestId('state-add').click();
    await fillState(page, 'refused', ['Ditolak', 'Refused'], ['Ditolak', 'Refused']);
    await page.getByTestId('state-editor').getByLabel('Tahap akhir').check();

    // submitted: its COMPLETE now starts the review.
    await page.getByTestId('state-pick-submitted').click();
    await page.getByTestId('event-key-COMPLETE').fill('START_REVIEW');
    await page.getByTestId('event-key-COMPLETE').press('Enter');
    await pick(page, page.getByTestId('transition-START_REVIEW').getByLabel('Tahap tujuan'), 'Diperiksa');

    // review: finish or refuse (with a reason), and an internal note that stays (a chip, not an edge).
    await page.getByTestId('state-pick-review').click();
    // No way out of review yet: cases would get stuck there, and so in submitted too.
    await page.getByTestId('problem-NO_WAY_TO_END').filter({ hasText: 'Tahap review' }).waitFor();
    expect(await page.getByTestId('problem-NO_WAY_TO_END').count()).toBe(2);
    await addAction(page, 'FINISH', 'Selesai', 'supervisor');
    const refuse = await addAction(page, 'REFUSE', 'Ditolak', 'supervisor');
    await refuse.getByLabel('Wajib alasan').check();
    const note = await addAction(page, 'NOTE', 'Diperiksa (tetap di tahap ini)', 'verifier');
    await note.getByLabel('Tampil di riwayat warga').uncheck();
    await page.getByTestId('problems-none').waitFor();
    expect(await page.getByTestId('wf-node-review').innerText()).toContain('↻ NOTE');
    expect(await page.locator('[data-testid^="wf-node-"]').count()).toBe(4);
    await screenshot(page, 'workflow-designer');

    // Simulator: the verifier starts the review; a verifier may not finish; the supervisor does.
    await page.getByTestId('tab-simulate').click();
    await page.getByTestId('sim-send-START_REVIEW').click();
    await page.getByTestId('sim-current').filter({ hasText: 'Diperiksa' }).waitFor();
    await page.getByTestId('sim-send-FINISH').click();
    await page.getByTestId('sim-refusal').waitFor();
    await pick(page, page.getByLabel('Bertindak sebagai'), 'Kepala Seksi');
    await page.getByTestId('sim-send-FINISH').click();
    await page.getByText('Tahap akhir tercapai.').waitFor();
    expect(await page.locator('.wf-current').innerText()).toContain('Selesai');
  });

  it('publishes it as version 1 and binds it to a service', async () => {
    await page.getByTestId('publish').click();
    await page.getByRole('button', { name: 'Konfirmasi' }).click();
    await page.getByTestId(`workflow-${KEY}`).waitFor();
    expect(await page.getByTestId(`workflow-${KEY}`).innerText()).toContain('Pendampingan Cepat');

    await page.locator('a[href="#/services"]').click();
    await page.getByText('Pendampingan Penerbitan NIB (OSS-RBA)').click();
    await page.waitForURL(/#\/services\/[0-9a-f-]+/);
    serviceId = page.url().split('#/services/')[1].split(/[/?]/)[0];
    await pick(page, page.getByRole('combobox', { name: 'Alur Kerja' }), 'Pendampingan Cepat');
    await pick(page, page.getByRole('combobox', { name: 'Versi Alur' }), 'versi 1');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/#\/services$/);
    await page.getByText('Pendampingan Cepat · versi 1').waitFor();
  });

  it('runs a case through it, the diagram showing where it is and where it has been', async () => {
    const trackingCode = await fileCase(serviceId);
    await loginConsole(page, 'verifikator.pmptsp');
    await openCase(page, trackingCode);
    await page.getByTestId('case-diagram').waitFor();
    await page.locator('.wf-current').filter({ hasText: 'Diajukan' }).waitFor();
    if (await page.getByTestId('action-CLAIM').count()) {
      await page.getByTestId('action-CLAIM').click();
      await page.getByTestId('action-CLAIM').waitFor({ state: 'detached' });
    }
    await page.getByTestId('action-START_REVIEW').click();
    await page.getByTestId('case-state').filter({ hasText: 'Diperiksa' }).waitFor();
    await page.locator('.wf-current').filter({ hasText: 'Diperiksa' }).waitFor();
    // Where it has been: the first step and the move taken are marked; the ways not taken are not.
    await page.locator('.wf-visited[data-testid="wf-node-submitted"]').waitFor();
    expect(await page.locator('.react-flow__edge.wf-taken').count()).toBe(1);
    // The case names its workflow by its label and version, never by its key.
    const details = await page.locator('main').innerText();
    expect(details).toContain('Pendampingan Cepat · versi 1');
    expect(details).not.toMatch(new RegExp(`${KEY}\\s*v\\d`));
    // Nor its steps by their keys.
    await expectNoStateKeys(page);

    // The citizen's tracking page shows the new workflow's public steps as a step bar.
    expect(await trackSteps(page, trackingCode)).toEqual([
      ['Diajukan', 'done'],
      ['Sedang Diperiksa', 'current'],
      ['Selesai', 'todo'],
    ]);

    await loginConsole(page, 'kasi.pmptsp');
    await openCase(page, trackingCode);
    await page.getByTestId('action-FINISH').click();
    await page.getByTestId('case-state').filter({ hasText: 'Selesai' }).waitFor();
    await page.locator('.wf-current').filter({ hasText: 'Selesai' }).waitFor();
    // The log names the steps as this workflow does.
    expect(await page.getByTestId('timeline').innerText()).toContain('Diperiksa → Selesai');
    await page.locator('.wf-visited[data-testid="wf-node-review"]').waitFor();
    expect(await page.locator('.react-flow__edge.wf-taken').count()).toBe(2);
    await screenshot(page, 'workflow-case-diagram');
    expect(await trackSteps(page, trackingCode)).toEqual([
      ['Diajukan', 'done'],
      ['Sedang Diperiksa', 'done'],
      ['Selesai', 'current'],
    ]);
    await screenshot(page, 'workflow-portal-steps');

    // The admin, who edits workflows, finds each step's key in its tooltip; the label alone shows.
    await loginConsole(page, 'admin');
    await openCase(page, trackingCode);
    const review = page.getByTestId('case-diagram').getByTestId('wf-node-review');
    await review.waitFor();
    expect(await review.getAttribute('title')).toBe('review');
    expect(await review.innerText()).not.toContain('review');
    expect(await review.innerText()).toContain('Diperiksa');
    expect(errors).toEqual([]);
  });
});
