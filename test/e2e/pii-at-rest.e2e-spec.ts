import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../../api/src/cases/case.repository';
import { PiiCipher } from '../../api/src/privacy/pii-cipher';
import { reencryptPii } from '../../api/src/privacy/pii-rotation';
import { buildApi, startBuiltServer, type BuiltServer } from '../support/built-server';
import { startHttpSink, waitFor, whatsappAnswer, type HttpSink } from '../support/fake-servers';
import { TEST_PII_ENV } from '../support/pii-test-keys';
import { as, counterCase, demoSeed, validDocuments, VALID_NIK } from '../support/session';
import { createTestApp, createTestDatabase, dropTestDatabase, type TestApp } from '../support/test-app';

// The applicant of counterCase: NIK 3573054107900001, phone 081234567890 (stored as +6281234567890).
const PHONE_DIGITS = '81234567890';
const AKTA = { namaAnak: 'Bima Aditya', tanggalLahir: '2026-11-20' };
// A demo signatory's NIK (registered with BSrE), api/src/seed/demo-issuance.ts.
const SIGNATORY_NIK = '3573055503780002';

/** Every text, json and array column of every table, each with the rows whose text contains `needle`. */
async function plainHits(db: DataSource, needle: string): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }[]>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea'))`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text LIKE $1`, [
      `%${needle}%`,
    ]);
    if (n) hits.push(`${table}.${column} (${n})`);
  }
  return hits;
}

