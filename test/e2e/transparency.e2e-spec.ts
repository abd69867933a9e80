import { SKM_ELEMENTS, TRANSPARENCY_MIN_CELL, type SkmElement, type TransparencyReport, type TransparencyRow } from '@layanan/contracts';
import { wibDate, workingMinutesBetween, type WorkingCalendar } from '@layanan/sla';
import { ReportRollupService } from '../../api/src/reports/report-rollup.service';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, validDocuments, VALID_NIK } from '../support/session';

// The public transparency table (/api/public/transparency, the portal's /transparansi): cases
// made through real transitions in the current month, then every public figure checked against
// an oracle over the raw cases, case_events and survey answers, and against the heads' report
// of the same month; cells under TRANSPARENCY_MIN_CELL are suppressed; no personal data.
const FACTOR = VALID_NIK.slice(-4);
const scoresOf = (values: number[]) => Object.fromEntries(SKM_ELEMENTS.map((e, i) => [e, values[i]])) as Record<SkmElement, number>;
/** Five answers (3 × A, 2 × B): NRR 3.6, 3.0, 2.6, 4.0, 3.0, 3.6, 3.6, 2.6, 3.0 → mean 29/9 × 25 = 80.56, grade B. */
const ANSWERS = [
  [4, 3, 3, 4, 3, 4, 4, 3, 3],
  [4, 3, 3, 4, 3, 4, 4, 3, 3],
  [4, 3, 3, 4, 3, 4, 4, 3, 3],
  [3, 3, 2, 4, 3, 3, 3, 2, 3],
  [3, 3, 2, 4, 3, 3, 3, 2, 3],
];

