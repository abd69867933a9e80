import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BulkResult, QueueCounts } from '@layanan/contracts';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../../api/src/files/document-storage';
import { LocalDiskStorage } from '../../api/src/files/local-disk-storage';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, PASSWORD, validDocuments, VALID_NIK } from '../support/session';

/** Local disk that fails the Nth write, as a full or broken disk would (fault injection through the storage port). */
class FailingStorage implements DocumentStorage {
  writes = 0;
  failOn = Number.POSITIVE_INFINITY;
  constructor(readonly inner: LocalDiskStorage) {}
  async put(key: string, bytes: Buffer): Promise<void> {
    if (++this.writes === this.failOn) throw new Error('no space left on device');
    return this.inner.put(key, bytes);
  }
  get(key: string) {
    return this.inner.get(key);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}

describe('daily work: queues by role, assignment, bulk approval, atomic counter intake, honest totals', () => {
  let t: TestApp;
  let storage: FailingStorage;
  const uploadsDir = () => path.join(process.env.DATA_DIR as string, 'uploads');
  // Stored files (directories aside): <root>/<k[0..2]>/<k[2..4]>/<key>.
  const filesOnDisk = () =>
    existsSync(uploadsDir()) ? readdirSync(uploadsDir(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;

  beforeAll(async () => {
    t = await createTestApp({
      seed: demoSeed(300),
      env: { UPLOAD_MAX_BYTES: String(64 * 1024) },
      override: (b) =>
        b.overrideProvider(DOCUMENT_STORAGE).useFactory({
          factory: () => (storage = new FailingStorage(new LocalDiskStorage(path.join(process.env.DATA_DIR as string, 'uploads')))),
        }),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (user: string, filter: Record<string, unknown>, range = '[0,199]') =>
    t.http
      .get('/api/cases')
      .set(await as(t, user))
      .query({ filter: JSON.stringify(filter), range });
  const counts = async (user: string) =>
    (
      await t.http
        .get('/api/cases/queue-counts')
        .set(await as(t, user))
        .expect(200)
    ).body as QueueCounts;
  const ids = (res: { body: { id: string }[] }) => res.body.map((c) => c.id);
  const rows = async <T>(sql: string, values: unknown[] = []) => await t.db.query<T[]>(sql, values);

  it("keeps verification work out of the officers' pool: an officer's unassigned queue holds only what officers do", async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    expect(ids(await list('petugas.dukcapil', { queue: 'unassigned' }))).not.toContain(c.id);
    expect(ids(await list('verifikator.dukcapil', { queue: 'unassigned' }))).toContain(c.id);
    const opd = await idOf(t, 'opds', 'code', 'dukcapil');
    const officerWork = await rows<{ id: string }>(
      `SELECT id FROM cases WHERE opd_id = $1 AND is_open AND assignee_id IS NULL AND 'officer' = ANY(next_roles)`,
      [opd],
    );
    const pool = await list('petugas.dukcapil', { queue: 'unassigned' });
    expect(ids(pool).sort()).toEqual(officerWork.map((r) => r.id).sort());
    // Neither can the officer claim it.
    const claim = await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ type: 'CLAIM', version: c.version });
    expect(claim.status).toBe(403);
  });

  it('gives the supervisor a "waiting on me" queue of verified files, and lands them there', async () => {
    const opd = await idOf(t, 'opds', 'code', 'dukcapil');
    const me = await idOf(t, 'users', 'username', 'kasi.dukcapil');
    const expected = await rows<{ id: string }>(
      `SELECT id FROM cases WHERE opd_id = $1 AND is_open AND 'supervisor' = ANY(next_roles) AND (assignee_id IS NULL OR assignee_id = $2)`,
      [opd, me],
    );
    expect(expected.length).toBeGreaterThan(0);
    const waiting = await list('kasi.dukcapil', { queue: 'waiting' });
    expect(waiting.status).toBe(200);
    expect(ids(waiting).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(waiting.body.every((c: { state: string }) => c.state === 'verified')).toBe(true);
    const kasi = await counts('kasi.dukcapil');
    expect(kasi.defaultQueue).toBe('waiting');
    expect(kasi.queues[0]).toEqual({ queue: 'waiting', count: expected.length, capped: false });
    expect((await counts('verifikator.dukcapil')).defaultQueue).toBe('mine');
  });

  it('gives pimpinan and admin the city-wide lists, not an empty inbox', async () => {
    for (const user of ['pimpinan', 'admin']) {
      const c = await counts(user);
      expect(c.defaultQueue).toBe('all');
      expect(c.queues.map((q) => q.queue)).toEqual(['all', 'overdue', 'due-soon']);
      expect(c.queues[0].count).toBeGreaterThan(0);
    }
  });

  it('refuses to assign a verification to an officer, naming the user (422), in a single and a bulk assignment', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const officer = await idOf(t, 'users', 'username', 'petugas.dukcapil');
    const single = await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({ type: 'ASSIGN', version: c.version, assigneeId: officer, reason: 'cuti' });
    expect(single.status).toBe(422);
    expect(single.body.code).toBe('ASSIGNEE_CANNOT_ACT');
    expect(single.body.details).toEqual([{ field: 'assigneeId', message: expect.stringContaining('Budi Santoso') }]);
    const verifier = await idOf(t, 'users', 'username', 'verifikator2.dukcapil');
    const other = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const bulk = (
      await t.http
        .post('/api/cases/bulk-assign')
        .set(await as(t, 'kasi.dukcapil'))
        .send({ caseIds: [c.id, other.id], assigneeId: officer, reason: 'cuti' })
        .expect(200)
    ).body as BulkResult[];
    expect(bulk.map((r) => [r.ok, r.statusCode, r.code])).toEqual([
      [false, 422, 'ASSIGNEE_CANNOT_ACT'],
      [false, 422, 'ASSIGNEE_CANNOT_ACT'],
    ]);
    const ok = (
      await t.http
        .post('/api/cases/bulk-assign')
        .set(await as(t, 'kasi.dukcapil'))
        .send({ caseIds: [c.id], assigneeId: verifier, reason: 'Ibu Rina cuti' })
        .expect(200)
    ).body as BulkResult[];
    expect(ok).toEqual([{ id: c.id, ok: true, statusCode: 200, code: null, message: 'done', version: c.version + 1 }]);
  });

  it('approves in bulk with a result per case: four eyes and stale versions refused case by case, the rest approved', async () => {
    // A section head who also verifies: the four-eyes rule must stop them on their own verification.
    const opd = await idOf(t, 'opds', 'code', 'dukcapil');
    const created = await t.http
      .post('/api/users')
      .set(await as(t, 'admin'))
      .send({ username: 'kasi2.dukcapil', fullName: 'Dwi Hartono', password: PASSWORD, roles: ['verifier', 'supervisor'], opdId: opd })
      .expect(201);
    const verify = async (user: string) => {
      const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      await validDocuments(t, c.id);
      const res = await t.http
        .post(`/api/cases/${c.id}/events`)
        .set(await as(t, user))
        .send({ type: 'VERIFY', version: c.version });
      expect(res.status).toBe(200);
      return res.body as { id: string; version: number };
    };
    const own = await verify('kasi2.dukcapil');
    const routine = await verify('verifikator.dukcapil');
    const stale = await verify('verifikator.dukcapil');
    await t.http
      .post(`/api/cases/${stale.id}/events`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({ type: 'COMMENT', version: stale.version, comment: 'cek ulang' })
      .expect(200);
    const results = (
      await t.http
        .post('/api/cases/bulk-events')
        .set(await as(t, 'kasi2.dukcapil'))
        .send({ type: 'APPROVE', items: [own, routine, stale].map((c) => ({ id: c.id, version: c.version })) })
        .expect(200)
    ).body as BulkResult[];
    expect(results.map((r) => [r.id, r.ok, r.statusCode, r.code])).toEqual([
      [own.id, false, 422, 'FOUR_EYES'],
      [routine.id, true, 200, null],
      [stale.id, false, 409, 'CASE_VERSION_CONFLICT'],
    ]);
    expect(results[2].version).toBe(stale.version + 1);
    const states = await rows<{ id: string; state: string; approved_by_id: string | null }>(
      `SELECT id, state, approved_by_id FROM cases WHERE id = ANY($1)`,
      [[own.id, routine.id, stale.id]],
    );
    const byId = Object.fromEntries(states.map((s) => [s.id, [s.state, s.approved_by_id]]));
    expect(byId).toEqual({ [own.id]: ['verified', null], [routine.id]: ['approved', created.body.id], [stale.id]: ['verified', null] });
    const bad = await t.http
      .post('/api/cases/bulk-events')
      .set(await as(t, 'kasi.dukcapil'))
      .send({ type: 'ASSIGN', items: [{ id: own.id, version: own.version }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'type', message: 'must be a workflow event; use bulk-assign to assign' }]);
  });

  describe('counter intake', () => {
    const serviceId = () => idOf(t, 'services', 'code', 'ktp-el-baru');
    const data = async () => ({
      serviceId: await serviceId(),
      applicant: { nik: VALID_NIK, name: 'Sari Wulandari', phone: '081234567890' },
      formData: {},
    });
    const caseCount = async () => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM cases`))[0].n;

    it('takes the case and its documents in one request, with the SLA clock running from a complete file', async () => {
      const res = await t.http
        .post('/api/cases')
        .set(await as(t, 'petugas.dukcapil'))
        .field('data', JSON.stringify(await data()))
        .attach('doc_kk', demoPdf('KK'), { filename: 'kk.pdf', contentType: 'application/pdf' })
        .attach('doc_akta-lahir', demoPdf('Akta'), { filename: 'akta.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(201);
      expect(res.body.channel).toBe('counter');
      expect(res.body.dueAt).toEqual(expect.any(String));
      expect(res.body.documents.map((d: { requirementKey: string; status: string }) => [d.requirementKey, d.status]).sort()).toEqual([
        ['akta-lahir', 'pending'],
        ['kk', 'pending'],
      ]);
    });

    it('refuses a file missing a mandatory document, naming it, and writes nothing', async () => {
      const before = await caseCount();
      const files = filesOnDisk();
      const res = await t.http
        .post('/api/cases')
        .set(await as(t, 'petugas.dukcapil'))
        .field('data', JSON.stringify(await data()))
        .attach('doc_kk', demoPdf('KK'), { filename: 'kk.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('FIELD_INVALID');
      expect(res.body.details).toEqual([{ field: 'doc_akta-lahir', message: 'is required: Fotokopi akta kelahiran' }]);
      const json = await t.http
        .post('/api/cases')
        .set(await as(t, 'petugas.dukcapil'))
        .send(await data());
      expect(json.status).toBe(400);
      expect(json.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['doc_akta-lahir', 'doc_kk']);
      expect(await caseCount()).toBe(before);
      expect(filesOnDisk()).toBe(files);
    });

    it('leaves no case row and no file when a document cannot be stored after the case was written', async () => {
      const before = await caseCount();
      const files = filesOnDisk();
      storage.writes = 0;
      storage.failOn = 2;
      try {
        const res = await t.http
          .post('/api/cases')
          .set(await as(t, 'petugas.dukcapil'))
          .field('data', JSON.stringify(await data()))
          .attach('doc_kk', demoPdf('KK'), { filename: 'kk.pdf', contentType: 'application/pdf' })
          .attach('doc_akta-lahir', demoPdf('Akta'), { filename: 'akta.pdf', contentType: 'application/pdf' });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(res.headers['retry-after']).toBe('5');
      } finally {
        storage.failOn = Number.POSITIVE_INFINITY;
      }
      expect(storage.writes).toBe(2);
      expect(await caseCount()).toBe(before);
      expect(filesOnDisk()).toBe(files);
    });
  });

  it('names the file field that was too large in the 413, at the counter and on the portal', async () => {
    const big = Buffer.concat([demoPdf('besar'), Buffer.alloc(100 * 1024, 32)]);
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    const data = { serviceId, applicant: { nik: VALID_NIK, name: 'Sari Wulandari', phone: '081234567890' }, formData: {} };
    const counter = await t.http
      .post('/api/cases')
      .set(await as(t, 'petugas.dukcapil'))
      .field('data', JSON.stringify(data))
      .attach('doc_kk', demoPdf('KK'), { filename: 'kk.pdf', contentType: 'application/pdf' })
      .attach('doc_akta-lahir', big, { filename: 'akta.pdf', contentType: 'application/pdf' });
    expect(counter.status).toBe(413);
    expect(counter.body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      details: [{ field: 'doc_akta-lahir', message: 'must be at most 64 KB' }],
    });
    const portal = await t.http
      .post('/api/public/applications')
      .set('Idempotency-Key', 'daily-work-413-portal')
      .field(
        'data',
        JSON.stringify({
          ...data,
          applicant: { ...data.applicant, address: { street: 'Jl. Ijen 1', kelurahan: 'Oro-oro Dowo', kecamatan: 'Klojen' } },
        }),
      )
      .attach('doc_kk', big, { filename: 'kk.pdf', contentType: 'application/pdf' })
      .attach('doc_akta-lahir', demoPdf('Akta'), { filename: 'akta.pdf', contentType: 'application/pdf' });
    expect(portal.status).toBe(413);
    expect(portal.body).toMatchObject({ code: 'FILE_TOO_LARGE', details: [{ field: 'doc_kk', message: 'must be at most 64 KB' }] });
  });

  it('answers a malformed, oversized or unreadable body with a 4xx that names the body, never a file', async () => {
    const post = async (type: string, body: string) =>
      t.http
        .post('/api/cases')
        .set(await as(t, 'petugas.dukcapil'))
        .set('content-type', type)
        .send(body);
    const bad = await post('application/json', '{bad json');
    expect([bad.status, bad.body.code, bad.body.details[0].field]).toEqual([400, 'FIELD_INVALID', 'body']);
    const huge = await post('application/json', JSON.stringify({ x: 'a'.repeat(2_000_000) }));
    expect([huge.status, huge.body.code, huge.body.details[0].field]).toEqual([413, 'REQUEST_TOO_LARGE', 'body']);
    const xml = await post('text/xml', '<a/>');
    expect([xml.status, xml.body.code, xml.body.details[0].field]).toEqual([415, 'CONTENT_TYPE_UNSUPPORTED', 'body']);
  });

  describe('honest totals', () => {
    it('states no total once the count reaches its cap, and how many exist at least', async () => {
      const [{ n }] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
      expect(n).toBeGreaterThan(251);
      const page = await list('admin', { queue: 'all' }, '[0,24]');
      expect(page.status).toBe(200);
      expect(page.body).toHaveLength(25);
      expect(page.headers['content-range']).toBe('cases 0-24/*');
      expect(page.headers['x-total-at-least']).toBe('251');
      const wide = await list('admin', { queue: 'all' }, '[0,99]');
      expect(wide.headers['content-range']).toBe(`cases 0-99/${n}`);
      expect(wide.headers['x-total-at-least']).toBeUndefined();
    });

    it('sorts any list by id, as the stock react-admin REST client asks', async () => {
      const res = await t.http
        .get('/api/cases')
        .set(await as(t, 'admin'))
        .query({ sort: JSON.stringify(['id', 'ASC']), range: '[0,49]' })
        .expect(200);
      const got = ids(res);
      expect(got).toEqual([...got].sort());
      const next = await t.http
        .get('/api/cases')
        .set(await as(t, 'admin'))
        .query({ sort: JSON.stringify(['id', 'ASC']), range: '[0,49]', cursor: res.headers['x-next-cursor'] })
        .expect(200);
      expect(ids(next)[0] > got[got.length - 1]).toBe(true);
    });
  });
});
