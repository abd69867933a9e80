import type { ExportJobView, ExportSizeView, StaffNotificationView } from '@layanan/contracts';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CaseExportJobsService } from '../../api/src/reports/case-export-jobs.service';
import { binary } from '../support/pdf-tools';
import { createTestApp, type TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, VALID_NIK } from '../support/session';

// Background case-list exports through pg-boss (JOBS_ENABLED): a job streams the same query as
// GET /api/exports/cases for its owner into the export store; only the owner sees or downloads
// it; a dead instance's job is retried or failed by the sweep, files expire; and the XLSX cap is
// counted on the read connection.
const FILTER = JSON.stringify({ queue: 'all' });
const SORT = JSON.stringify(['submittedAt', 'DESC']);

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

describe('background case-list exports', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    t = await createTestApp({
      seed: demoSeed(0),
      env: { JOBS_ENABLED: 'true', EXPORT_BACKGROUND_ROWS: '3', EXPORT_STALE_SECONDS: '10', EXPORT_MAX_ATTEMPTS: '2' },
    });
    dataDir = process.env.DATA_DIR as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const file = async (user: string, url: string, query: Record<string, string> = {}) =>
    (await t.http
      .get(url)
      .query(query)
      .set(await as(t, user))
      .buffer(true)
      .parse(binary)) as { status: number; body: Buffer; headers: Record<string, string> };
  const job = async (user: string, id: string) =>
    (
      await t.http
        .get(`/api/exports/case-jobs/${id}`)
        .set(await as(t, user))
        .expect(200)
    ).body as ExportJobView;
  const settled = (user: string, id: string) =>
    waitFor(async () => {
      const j = await job(user, id);
      return j.status === 'ready' || j.status === 'failed' ? j : undefined;
    });
  const start = async (user: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post('/api/exports/case-jobs')
      .set(await as(t, user))
      .send(body);
    return res as typeof res & { body: ExportJobView };
  };

  it('makes five Dukcapil cases and one of Kemenag', async () => {
    for (let i = 0; i < 5; i++) await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
  }, 60_000);

  it('says when a list is big enough for a background job', async () => {
    const size = async (filter: string) =>
      (
        await t.http
          .get('/api/exports/cases/size')
          .query({ filter })
          .set(await as(t, 'kasi.dukcapil'))
          .expect(200)
      ).body as ExportSizeView;
    expect(await size(FILTER)).toEqual({ atLeast: 4, threshold: 3, background: true });
    expect(await size(JSON.stringify({ queue: 'all', state: 'issued' }))).toEqual({ atLeast: 0, threshold: 3, background: false });
  });

  it('runs a job to ready: the file equals the streamed CSV of the same filter, with a notice to its owner only', async () => {
    const created = await start('kasi.dukcapil', { filter: FILTER, sort: SORT });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', filter: { queue: 'all' }, sort: ['submittedAt', 'DESC'], gzip: false });
    const done = await settled('kasi.dukcapil', created.body.id);
    expect(done).toMatchObject({ status: 'ready', rowsWritten: 5, rowsExpected: 5, errorCode: null });
    expect(done.fileName).toMatch(/^daftar-permohonan-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(new Date(done.expiresAt as string).getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);

    const got = await file('kasi.dukcapil', `/api/exports/case-jobs/${done.id}/file`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toContain('text/csv');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${done.fileName}"`);
    const streamed = await file('kasi.dukcapil', '/api/exports/cases', { filter: FILTER, sort: SORT });
    expect(got.body.equals(streamed.body)).toBe(true);
    expect(got.body.length).toBe(done.bytes);
    expect(got.body.toString('utf8').trim().split('\n')).toHaveLength(6); // header + 5 (no Kemenag case)

    const notices = (
      await t.http
        .get('/api/notifications')
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as StaffNotificationView[];
    expect(notices.filter((n) => n.kind === 'export_ready')).toEqual([
      expect.objectContaining({ kind: 'export_ready', caseId: null, data: { jobId: done.id, rows: 5 } }),
    ]);

    // Anyone else: no such export (not 403: its existence is not told).
    for (const other of ['kasi.kemenag', 'verifikator.dukcapil']) {
      expect((await file(other, `/api/exports/case-jobs/${done.id}/file`)).status).toBe(404);
      expect((await file(other, `/api/exports/case-jobs/${done.id}`)).status).toBe(404);
      const theirs = (
        await t.http
          .get('/api/exports/case-jobs')
          .set(await as(t, other))
          .expect(200)
      ).body as ExportJobView[];
      expect(theirs.map((j) => j.id)).not.toContain(done.id);
      const bell = (
        await t.http
          .get('/api/notifications')
          .set(await as(t, other))
          .expect(200)
      ).body as StaffNotificationView[];
      expect(bell.filter((n) => n.kind === 'export_ready')).toEqual([]);
    }
    const mine = (
      await t.http
        .get('/api/exports/case-jobs')
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as ExportJobView[];
    expect(mine.map((j) => j.id)).toContain(done.id);
  }, 60_000);

  it("exports with the owner's permissions: Kemenag's officer gets Kemenag's rows only, gzipped when asked", async () => {
    const created = await start('petugas.kemenag', { filter: FILTER, sort: SORT, gzip: true });
    const done = await settled('petugas.kemenag', created.body.id);
    expect(done).toMatchObject({ status: 'ready', rowsWritten: 1 });
    expect(done.fileName).toMatch(/\.csv\.gz$/);
    const got = await file('petugas.kemenag', `/api/exports/case-jobs/${done.id}/file`);
    expect(got.headers['content-type']).toContain('application/gzip');
    const streamed = await file('petugas.kemenag', '/api/exports/cases', { filter: FILTER, sort: SORT });
    expect(gunzipSync(got.body).equals(streamed.body)).toBe(true);
  }, 60_000);

  it('keeps a NIK search as its blind index, never the NIK, and finds the same rows', async () => {
    const filter = JSON.stringify({ queue: 'all', q: VALID_NIK });
    const created = await start('kasi.dukcapil', { filter, sort: SORT });
    expect(created.body.filter).toEqual({ queue: 'all', q: 'NIK' });
    const [stored] = await t.db.query<{ filter: string; nik_bidx: string | null }[]>(
      `SELECT filter::text, nik_bidx FROM case_export_jobs WHERE id = $1`,
      [created.body.id],
    );
    expect(stored.filter).not.toContain(VALID_NIK);
    expect(stored.nik_bidx).toEqual(expect.any(String));
    const done = await settled('kasi.dukcapil', created.body.id);
    const got = await file('kasi.dukcapil', `/api/exports/case-jobs/${done.id}/file`);
    expect(got.body.equals((await file('kasi.dukcapil', '/api/exports/cases', { filter, sort: SORT })).body)).toBe(true);
    expect(done.rowsWritten).toBe(5);
  }, 60_000);

  it('refuses a bad filter with a 400 naming it, and writes no job', async () => {
    const before = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_export_jobs`);
    const bad = await start('kasi.dukcapil', { filter: '{"queue":"nope"}' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('filter.queue');
    const notJson = await start('kasi.dukcapil', { filter: '{', gzip: 'yes' });
    expect(notJson.status).toBe(400);
    expect((await t.http.post('/api/exports/case-jobs').send({ filter: FILTER })).status).toBe(401);
    const after = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_export_jobs`);
    expect(after[0].n).toBe(before[0].n);
    expect((await file('kasi.dukcapil', '/api/exports/case-jobs/not-a-uuid')).status).toBe(400);
    expect((await file('kasi.dukcapil', '/api/exports/case-jobs/00000000-0000-4000-8000-000000000000/file')).status).toBe(404);
  });

  // Fixture: a job as a request would have written it, with the owner's roles as they were when
  // asked ('own': as now; [] for an owner whose roles were taken away).
  const insertJob = async (owner: string, roles: string[] | 'own', extra = '') => {
    const ownerId = await idOf(t, 'users', 'username', owner);
    const [u] = await t.db.query<{ opd_id: string | null; roles: string[] }[]>(`SELECT opd_id, roles FROM users WHERE id = $1`, [ownerId]);
    const opdId = u.opd_id;
    if (roles === 'own') roles = u.roles;
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO case_export_jobs (owner_id, owner_user, filter, sort) VALUES ($1, $2, '{"queue":"all"}', '["submittedAt","DESC"]') RETURNING id`,
      [ownerId, JSON.stringify({ id: ownerId, username: owner, fullName: owner, roles, opdId })],
    );
    if (extra) await t.db.query(`UPDATE case_export_jobs SET ${extra} WHERE id = $1`, [row.id]);
    return row.id;
  };

  it('fails a job whose owner may no longer read cases, with FORBIDDEN; its download answers EXPORT_NOT_READY', async () => {
    const id = await insertJob('kasi.dukcapil', []);
    await t.app.get(CaseExportJobsService).run(id);
    const j = await job('kasi.dukcapil', id);
    expect(j).toMatchObject({ status: 'failed', errorCode: 'FORBIDDEN', rowsWritten: 0, fileName: null });
    const res = await file('kasi.dukcapil', `/api/exports/case-jobs/${id}/file`);
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'EXPORT_NOT_READY' });
  });

  it("retries a job a dead instance left running, fails it after EXPORT_MAX_ATTEMPTS runs, and removes the dead run's half file", async () => {
    const stale = `status = 'running', heartbeat_at = now() - interval '1 hour', started_at = now() - interval '1 hour'`;
    const retried = await insertJob('kasi.dukcapil', 'own', `${stale}, attempts = 1`);
    const exhausted = await insertJob('kasi.dukcapil', 'own', `${stale}, attempts = 2`);
    // The dead run's temporary, as LocalDiskStorage.putStream leaves it when killed.
    const dir = path.join(dataDir, 'exports', retried.slice(0, 2), retried.slice(2, 4));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${retried}.0b9e4a52-half.tmp`), 'tracking_code,ser');
    const swept = await t.app.get(CaseExportJobsService).sweep();
    expect(swept).toMatchObject({ requeued: 1, failed: 1 });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await job('kasi.dukcapil', exhausted)).toMatchObject({ status: 'failed', errorCode: 'EXPORT_INTERRUPTED' });
    const done = await settled('kasi.dukcapil', retried);
    expect(done).toMatchObject({ status: 'ready', rowsWritten: 5 });
    const [{ attempts }] = await t.db.query<{ attempts: number }[]>(`SELECT attempts FROM case_export_jobs WHERE id = $1`, [retried]);
    expect(attempts).toBe(2);
    // A run that lost its job to the sweep writes nothing: claiming a job no longer queued is a no-op.
    await t.app.get(CaseExportJobsService).run(exhausted);
    expect(await job('kasi.dukcapil', exhausted)).toMatchObject({ status: 'failed', errorCode: 'EXPORT_INTERRUPTED' });
  }, 60_000);

  it('expires ready files: the sweep deletes them and the job says expired', async () => {
    const created = await start('kasi.dukcapil', { filter: FILTER });
    const done = await settled('kasi.dukcapil', created.body.id);
    const stored = path.join(dataDir, 'exports', done.id.slice(0, 2), done.id.slice(2, 4), done.id);
    expect(existsSync(stored)).toBe(true);
    await t.db.query(`UPDATE case_export_jobs SET expires_at = now() - interval '1 second' WHERE id = $1`, [done.id]);
    const swept = await t.app.get(CaseExportJobsService).sweep();
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(existsSync(stored)).toBe(false);
    expect(await job('kasi.dukcapil', done.id)).toMatchObject({ status: 'expired', fileName: null });
    expect((await file('kasi.dukcapil', `/api/exports/case-jobs/${done.id}/file`)).status).toBe(409);
  }, 60_000);
});