function pgDump(url: string): string {
  return execFileSync('pg_dump', ['--no-owner', '--data-only', url], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

describe('NIK and phone encrypted at rest (UU 27/2022)', () => {
  let t: TestApp;
  let wa: HttpSink;
  let caseId: string;
  let trackingCode: string;

  beforeAll(async () => {
    wa = await startHttpSink(whatsappAnswer);
    t = await createTestApp({
      seed: demoSeed(0),
      env: {
        JOBS_ENABLED: 'true',
        WHATSAPP_API_URL: `${wa.url}/v21.0`,
        WHATSAPP_PHONE_NUMBER_ID: '1234567890',
        WHATSAPP_TOKEN: 'fake-token',
        RELAY_POLL_MS: '50',
      },
    });
    // A case at the counter with WhatsApp consent (a delivery to the phone), a staff read of its
    // personal data (the access log), and an issued document (its data snapshot names the NIK).
    const c = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
    caseId = c.id;
    trackingCode = c.trackingCode;
    const consent = await t.http
      .put(`/api/cases/${c.id}/notification-consent`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ channels: ['whatsapp'], locale: 'id' });
    expect(consent.status).toBe(200);
    await validDocuments(t, c.id);
    const event = async (user: string, body: Record<string, unknown>) => {
      const res = await t.http
        .post(`/api/cases/${c.id}/events`)
        .set(await as(t, user))
        .send(body);
      expect(res.status).toBe(200);
      return res.body as { version: number };
    };
    const verified = await event('verifikator.dukcapil', { type: 'VERIFY', version: c.version });
    const approved = await event('kasi.dukcapil', { type: 'APPROVE', version: verified.version });
    await event('petugas.dukcapil', { type: 'ISSUE', version: approved.version });
    // The sender decrypted the number for the call: WhatsApp got the real one.
    await waitFor(
      () => wa.requests.some((r) => (JSON.parse(r.body) as { to: string }).to === `62${PHONE_DIGITS}`),
      10_000,
      'WhatsApp receipt',
    );
  });
  afterAll(async () => {
    await t.close();
    await wa.close();
  });

  it('stores no plain NIK or phone number in any column of any table, nor in a pg_dump of the database', async () => {
    const [row] = await t.db.query<{ applicant_nik_enc: string; applicant_nik_bidx: string; applicant_phone_enc: string }[]>(
      `SELECT applicant_nik_enc, applicant_nik_bidx, applicant_phone_enc FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(row.applicant_nik_enc).toMatch(/^t1:/);
    expect(row.applicant_phone_enc).toMatch(/^t1:/);
    expect(row.applicant_nik_bidx).toBe(PiiCipher.fromEnv(TEST_PII_ENV).nikIndex(VALID_NIK));
    // What the flow wrote besides the case: an access-log row, a WhatsApp delivery, an issued document.
    const [counts] = await t.db.query<{ reads: number; wa: number; docs: number }[]>(
      `SELECT (SELECT count(*)::int FROM personal_data_access_log WHERE case_id = $1) AS reads,
              (SELECT count(*)::int FROM deliveries WHERE aggregate_id = $1 AND channel = 'whatsapp') AS wa,
              (SELECT count(*)::int FROM issued_documents WHERE case_id = $1) AS docs`,
      [caseId],
    );
    expect(counts.wa).toBeGreaterThan(0);
    expect(counts.docs).toBe(1);
    await t.http
      .get(`/api/cases/${caseId}`)
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    expect(await plainHits(t.db, VALID_NIK)).toEqual([]);
    expect(await plainHits(t.db, PHONE_DIGITS)).toEqual([]);
    expect(await plainHits(t.db, SIGNATORY_NIK)).toEqual([]);
    const dump = pgDump(t.url);
    expect(dump).toContain(trackingCode);
    expect(dump).toContain('Sari Wulandari');
    expect(dump).not.toContain(VALID_NIK);
    expect(dump).not.toContain(PHONE_DIGITS);
    expect(dump).not.toContain(SIGNATORY_NIK);
  });

  it('finds the case by exact NIK through the blind index, and only that NIK', async () => {
    const search = async (q: string) => {
      const res = await t.http
        .get('/api/cases')
        .query({ filter: JSON.stringify({ q }) })
        .set(await as(t, 'verifikator.dukcapil'));
      expect(res.status).toBe(200);
      return (res.body as { id: string; applicantNik: string }[]).map((r) => r.id);
    };
    expect(await search(VALID_NIK)).toEqual([caseId]);
    expect(await search('3573054107900002')).toEqual([]);
    const detail = await t.http
      .get(`/api/cases/${caseId}`)
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    expect(detail.body).toMatchObject({ applicantNik: VALID_NIK, applicantPhone: `+62${PHONE_DIGITS}` });
  });

  it('lets the citizen track with the last 4 digits of the NIK or of the phone, and refuses others', async () => {
    const track = (factor: string) => t.http.get(`/api/public/track/${trackingCode}?factor=${factor}`);
    expect((await track(VALID_NIK.slice(-4))).status).toBe(200);
    expect((await track(PHONE_DIGITS.slice(-4))).status).toBe(200);
    expect((await track('9999')).status).toBe(404);
  });

  it('rotates: a re-encryption with another current key rewrites every ciphertext, and the API still reads them', async () => {
    const cipherWith = (keyId: string) => PiiCipher.fromEnv({ ...TEST_PII_ENV, PII_KEY_ID: keyId });
    const keyIds = async () =>
      t.db.query<{ k: string }[]>(
        `SELECT DISTINCT split_part(v, ':', 1) AS k FROM (
           SELECT applicant_nik_enc AS v FROM cases UNION ALL SELECT applicant_phone_enc FROM cases WHERE applicant_phone_enc IS NOT NULL
           UNION ALL SELECT message->>'to' FROM deliveries WHERE channel = 'whatsapp'
           UNION ALL SELECT data->'applicant'->>'nik' FROM issued_documents
           UNION ALL SELECT nik_enc FROM signatories WHERE nik_enc IS NOT NULL) x ORDER BY 1`,
      );
    expect(await keyIds()).toEqual([{ k: 't1' }]);
    const t0 = cipherWith('t0');
    const moved = await reencryptPii(t.db, new CaseRepository(t.db, t0), t0);
    expect(moved).toMatchObject({ cases: 1, issuedDocuments: 1 });
    expect(moved.signatories).toBeGreaterThan(0);
    expect(moved.deliveries).toBeGreaterThan(0);
    expect(await keyIds()).toEqual([{ k: 't0' }]);
    // A second run finds nothing left to do.
    expect(await reencryptPii(t.db, new CaseRepository(t.db, t0), t0)).toEqual({
      cases: 0,
      deliveries: 0,
      issuedDocuments: 0,
      signatories: 0,
      complaints: 0,
    });
    // The API (current key t1, t0 still in its ring) reads the rows t0 wrote; search by the unchanged blind index works.
    const detail = await t.http
      .get(`/api/cases/${caseId}`)
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    expect(detail.body.applicantNik).toBe(VALID_NIK);
    const found = await t.http
      .get('/api/cases')
      .query({ filter: JSON.stringify({ q: VALID_NIK }) })
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    expect((found.body as { id: string }[]).map((r) => r.id)).toEqual([caseId]);
    // Back to the API's current key.
    const t1 = cipherWith('t1');
    await reencryptPii(t.db, new CaseRepository(t.db, t1), t1);
    expect(await keyIds()).toEqual([{ k: 't1' }]);
  });

  it('reverts: the migration decrypts back into plain columns and encrypts them again', async () => {
    const name = 'PiiEncryption1764980000000';
    const applied = async () =>
      (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM migrations WHERE name = $1`, [name]))[0].n;
    // Migrations landed after this one are reverted first.
    while ((await applied()) === 1) await t.db.undoLastMigration({ transaction: 'each' });
    const [plain] = await t.db.query<{ applicant_nik: string; applicant_phone: string }[]>(
      `SELECT applicant_nik, applicant_phone FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(plain).toEqual({ applicant_nik: VALID_NIK, applicant_phone: `+62${PHONE_DIGITS}` });
    const [doc] = await t.db.query<{ nik: string }[]>(`SELECT data->'applicant'->>'nik' AS nik FROM issued_documents WHERE case_id = $1`, [
      caseId,
    ]);
    expect(doc.nik).toBe(VALID_NIK);
    const [delivery] = await t.db.query<{ target: string }[]>(
      `SELECT target FROM deliveries WHERE aggregate_id = $1 AND channel = 'whatsapp' LIMIT 1`,
      [caseId],
    );
    expect(delivery.target).toBe(`whatsapp:+62${PHONE_DIGITS}`);
    const signatories = await t.db.query<{ nik: string }[]>(`SELECT nik FROM signatories WHERE nik = $1`, [SIGNATORY_NIK]);
    expect(signatories).toHaveLength(1);
    await t.db.runMigrations({ transaction: 'each' });
    expect(await applied()).toBe(1);
    expect(await plainHits(t.db, VALID_NIK)).toEqual([]);
    expect(await plainHits(t.db, PHONE_DIGITS)).toEqual([]);
    expect(await plainHits(t.db, SIGNATORY_NIK)).toEqual([]);
    const [row] = await t.db.query<{ nik: string; bidx: string }[]>(
      `SELECT applicant_nik_enc AS nik, applicant_nik_bidx AS bidx FROM cases WHERE id = $1`,
      [caseId],
    );
    const pii = PiiCipher.fromEnv(TEST_PII_ENV);
    expect(pii.decrypt('nik', row.nik)).toBe(VALID_NIK);
    expect(row.bidx).toBe(pii.nikIndex(VALID_NIK));
  });
});

describe('the built server and the PII keyring', () => {
  const started: BuiltServer[] = [];
  let url: string;
  beforeAll(async () => {
    buildApi();
    url = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.signalGroup('SIGKILL');
      s.cleanUp();
    }
    await dropTestDatabase(url);
  });

  it('refuses to start outside demo mode without PII_KEYS, saying what to set', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lt-pii-nokey-'));
    await expect(
      startBuiltServer(
        { DATABASE_URL: url, JWT_SECRET: 'pii-secret-pii-secret-pii-secret-0123456789', PII_KEYS: '', PII_INDEX_KEY: '' },
        { dataDir, readyTimeoutMs: 30_000 },
      ).then((s) => {
        started.push(s);
        return 'started';
      }),
    ).rejects.toThrow(/PII_KEYS must be set: NIK and phone numbers are stored encrypted/);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes no NIK into its access log when staff search by NIK', async () => {
    const s = await startBuiltServer({
      DATABASE_URL: url,
      DEMO_MODE: 'true',
      DEMO_PASSWORD: 'pii-demo-password',
      JWT_SECRET: 'pii-secret-pii-secret-pii-secret-0123456789',
      LOG_LEVEL: 'info',
    });
    started.push(s);
    const base = `http://127.0.0.1:${s.port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'verifikator.dukcapil', password: 'pii-demo-password' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const q = encodeURIComponent(JSON.stringify({ q: VALID_NIK }));
    const res = await fetch(`${base}/api/cases?filter=${q}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status).toBe(200);
    await waitFor(() => s.stdout().includes('/api/cases?filter='), 5_000, 'access log line');
    expect(s.stdout()).not.toContain(VALID_NIK);
    expect(s.stdout()).toContain(`"url":"/api/cases?filter=%7B%22q%22%3A%22${'*'.repeat(16)}%22%7D"`);
  });
});
