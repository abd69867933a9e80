import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, validDocuments } from '../support/session';

/** The config-gated test hook: a letter whose body holds this ends its letter thread mid-job. */
const CRASH = 'LT-TEST-CRASH-7Q3X';

describe('issuance on letter threads (piscina)', () => {
  let t: TestApp;
  let issuedDir: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), env: { LETTER_THREADS: '1', LETTER_THREADS_TEST_CRASH_MARKER: CRASH } });
    issuedDir = path.join(process.env.DATA_DIR ?? '', 'issued');
  });
  afterAll(async () => {
    await t.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);

  async function approved(formData: Record<string, unknown>) {
    const c = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', formData);
    await validDocuments(t, c.id);
    const verified = await event('verifikator.dukcapil', c.id, { type: 'VERIFY', version: c.version });
    const ok = await event('kasi.dukcapil', c.id, { type: 'APPROVE', version: verified.body.version });
    expect(ok.body).toMatchObject({ state: 'approved' });
    return ok.body as { id: string; version: number };
  }

  const storedFiles = () =>
    existsSync(issuedDir)
      ? readdirSync(issuedDir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(issuedDir, f)).isFile())
      : [];
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }[]>(sql, params))[0].n;

  it('a thread that dies mid-job fails the issuance: no number used, nothing stored, the case unchanged; the next issuance works', async () => {
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const doomed = await approved({ namaAnak: `Anak ${CRASH}`, tanggalLahir: '2026-11-20' });
    const crashed = await event('petugas.dukcapil', doomed.id, { type: 'ISSUE', version: doomed.version });
    expect(crashed.status).toBe(500);
    expect(crashed.body).toMatchObject({ code: 'INTERNAL' });

    const [row] = await t.db.query<{ state: string; version: number }[]>(`SELECT state, version FROM cases WHERE id = $1`, [doomed.id]);
    expect(row).toEqual({ state: 'approved', version: doomed.version });
    expect(await count(`SELECT count(*)::int AS n FROM issued_documents`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'ISSUE'`, [doomed.id])).toBe(0);
    expect(await count(`SELECT COALESCE(max(last_seq), 0)::int AS n FROM letter_number_counters`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM pending_files`)).toBe(0);
    expect(storedFiles()).toEqual([]);

    // The pool replaced the thread: the next issuance gets number 1 and its hash joins the chain.
    const next = await approved({ namaAnak: 'Bima Aditya', tanggalLahir: '2026-11-20' });
    const issued = await event('petugas.dukcapil', next.id, { type: 'ISSUE', version: next.version });
    expect(issued.status).toBe(200);
    const info = await t.http
      .get(`/api/cases/${next.id}/issuance`)
      .set(await as(t, 'petugas.dukcapil'))
      .expect(200);
    const doc = info.body.documents[0];
    expect(doc).toMatchObject({ number: `400.12.2.3/1/35.73.301/${year}`, status: 'valid' });
    const files = storedFiles();
    expect(files).toHaveLength(1);
    expect(
      createHash('sha256')
        .update(readFileSync(path.join(issuedDir, files[0])))
        .digest('hex'),
    ).toBe(doc.sha256);
    const log = await t.http
      .get(`/api/cases/${next.id}/events`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(log.body.find((e: { type: string }) => e.type === 'ISSUE').payload).toMatchObject({ documentId: doc.id, sha256: doc.sha256 });
    const audit = await t.http
      .get(`/api/cases/${next.id}/audit`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(audit.body.valid).toBe(true);
  });
});