describe('XLSX cap on the read connection', () => {
  let t: TestApp;
  const saved = process.env.READ_DATABASE_URL;
  beforeAll(async () => {
    t = await createTestApp({
      // The read connection sees `cases` through a schema first on its search_path, where a view
      // hides every case: what it counts and streams differs visibly from the primary.
      seed: async (url) => {
        await demoSeed(0)(url);
        const u = new URL(url);
        u.searchParams.set('options', '-c search_path=read_probe,public');
        process.env.READ_DATABASE_URL = u.toString();
      },
      env: { XLSX_ROW_CAP: '1' },
    });
    await t.db.query(`CREATE SCHEMA read_probe`);
    await t.db.query(`CREATE VIEW read_probe.cases AS SELECT * FROM public.cases WHERE false`);
  });
  afterAll(async () => {
    await t.close();
    if (saved === undefined) delete process.env.READ_DATABASE_URL;
    else process.env.READ_DATABASE_URL = saved;
  });

  it('counts the rows for the cap where it streams them, not on the primary', async () => {
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const res = await t.http
      .get('/api/exports/cases')
      .query({ filter: FILTER, format: 'xlsx' })
      .set(await as(t, 'kasi.dukcapil'))
      .buffer(true)
      .parse(binary);
    // The primary has 2 rows (> cap 1, a 413 if counted there); the read connection none.
    expect(res.status).toBe(200);
    const primary = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases`);
    expect(primary[0].n).toBe(2);
  }, 60_000);
});
