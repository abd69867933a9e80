import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, validDocuments } from '../support/session';
import { startFakeBsre, type FakeBsre } from '../support/fake-bsre';
import { binary, pdfsig } from '../support/pdf-tools';

const KADIS_KEMENAG_NIK = '3573022406710003';
const PASSPHRASE = 'passphrase-bsre-kadis';
const IJAZAH = { namaMadrasah: 'MTs Negeri 1 Malang', tahunLulus: 2010 };

/** Personal signing through BSrE's eSign Client Service (a fake implementing the v2 contract on 127.0.0.1). */
describe('issuance signed through BSrE', () => {
  let t: TestApp;
  let bsre: FakeBsre;
  beforeAll(async () => {
    bsre = await startFakeBsre();
    bsre.users.set(KADIS_KEMENAG_NIK, PASSPHRASE);
    bsre.hanging.add('hang');
    t = await createTestApp({
      seed: demoSeed(0),
      env: {
        SIGNER: 'bsre',
        BSRE_URL: bsre.url,
        BSRE_USERNAME: bsre.username,
        BSRE_PASSWORD: bsre.password,
        BSRE_TIMEOUT_MS: '1500',
        // 50 signings at once: above the default admission limit (2 x DB_POOL_SIZE).
        MAX_IN_FLIGHT: '100',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await bsre.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);

  async function approved(n: number): Promise<{ id: string; version: number }[]> {
    const out: { id: string; version: number }[] = [];
    for (let i = 0; i < n; i++) {
      const c = await counterCase(t, 'petugas.kemenag', 'pengganti-ijazah', IJAZAH);
      await validDocuments(t, c.id);
      const v = await event('verifikator.kemenag', c.id, { type: 'VERIFY', version: c.version });
      const a = await event('kasi.kemenag', c.id, { type: 'APPROVE', version: v.body.version });
      expect(a.body.state).toBe('approved');
      out.push({ id: c.id, version: a.body.version });
    }
    return out;
  }
  const issuedFiles = () => {
    const dir = path.join(process.env.DATA_DIR ?? '', 'issued');
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [e.name]));
    try {
      return walk(dir);
    } catch {
      return [];
    }
  };
  const state = async (id: string) =>
    (
      await t.http
        .get(`/api/cases/${id}`)
        .set(await as(t, 'kadis.kemenag'))
        .expect(200)
    ).body as { state: string; version: number };

  it('signs with the NIK and passphrase at BSrE: the stored PDF is the one BSrE returned, and pdfsig validates it', async () => {
    const [c] = await approved(1);
    const res = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSPHRASE });
    expect(res.status).toBe(200);
    expect(bsre.requests.at(-1)).toEqual({ path: '/api/v2/sign/pdf', nik: KADIS_KEMENAG_NIK, files: 1 });
    const info = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(info.body.documents[0]).toMatchObject({ signerKind: 'bsre', signatureMode: 'personal', status: 'valid' });
    const pdf = await t.http
      .get(`/api/issued-documents/${info.body.documents[0].id}/content`)
      .set(await as(t, 'kadis.kemenag'))
      .buffer(true)
      .parse(binary);
    const report = await pdfsig(pdf.body as Buffer);
    expect(report).toContain('Signer Certificate Common Name: Fake BSrE Signer (test)');
    expect(report).toContain('Signature is Valid');
  });

  it('answers a wrong passphrase with 422 SIGNER_REJECTED and a signer unknown to BSrE with NOT_REGISTERED; nothing is issued', async () => {
    const [c] = await approved(1);
    const wrong = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: 'salah' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'SIGNER_REJECTED', details: [{ field: 'passphrase' }] });
    bsre.users.delete(KADIS_KEMENAG_NIK);
    try {
      const unknown = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSPHRASE });
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({
        code: 'SIGNER_REJECTED',
        details: [{ field: 'signatory.nik', message: 'BSrE: NOT_REGISTERED' }],
      });
    } finally {
      bsre.users.set(KADIS_KEMENAG_NIK, PASSPHRASE);
    }
    expect(await state(c.id)).toMatchObject({ state: 'approved', version: c.version });
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM issued_documents WHERE case_id = $1`, [c.id]);
    expect(n).toBe(0);
  });

  it('reports a timeout as "signing uncertain" (504), never retries, and lets the signer retry by hand', async () => {
    const [c] = await approved(1);
    const before = bsre.requests.length;
    const files = issuedFiles().length;
    const res = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: 'hang' });
    expect(res.status).toBe(504);
    expect(res.body.code).toBe('SIGNING_UNCERTAIN');
    expect(bsre.requests.length).toBe(before + 1);
    expect(await state(c.id)).toMatchObject({ state: 'approved', version: c.version });
    expect(issuedFiles().length).toBe(files);
    const info = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(info.body).toMatchObject({ documents: [], signingUncertain: { signerKind: 'bsre', userName: 'Abdul Haris' } });
    const retry = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSPHRASE });
    expect(retry.status).toBe(200);
    const after = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(after.body.signingUncertain).toBeNull();
    expect(after.body.documents).toHaveLength(1);
  });

  it('answers 503 SIGNER_UNAVAILABLE when BSrE cannot be reached, and the case stays where it was', async () => {
    const [c] = await approved(1);
    const [{ n: counters }] = await t.db.query<
      {
        n: number;
      }[]
    >(`SELECT coalesce(sum(last_seq), 0)::int AS n FROM letter_number_counters`);
    await bsre.stop();
    try {
      const res = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSPHRASE });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SIGNER_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await bsre.resume();
    }
    expect(await state(c.id)).toMatchObject({ state: 'approved', version: c.version });
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT coalesce(sum(last_seq), 0)::int AS n FROM letter_number_counters`);
    expect(n).toBe(counters);
    const info = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    // Refused before anything was sent: certain, not "uncertain".
    expect(info.body.signingUncertain).toBeNull();
  });

  it('numbers 50 parallel signings with 10 forced to fail at BSrE mid-way: the 40 that succeed are consecutive, no gap, no duplicate', async () => {
    const cases = await approved(50);
    const [{ last }] = await t.db.query<{ last: number }[]>(
      `SELECT COALESCE(max(seq), 0)::int AS last FROM issued_documents d JOIN opds o ON o.id = d.opd_id WHERE o.code = 'kemenag'`,
    );
    const headers = await as(t, 'kadis.kemenag');
    const results = await Promise.all(
      cases.map((c, i) =>
        t.http
          .post(`/api/cases/${c.id}/events`)
          .set(headers)
          .send({ type: 'SIGN', version: c.version, passphrase: i % 5 === 2 ? 'wrong-on-purpose' : PASSPHRASE }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 422)).toHaveLength(10);
    const rows = await t.db.query<{ seq: number; number: string }[]>(
      `SELECT d.seq, d.number FROM issued_documents d WHERE d.case_id = ANY($1::uuid[]) ORDER BY d.seq`,
      [cases.map((c) => c.id)],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => last + i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(40);
    const [counter] = await t.db.query<{ last_seq: number }[]>(
      `SELECT last_seq FROM letter_number_counters l JOIN opds o ON o.id = l.opd_id WHERE o.code = 'kemenag' AND scope = ''`,
    );
    expect(counter.last_seq).toBe(last + 40);
  }, 300_000);
});