describe('public transparency table', () => {
  let t: TestApp;
  let month: string;
  let from: string;
  let to: string;
  let ktp: string;
  let dukcapil: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    ktp = await idOf(t, 'services', 'code', 'ktp-el-baru');
    dukcapil = await idOf(t, 'opds', 'code', 'dukcapil');
  });
  afterAll(async () => {
    await t.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);
    if (res.status !== 200) throw new Error(`${String(body.type)} by ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { version: number };
  };
  const survey = (code: string, values: number[]) =>
    t.http
      .post(`/api/public/track/${code}/survey`)
      .send({ factor: FACTOR, scores: scoresOf(values) })
      .expect(201);
  const table = async (): Promise<TransparencyReport> =>
    (await t.http.get('/api/public/transparency').expect(200)).body as TransparencyReport;
  const cell = (r: TransparencyReport, opd: string, service: string): TransparencyRow | undefined =>
    r.rows.find((x) => x.month === month && x.opdCode === opd && x.serviceCode === service);

  it('builds a month of Dukcapil and Kemenag cases, some late, with survey answers', async () => {
    // Six KTP cases at Dukcapil: five issued (one after its due date), one still open.
    for (let i = 0; i < 6; i++) {
      const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      if (i === 5) continue;
      await validDocuments(t, c.id);
      let v = (await event('verifikator.dukcapil', c.id, { type: 'VERIFY', version: c.version })).version;
      v = (await event('kasi.dukcapil', c.id, { type: 'APPROVE', version: v })).version;
      if (i === 0) await t.db.query(`UPDATE cases SET due_at = now() - interval '1 minute' WHERE id = $1`, [c.id]);
      await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: v });
      await survey(c.trackingCode, ANSWERS[i]);
    }
    // Two Kemenag cases, one rejected (and rated once): a small cell.
    const k = await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 2 });
    await event('verifikator.kemenag', k.id, { type: 'REJECT', reason: 'Ijazah tidak terbaca', version: k.version });
    await survey(k.trackingCode, [4, 4, 4, 4, 4, 4, 4, 4, 4]);
    await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
    await expect(t.app.get(ReportRollupService).refresh({ full: true })).resolves.toBe(true);
    to = wibDate(new Date());
    month = to.slice(0, 7);
    from = `${month}-01`;
  }, 180_000);

  it('equals the oracle over the raw cases, events and survey answers', async () => {
    const r = await table();
    const got = cell(r, 'dukcapil', 'ktp-el-baru');
    const cases = await t.db.query<{ id: string; submitted_at: Date; completed_at: Date | null; due_at: Date; state: string }[]>(
      `SELECT id, submitted_at, completed_at, due_at, state FROM cases WHERE opd_id = $1 AND service_id = $2`,
      [dukcapil, ktp],
    );
    const inMonth = (d: Date | null) => d !== null && wibDate(d).slice(0, 7) === month;
    const completed = cases.filter((c) => inMonth(c.completed_at) && c.state !== 'withdrawn');
    const onTime = completed.filter((c) => (c.completed_at as Date) <= c.due_at);
    // Median working days from the event log: working minutes of the non-waiting states up to completion, ÷ 480, rounded up.
    const hol = await t.db.query<{ d: string }[]>(`SELECT to_char(date, 'YYYY-MM-DD') AS d FROM holidays`);
    const cal: WorkingCalendar = { holidays: new Set(hol.map((h) => h.d)) };
    const days: number[] = [];
    for (const c of completed) {
      const moves = await t.db.query<{ from_state: string | null; to_state: string | null; created_at: Date }[]>(
        `SELECT from_state, to_state, created_at FROM case_events WHERE case_id = $1 AND from_state IS DISTINCT FROM to_state ORDER BY seq`,
        [c.id],
      );
      let minutes = 0;
      for (let i = 1; i < moves.length; i++)
        if (moves[i].from_state !== 'returned' && moves[i].created_at <= (c.completed_at as Date))
          minutes += workingMinutesBetween(moves[i - 1].created_at, moves[i].created_at, cal);
      days.push(Math.ceil(minutes / 480));
    }
    days.sort((a, b) => a - b);
    const median = days[Math.ceil(days.length / 2) - 1];
    expect(completed).toHaveLength(5);
    expect(got).toEqual({
      month,
      opdCode: 'dukcapil',
      opdName: expect.any(String) as string,
      serviceCode: 'ktp-el-baru',
      serviceName: expect.any(String) as string,
      received: cases.filter((c) => inMonth(c.submitted_at)).length,
      completed: completed.length,
      onTimePct: Math.round((onTime.length / completed.length) * 1000) / 10,
      medianWorkingDays: median,
      ikmRespondents: 5,
      ikm: 80.56,
      ikmGrade: 'B',
    });
    expect(got?.received).toBe(6);
    expect(got?.onTimePct).toBe(80);
    // The IKM from the raw answers: the mean of the nine elements' averages × 25.
    const answers = await t.db.query<Record<SkmElement, number>[]>(
      `SELECT ${SKM_ELEMENTS.join(', ')} FROM survey_responses WHERE service_id = $1 AND opd_id = $2`,
      [ktp, dukcapil],
    );
    const nrr = SKM_ELEMENTS.map((e) => answers.reduce((s, a) => s + a[e], 0) / answers.length);
    expect(got?.ikm).toBe(Math.round((nrr.reduce((s, x) => s + x, 0) / 9) * 25 * 100) / 100);
  });

  it('equals the heads’ report (per service) of the same month', async () => {
    const r = await table();
    const report = (
      await t.http
        .get('/api/reports/services')
        .query({ from, to })
        .set(await as(t, 'pimpinan'))
        .expect(200)
    ).body as {
      rows: { opdId: string; serviceId: string; received: number; closed: number; compliance: number | null; medianDays: number | null }[];
    };
    const row = report.rows.find((x) => x.opdId === dukcapil && x.serviceId === ktp);
    expect(row).toBeDefined();
    expect(cell(r, 'dukcapil', 'ktp-el-baru')).toMatchObject({
      received: row?.received,
      completed: row?.closed,
      onTimePct: Math.round((row?.compliance ?? 0) * 1000) / 10,
      medianWorkingDays: row?.medianDays,
    });
  });

  it('suppresses cells under the minimum and carries no personal data', async () => {
    const r = await table();
    expect(r.minCell).toBe(TRANSPARENCY_MIN_CELL);
    // Kemenag: 2 received, 1 rejected, 1 survey answer: every figure hidden, the row still listed.
    expect(cell(r, 'kemenag', 'legalisasi-ijazah-madrasah')).toMatchObject({
      received: null,
      completed: null,
      onTimePct: null,
      medianWorkingDays: null,
      ikmRespondents: null,
      ikm: null,
      ikmGrade: null,
    });
    const text = JSON.stringify(r);
    for (const personal of [VALID_NIK, 'Sari Wulandari', '081234567890', 'Soekarno Hatta', 'Ijazah tidak terbaca'])
      expect(text).not.toContain(personal);
    const [{ codes }] = await t.db.query<{ codes: string[] }[]>(`SELECT array_agg(tracking_code) AS codes FROM cases`);
    for (const code of codes) expect(text).not.toContain(code);
  });

  it('is cached: Cache-Control, an ETag answered with 304, and the server keeps the table for minutes', async () => {
    const first = await t.http.get('/api/public/transparency').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['last-modified']).toBeDefined();
    const again = await t.http.get('/api/public/transparency').set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    // A new case and a refresh do not change the cached table (at most 5 minutes old by design).
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await t.app.get(ReportRollupService).refresh();
    const later = await t.http.get('/api/public/transparency').expect(200);
    expect(later.headers.etag).toBe(etag);
    expect((later.body as TransparencyReport).generatedAt).toBe((first.body as TransparencyReport).generatedAt);
  });

  it('downloads the same table as CSV and JSON', async () => {
    const r = await table();
    const json = await t.http.get('/api/public/transparency.json').expect(200);
    expect(json.headers['content-disposition']).toBe(`attachment; filename="transparansi-layanan-${r.year}.json"`);
    expect((json.body as TransparencyReport).rows).toEqual(r.rows);
    const csv = await t.http
      .get('/api/public/transparency.csv')
      .buffer(true)
      .parse((res, cb) => {
        let s = '';
        res.on('data', (c: Buffer) => (s += c.toString('utf8')));
        res.on('end', () => cb(null, s));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'bulan,kode_opd,opd,kode_layanan,layanan,diterima,selesai,tepat_waktu_persen,median_hari_kerja,responden_skm,ikm,mutu_pelayanan',
    );
    expect(lines).toHaveLength(r.rows.length + 1);
    const ktpLine = lines.find((l) => l.startsWith(`${month},dukcapil,`) && l.includes(',ktp-el-baru,'));
    const k = cell(r, 'dukcapil', 'ktp-el-baru');
    expect(ktpLine?.split(',').slice(-7)).toEqual(
      [k?.received, k?.completed, k?.onTimePct, k?.medianWorkingDays, k?.ikmRespondents, k?.ikm, k?.ikmGrade].map(String),
    );
    const small = lines.find((l) => l.startsWith(`${month},kemenag,`));
    expect(small?.split(',').slice(-7)).toEqual(['', '', '', '', '', '', '']);
  });

  it('refuses a bad year with a 400 naming it', async () => {
    const res = await t.http.get('/api/public/transparency').query({ year: '19x' }).expect(400);
    expect(JSON.stringify(res.body)).toContain('year');
    await t.http.get('/api/public/transparency.csv').query({ year: '2999' }).expect(400);
  });
});
