import type { ComplaintDetail, ComplaintReport, ComplaintSummary, PublicComplaintView } from '@layanan/contracts';
import { COMPLAINT_ANSWER_WORKING_DAYS } from '@layanan/contracts';
import { loadComplaintsConfig } from '../../api/src/config';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { startFakeLapor, type FakeLapor } from '../support/fake-lapor';
import { as, counterCase, demoSeed, idOf, VALID_NIK } from '../support/session';
import { createTestApp, type TestApp } from '../support/test-app';

const FACTOR = VALID_NIK.slice(-4);
const MESSAGE = 'Sudah lewat tenggat tetapi berkas saya belum juga diproses oleh petugas.';

describe('Complaints (pengaduan): file → handle → answer → the citizen reads the answer', () => {
  let t: TestApp;
  let lapor: FakeLapor;
  let caseRef: { id: string; trackingCode: string };
  let filed: PublicComplaintView;

  beforeAll(async () => {
    lapor = await startFakeLapor();
    t = await createTestApp({ seed: demoSeed(0), env: { LAPOR_URL: lapor.url, LAPOR_TOKEN: lapor.token, LAPOR_MIRROR_MS: '0' } });
    caseRef = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
  });
  afterAll(async () => {
    await t.close();
    await lapor.close();
  });

  const count = async () => (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM complaints`))[0].n;
  const list = async (user: string, filter: Record<string, unknown> = {}) => {
    const res = await t.http
      .get('/api/complaints')
      .query({ filter: JSON.stringify(filter) })
      .set(await as(t, user));
    return res;
  };
  const act = async (user: string, id: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/complaints/${id}/actions`)
      .set(await as(t, user))
      .send(body);
  const idByCode = async (code: string) =>
    (await t.db.query<{ id: string }[]>(`SELECT id FROM complaints WHERE tracking_code = $1`, [code]))[0].id;

  it('files a complaint about a tracked case with an attachment: own code, received, a deadline in working days', async () => {
    const res = await t.http
      .post('/api/public/complaints')
      .field('trackingCode', caseRef.trackingCode.toLowerCase())
      .field('factor', FACTOR)
      .field('message', MESSAGE)
      .attach('attachment', demoPdf('Bukti antrean'), { filename: 'bukti.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    filed = res.body as PublicComplaintView;
    expect(filed.trackingCode).toMatch(/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(filed).toMatchObject({ state: 'received', caseTrackingCode: caseRef.trackingCode, answer: null, message: MESSAGE });
    expect(filed.serviceName).toBeTruthy();
    // 5 working days: at least 5 and (with weekends and holidays) well under 3 weeks later.
    const days = (Date.parse(filed.dueAt) - Date.parse(filed.receivedAt)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(COMPLAINT_ANSWER_WORKING_DAYS - 1);
    expect(days).toBeLessThan(21);
    // The attachment is referenced where the file sweep looks.
    const [row] = await t.db.query<{ key: string; name: string; applicant: string }[]>(
      `SELECT attachment_storage_key AS key, attachment_file_name AS name, complainant_name AS applicant FROM complaints WHERE tracking_code = $1`,
      [filed.trackingCode],
    );
    expect(row).toMatchObject({ name: 'bukti.pdf', applicant: 'Sari Wulandari' });
    const refs = await t.db.query(`SELECT 1 FROM stored_file_refs WHERE store = 'uploads' AND storage_key = $1`, [row.key]);
    expect(refs).toHaveLength(1);
  });

  it('a wrong factor is the same 404 as tracking, and stores nothing', async () => {
    const before = await count();
    const res = await t.http.post('/api/public/complaints').send({ trackingCode: caseRef.trackingCode, factor: '0000', message: MESSAGE });
    const tracking = await t.http.get(`/api/public/track/${caseRef.trackingCode}`).query({ factor: '0000' });
    expect(res.status).toBe(404);
    expect(tracking.status).toBe(404);
    expect(res.body.code).toBe('TRACKING_NOT_FOUND');
    expect(res.body.message).toBe(tracking.body.message);
    await expect(count()).resolves.toBe(before);
  });

  it('bad input is a 4xx naming the field, never a partial write', async () => {
    const before = await count();
    const short = await t.http
      .post('/api/public/complaints')
      .send({ serviceId: await idOf(t, 'services', 'code', 'ktp-el-baru'), name: 'Ani', message: 'terlalu pendek' });
    expect(short.status).toBe(400);
    expect(short.body.details.map((d: { field: string }) => d.field)).toEqual(['message']);

    const nothing = await t.http.post('/api/public/complaints').send({ message: MESSAGE });
    expect(nothing.status).toBe(400);
    expect(nothing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'serviceId']);

    const unknown = await t.http
      .post('/api/public/complaints')
      .send({ serviceId: '00000000-0000-4000-8000-000000000000', name: 'Ani Rahma', message: MESSAGE });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'serviceId' }] });

    const text = await t.http
      .post('/api/public/complaints')
      .field('serviceId', await idOf(t, 'services', 'code', 'ktp-el-baru'))
      .field('name', 'Ani Rahma')
      .field('message', MESSAGE)
      .attach('attachment', Buffer.from('#!/bin/sh\necho not a document\n'), { filename: 'bukti.pdf', contentType: 'application/pdf' });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'FILE_TYPE_UNSUPPORTED', details: [{ field: 'attachment' }] });
    await expect(count()).resolves.toBe(before);
  });

  it('the OPD complaint officer handles it: invalid steps are 409 COMPLAINT_STATE_INVALID; the citizen reads the answer', async () => {
    const id = await idByCode(filed.trackingCode);
    const mine = await list('pengaduan.dukcapil');
    expect(mine.status).toBe(200);
    expect((mine.body as ComplaintSummary[]).map((c) => c.trackingCode)).toContain(filed.trackingCode);

    const early = await act('pengaduan.dukcapil', id, { type: 'ANSWER', version: 1, answer: 'Sudah kami proses.' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'COMPLAINT_STATE_INVALID', current: { state: 'received', version: 1 } });

    const started = await act('pengaduan.dukcapil', id, { type: 'START', version: 1 });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ state: 'in_handling', version: 2, availableActions: ['ANSWER'] });

    const stale = await act('pengaduan.dukcapil', id, { type: 'ANSWER', version: 1, answer: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('COMPLAINT_STATE_INVALID');
    const empty = await act('pengaduan.dukcapil', id, { type: 'ANSWER', version: 2, answer: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ code: 'FIELD_REQUIRED', details: [{ field: 'answer' }] });
    const bogus = await act('pengaduan.dukcapil', id, { type: 'REOPEN', version: 2 });
    expect(bogus.status).toBe(400);
    expect(bogus.body.details[0].field).toBe('type');

    const answer = 'Mohon maaf atas keterlambatan. Berkas Anda sudah diverifikasi hari ini dan KTP-el dapat diambil besok.';
    const answered = await act('pengaduan.dukcapil', id, { type: 'ANSWER', version: 2, answer });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ state: 'answered', answer, answeredByName: 'Wahyu Hidayat' });

    const citizen = await t.http.get(`/api/public/complaints/${filed.trackingCode.toLowerCase()}`).expect(200);
    expect(citizen.body).toMatchObject({ state: 'answered', answer });
    expect(citizen.body).not.toHaveProperty('answeredByName');
    expect(citizen.body).not.toHaveProperty('complainantPhone');

    const closed = await act('pengaduan.dukcapil', id, { type: 'CLOSE', version: 3 });
    expect(closed.body).toMatchObject({ state: 'closed', availableActions: [] });
    const again = await act('pengaduan.dukcapil', id, { type: 'CLOSE', version: 4 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('COMPLAINT_STATE_INVALID');

    const att = await t.http.get(`/api/complaints/${id}/attachment`).set(await as(t, 'pengaduan.dukcapil'));
    expect(att.status).toBe(200);
    expect(att.headers['content-type']).toBe('application/pdf');
  });

  it('an unknown complaint code is a 404', async () => {
    const res = await t.http.get('/api/public/complaints/ADU-2222-2222-2222');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('permission matrix: another OPD’s complaint officer sees nothing; case staff without the role are refused', async () => {
    const kemenagService = await idOf(
      t,
      'services',
      'code',
      (
        await t.db.query<{ code: string }[]>(
          `SELECT s.code FROM services s JOIN opds o ON o.id = s.opd_id WHERE o.code = 'kemenag' AND s.active ORDER BY s.code LIMIT 1`,
        )
      )[0].code,
    );
    const other = await t.http
      .post('/api/public/complaints')
      .send({ serviceId: kemenagService, name: 'Rudi Hartono', phone: '081298765432', message: MESSAGE });
    expect(other.status).toBe(201);
    const dukcapilId = await idByCode(filed.trackingCode);
    const kemenagId = await idByCode((other.body as PublicComplaintView).trackingCode);

    // The complainant's phone is at rest encrypted, like the cases' (PiiCipher), and read back in clear by the officer.
    const [stored] = await t.db.query<{ phone: string }[]>(`SELECT complainant_phone AS phone FROM complaints WHERE id = $1`, [kemenagId]);
    expect(stored.phone).not.toContain('081298765432');
    const own = await t.http.get(`/api/complaints/${kemenagId}`).set(await as(t, 'pengaduan.kemenag'));
    expect((own.body as ComplaintDetail).complainantPhone).toBe('081298765432');

    const kemenagList = (await list('pengaduan.kemenag')).body as ComplaintSummary[];
    expect(kemenagList.map((c) => c.id)).toEqual([kemenagId]);
    const dukcapilList = (await list('pengaduan.dukcapil')).body as ComplaintSummary[];
    expect(dukcapilList.map((c) => c.id)).toEqual([dukcapilId]);
    // Filtering on the other OPD's id does not widen the SQL scope.
    const forced = (await list('pengaduan.kemenag', { opdId: dukcapilList[0].opdId })).body as ComplaintSummary[];
    expect(forced).toEqual([]);

    const peek = await t.http.get(`/api/complaints/${dukcapilId}`).set(await as(t, 'pengaduan.kemenag'));
    expect(peek.status).toBe(404);
    const touch = await act('pengaduan.kemenag', kemenagId === dukcapilId ? '' : dukcapilId, { type: 'START', version: 1 });
    expect(touch.status).toBe(404);

    // A counter officer has no complaint role; the section head reads but does not handle.
    expect((await list('petugas.dukcapil')).status).toBe(403);
    const head = await t.http.get(`/api/complaints/${dukcapilId}`).set(await as(t, 'kasi.dukcapil'));
    expect(head.status).toBe(200);
    expect((head.body as ComplaintDetail).availableActions).toEqual([]);
    expect((head.body as ComplaintDetail).complainantPhone).not.toBe('081234567890');
    expect((await act('kasi.dukcapil', kemenagId, { type: 'START', version: 1 })).status).toBe(403);
    const city = (await list('pimpinan')).body as ComplaintSummary[];
    expect(city.map((c) => c.id).sort()).toEqual([dukcapilId, kemenagId].sort());
  });

  it('the case page lists the complaints about the case', async () => {
    const res = await list('kasi.dukcapil', { caseId: caseRef.id });
    expect(res.status).toBe(200);
    expect((res.body as ComplaintSummary[]).map((c) => c.trackingCode)).toEqual([filed.trackingCode]);
    expect(res.headers['content-range']).toBe('complaints 0-0/1');
    const bad = await list('kasi.dukcapil', { caseId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('filter.caseId');
  });

  it('reports count complaints and response times per OPD and service, scoped to the caller', async () => {
    const city = (
      await t.http
        .get('/api/complaints/report')
        .set(await as(t, 'pimpinan'))
        .expect(200)
    ).body as ComplaintReport;
    const dukcapil = city.rows.find((r) => r.serviceName && r.answered === 1);
    expect(dukcapil).toMatchObject({ received: 1, answered: 1, answeredOnTime: 1, open: 0, overdue: 0 });
    expect(dukcapil?.meanResponseHours).not.toBeNull();
    expect(dukcapil?.meanResponseHours).toBe(dukcapil?.medianResponseHours);
    expect(city.rows.reduce((n, r) => n + r.received, 0)).toBe(2);
    expect(city.rows.reduce((n, r) => n + r.open, 0)).toBe(1);
    const own = (
      await t.http
        .get('/api/complaints/report')
        .set(await as(t, 'pengaduan.kemenag'))
        .expect(200)
    ).body as ComplaintReport;
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]).toMatchObject({ received: 1, answered: 0, open: 1, meanResponseHours: null });
    const bad = await t.http
      .get('/api/complaints/report')
      .query({ from: '2026-13' })
      .set(await as(t, 'pimpinan'));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('from');
    // The console's reports page asks by Jakarta day (`to` inclusive), with its OPD/service filters.
    // Jakarta days; from yesterday, in case this file ran across midnight WIB.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const byDay = async (query: Record<string, string>) =>
      (
        await t.http
          .get('/api/complaints/report')
          .query(query)
          .set(await as(t, 'pimpinan'))
          .expect(200)
      ).body as ComplaintReport;
    const todays = await byDay({ from: yesterday, to: today });
    expect(todays).toMatchObject({ from: yesterday, to: today });
    expect(todays.rows.reduce((n, r) => n + r.received, 0)).toBe(2);
    expect((await byDay({ from: '2020-01-01', to: '2020-01-31' })).rows).toEqual([]);
    const oneOpd = await byDay({ from: yesterday, to: today, opdId: dukcapil?.opdId ?? '' });
    expect(oneOpd.rows.map((r) => r.opdId)).toEqual([dukcapil?.opdId]);
    const mixed = await t.http
      .get('/api/complaints/report')
      .query({ from: today, to: '2026-13-01' })
      .set(await as(t, 'pimpinan'));
    expect(mixed.status).toBe(400);
    expect(mixed.body.details[0].field).toBe('to');
  });

  it('SP4N-LAPOR!: forwards a complaint and mirrors its status (fake LAPOR! server)', async () => {
    const id = (await list('pengaduan.kemenag')).body[0].id as string;
    const before = (
      await t.http
        .get(`/api/complaints/${id}`)
        .set(await as(t, 'pengaduan.kemenag'))
        .expect(200)
    ).body as ComplaintDetail;
    expect(before).toMatchObject({ canForward: true, laporTrackingId: null });

    const fwd = await t.http.post(`/api/complaints/${id}/lapor`).set(await as(t, 'pengaduan.kemenag'));
    expect(fwd.status).toBe(200);
    const trackingId = (fwd.body as ComplaintDetail).laporTrackingId;
    expect(trackingId).toMatch(/^\d+$/);
    expect(fwd.body).toMatchObject({ laporStatus: 'Belum Terverifikasi', canForward: false });
    const sent = lapor.reports.get(trackingId ?? '');
    expect(sent?.body).toMatchObject({ content: MESSAGE, reference: before.trackingCode, reporter: { name: 'Rudi Hartono' } });

    const twice = await t.http.post(`/api/complaints/${id}/lapor`).set(await as(t, 'pengaduan.kemenag'));
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('COMPLAINT_STATE_INVALID');
    // Only the OPD's officer forwards.
    expect((await t.http.post(`/api/complaints/${id}/lapor`).set(await as(t, 'pengaduan.dukcapil'))).status).toBe(404);

    lapor.setStatus(trackingId ?? '', 'Proses');
    const mirrored = await t.http
      .post('/api/complaints/lapor/mirror')
      .set(await as(t, 'pengaduan.kemenag'))
      .expect(200);
    expect(mirrored.body).toEqual({ updated: 1 });
    const after = (
      await t.http
        .get(`/api/complaints/${id}`)
        .set(await as(t, 'pengaduan.kemenag'))
        .expect(200)
    ).body as ComplaintDetail;
    expect(after.laporStatus).toBe('Proses');
    expect(after.state).toBe('received');
  });

  it('the bridge is off by default and its settings go together', () => {
    expect(loadComplaintsConfig({}).lapor).toBeNull();
    expect(() => loadComplaintsConfig({ LAPOR_URL: 'https://lapor.example' })).toThrow(/LAPOR_URL and LAPOR_TOKEN/);
  });
});

describe('demo seed: complaints and survey responses over the demo cases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(60) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds a few complaints (some answered) tied to their cases, and survey responses in the IKM totals', async () => {
    const complaints = await t.db.query<{ state: string; case_ok: boolean }[]>(
      `SELECT c.state, (k.tracking_code = c.case_tracking_code AND k.opd_id = c.opd_id) AS case_ok FROM complaints c JOIN cases k ON k.id = c.case_id`,
    );
    expect(complaints.length).toBeGreaterThanOrEqual(2);
    expect(complaints.every((c) => c.case_ok)).toBe(true);
    expect(complaints.filter((c) => c.state === 'answered').length).toBeGreaterThanOrEqual(1);
    const [{ responses, totals }] = await t.db.query<{ responses: number; totals: number }[]>(
      `SELECT (SELECT count(*)::int FROM survey_responses) AS responses, (SELECT COALESCE(sum(respondents), 0)::int FROM survey_totals) AS totals`,
    );
    expect(responses).toBeGreaterThan(0);
    expect(totals).toBe(responses);
    const list = await t.http.get('/api/complaints').set(await as(t, 'pengaduan.dukcapil'));
    expect(list.status).toBe(200);
  });
});
