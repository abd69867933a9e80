import { SKM_ELEMENTS, type IkmReport, type SkmElement } from '@layanan/contracts';
import { createTestApp, TestApp } from '../support/test-app';
import { as, demoSeed, idOf, validDocuments, VALID_NIK, withIntakeDocuments } from '../support/session';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/fake-servers';
import { SurveyPopulationService } from '../../api/src/satisfaction/survey-population.service';

const FACTOR = VALID_NIK.slice(-4);
const scoresOf = (values: number[]) => Object.fromEntries(SKM_ELEMENTS.map((e, i) => [e, values[i]])) as Record<SkmElement, number>;

describe('SKM survey after completion → IKM in reports (PermenPAN-RB 14/2017)', () => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({
      seed: demoSeed(0),
      env: { JOBS_ENABLED: 'true', SMTP_URL: smtp.url, PUBLIC_URL: 'https://layanan.malangkota.go.id', RELAY_POLL_MS: '50' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);
    if (res.status !== 200) throw new Error(`${String(body.type)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number; state: string };
  };

  async function newCase(email?: string) {
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    const res = await withIntakeDocuments(t, t.http.post('/api/cases').set(await as(t, 'petugas.dukcapil')), {
      serviceId,
      applicant: { nik: VALID_NIK, name: 'Sari Wulandari', phone: '081234567890', ...(email ? { email } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; trackingCode: string };
  }

  async function issued(email?: string) {
    const c = await newCase(email);
    if (email)
      await t.http
        .put(`/api/cases/${c.id}/notification-consent`)
        .set(await as(t, 'petugas.dukcapil'))
        .send({ channels: ['email'], locale: 'id' })
        .expect(200);
    await validDocuments(t, c.id);
    let d = await event('verifikator.dukcapil', c.id, { type: 'VERIFY', version: c.version });
    d = await event('kasi.dukcapil', c.id, { type: 'APPROVE', version: d.version });
    d = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: d.version });
    return { ...c, version: d.version };
  }

  const submit = (code: string, body: Record<string, unknown>) =>
    t.http.post(`/api/public/track/${code}/survey`).send({ factor: FACTOR, ...body });
  const report = async (user: string, query = '') =>
    (
      await t.http
        .get(`/api/satisfaction/ikm${query}`)
        .set(await as(t, user))
        .expect(200)
    ).body as IkmReport;

  it('opens only once the case is completed, behind the same 404 as tracking for a wrong factor', async () => {
    const c = await newCase();
    const state = await t.http.get(`/api/public/track/${c.trackingCode}/survey`).query({ factor: FACTOR }).expect(200);
    expect(state.body).toMatchObject({ status: 'not_yet', trackingCode: c.trackingCode, response: null });
    const early = await submit(c.trackingCode, { scores: scoresOf([4, 4, 4, 4, 4, 4, 4, 4, 4]) });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('SURVEY_NOT_OPEN');

    const wrong = await t.http
      .post(`/api/public/track/${c.trackingCode}/survey`)
      .send({ factor: '0000', scores: scoresOf(Array(9).fill(4)) });
    const tracking = await t.http.get(`/api/public/track/${c.trackingCode}`).query({ factor: '0000' });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(tracking.body);
    expect(wrong.body.code).toBe('TRACKING_NOT_FOUND');

    // A withdrawn application is finished but was not served: no survey.
    const w = await event('petugas.dukcapil', c.id, { type: 'WITHDRAW', version: c.version, reason: 'Salah layanan' });
    expect(w.state).toBe('withdrawn');
    expect((await submit(c.trackingCode, { scores: scoresOf(Array(9).fill(4)) })).status).toBe(409);
  });

  it('refuses a missing element or a score outside 1–4 with a 400 naming each, and stores nothing', async () => {
    const c = await issued();
    const { time: _time, ...eight } = scoresOf([4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const res = await submit(c.trackingCode, { scores: { ...eight, cost: 5, product: 0 } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('FIELD_INVALID');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['scores.time', 'scores.cost', 'scores.product']);
    const badProfile = await submit(c.trackingCode, { scores: scoresOf(Array(9).fill(3)), profile: { sex: 'x' } });
    expect(badProfile.status).toBe(400);
    expect(JSON.stringify(badProfile.body.details ?? badProfile.body.message)).toContain('sex');
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM survey_responses`)) as { n: number }[];
    expect(n).toBe(0);
  });

  it('keeps one response per case: a repeat returns the first (200), parallel submissions store one', async () => {
    const c = await issued();
    const first = await submit(c.trackingCode, {
      scores: scoresOf([4, 3, 3, 4, 4, 3, 4, 3, 4]),
      suggestion: 'Antrean loket pagi terlalu panjang',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, scores: scoresOf([4, 3, 3, 4, 4, 3, 4, 3, 4]) });
    const again = await submit(c.trackingCode, { scores: scoresOf(Array(9).fill(1)) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });
    const state = await t.http.get(`/api/public/track/${c.trackingCode}/survey`).query({ factor: FACTOR }).expect(200);
    expect(state.body.status).toBe('submitted');

    const d = await issued();
    const racing = await Promise.all(Array.from({ length: 6 }, () => submit(d.trackingCode, { scores: scoresOf(Array(9).fill(2)) })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM survey_responses`)) as { n: number }[];
    expect(n).toBe(2);
    const [totals] = (await t.db.query(`SELECT sum(respondents)::int AS r FROM survey_totals`)) as { r: number }[];
    expect(totals.r).toBe(2);
  });

  it('stores responses without the case: no column, report or suggestion leads back to the applicant', async () => {
    const columns = (
      (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_responses'`)) as {
        column_name: string;
      }[]
    ).map((r) => r.column_name);
    expect(columns).not.toEqual(expect.arrayContaining(['case_id']));
    expect(columns.some((c) => /case_id|tracking|nik|name|phone/.test(c))).toBe(false);
    const cases = (await t.db.query(`SELECT id, tracking_code FROM cases`)) as { id: string; tracking_code: string }[];
    const suggestions = await t.http
      .get('/api/satisfaction/suggestions')
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(suggestions.body).toEqual([
      expect.objectContaining({ text: 'Antrean loket pagi terlalu panjang', serviceName: expect.any(String) }),
    ]);
    expect(Object.keys(suggestions.body[0]).sort()).toEqual(['id', 'month', 'opdName', 'serviceId', 'serviceName', 'text']);
    const staffViews = JSON.stringify([suggestions.body, await report('kadis.dukcapil'), await report('pimpinan')]);
    for (const c of cases) {
      expect(staffViews).not.toContain(c.id);
      expect(staffViews).not.toContain(c.tracking_code);
    }
    expect(staffViews).not.toContain('Sari Wulandari');
    expect(staffViews).not.toContain(VALID_NIK);
  });

  it('computes the IKM exactly per element, month, service and OPD, within the caller’s report scope', async () => {
    // Responses so far: [4,3,3,4,4,3,4,3,4] and [2 ×9]. Two more, one of them on a rejected case:
    const r3 = await issued();
    await submit(r3.trackingCode, {
      scores: scoresOf([3, 4, 3, 4, 3, 3, 4, 3, 3]),
      profile: { ageBand: '30-39', sex: 'female', education: 'sma', occupation: 'private' },
    }).expect(201);
    const rej = await newCase();
    await event('verifikator.dukcapil', rej.id, { type: 'REJECT', version: rej.version, reason: 'Bukan warga Kota Malang' });
    await submit(rej.trackingCode, { scores: scoresOf([4, 3, 2, 4, 3, 4, 4, 2, 3]) }).expect(201);
    // NRR = (4+2+3+4)/4, (3+2+4+3)/4, (3+2+3+2)/4, (4+2+4+4)/4, (4+2+3+3)/4, (3+2+3+4)/4, (4+2+4+4)/4, (3+2+3+2)/4, (4+2+3+3)/4
    //     = 3.25, 3, 2.5, 3.5, 3, 3, 3.5, 2.5, 3 (sum 27.25) → IKM = 27.25 / 9 × 25 = 75.694… → 75.69, grade C.
    const head = await report('kadis.dukcapil');
    expect(head.total).toMatchObject({ respondents: 4, ikm: 75.69, grade: 'C' });
    expect(head.total.nrr).toEqual(scoresOf([3.25, 3, 2.5, 3.5, 3, 3, 3.5, 2.5, 3]));
    expect(head.byMonth).toHaveLength(1);
    expect(head.byMonth[0]).toMatchObject({ respondents: 4, ikm: 75.69 });
    expect(head.byService).toEqual([expect.objectContaining({ serviceName: expect.any(String), respondents: 4, ikm: 75.69, grade: 'C' })]);
    expect(head.byOpd).toEqual([expect.objectContaining({ opdName: expect.any(String), respondents: 4, ikm: 75.69 })]);
    // The weakest elements are visible: time (U3) and complaint handling (U8) at 2.5.
    const weakest = Object.entries(head.total.nrr)
      .filter(([, v]) => v === 2.5)
      .map(([k]) => k);
    expect(weakest).toEqual(['time', 'complaints']);

    expect((await report('pimpinan')).total).toMatchObject({ respondents: 4, ikm: 75.69 });
    // Another OPD's head sees none of it; an officer has no reports.
    expect((await report('kadis.kemenag')).total).toMatchObject({ respondents: 0, ikm: null, grade: null });
    await t.http
      .get('/api/satisfaction/ikm')
      .set(await as(t, 'petugas.dukcapil'))
      .expect(403);
    // Periods: a month before any response is empty; a malformed month is a 400 naming it.
    expect((await report('pimpinan', '?from=2020-01&to=2020-12')).total.respondents).toBe(0);
    const bad = await t.http.get('/api/satisfaction/ikm?from=2026-13').set(await as(t, 'pimpinan'));
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'from', message: 'must be a month, YYYY-MM' }]);
  });

  it('warns when the respondents are fewer than the Krejcie-Morgan sample of the completed cases', async () => {
    // The job's run (every 10 minutes in production).
    await t.app.get(SurveyPopulationService).refresh();
    // Completed: four issued, one rejected (the withdrawn one is not in the population) → sample 5.
    const r = await report('kadis.dukcapil');
    expect(r.total).toMatchObject({ respondents: 4, population: 5, minimumSample: 5, sampleTooSmall: true });
  });

  it('puts the survey link in the completion mail', async () => {
    const c = await issued('wulan@example.org');
    await waitFor(
      () => smtp.messages.some((m) => JSON.stringify(m.to).includes('wulan@example.org') && /selesai/.test(m.subject ?? '')),
      10_000,
      'mail',
    );
    const mail = smtp.messages.find((m) => JSON.stringify(m.to).includes('wulan@example.org') && /selesai/.test(m.subject ?? ''));
    expect(mail?.text).toContain(
      `Survei Kepuasan Masyarakat (2 menit) di https://layanan.malangkota.go.id/portal/survei?kode=${c.trackingCode}`,
    );
  });
});
