import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed } from '../support/session';

// A real 1x1 PNG and a minimal PDF: the server decides the type from these bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const MAX = 65536;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const UUID = /^[0-9a-f-]{36}$/;

/** Every file under a directory, recursively (the uploads store shards into sub-folders). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** form-data sends `filepath` verbatim (`filename` would be reduced to its basename by the client). */
function withPath(filepath: string, contentType: string): { filename?: string; contentType?: string } {
  return Object.assign({ contentType }, { filepath });
}

/** supertest reads binary bodies only with a parser; this one collects the raw bytes. */
function binary(res: Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('case documents (berkas)', () => {
  let t: TestApp;
  let uploads: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), env: { UPLOAD_MAX_BYTES: String(MAX) } });
    uploads = path.resolve(process.env.DATA_DIR as string, 'uploads');
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = async (user: string, caseId: string, requirementKey: string, bytes: Buffer, filename: string, contentType: string) =>
    t.http
      .post(`/api/cases/${caseId}/documents`)
      .set(await as(t, user))
      .field('requirementKey', requirementKey)
      .attach('file', bytes, withPath(filename, contentType));
  const count = async (caseId: string) =>
    (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1`, [caseId]))[0].n;

  it("stores a verifier's PNG and PDF, hashed, and serves them back byte-identical with their type", async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const png = await upload('verifikator.dukcapil', c.id, 'kk', PNG, 'kk.png', 'image/png');
    expect(png.status).toBe(201);
    expect(png.body).toEqual({
      id: expect.stringMatching(UUID),
      requirementKey: 'kk',
      fileName: 'kk.png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: sha(PNG),
      status: 'pending',
      note: null,
      uploadedAt: expect.any(String),
    });
    const pdf = await upload('verifikator.dukcapil', c.id, 'akta-lahir', PDF, 'Akta Lahir Sari.pdf', 'application/pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', size: PDF.length, sha256: sha(PDF), fileName: 'Akta Lahir Sari.pdf' });

    const got = await t.http
      .get(`/api/cases/${c.id}/documents/${png.body.id}/content`)
      .set(await as(t, 'verifikator.dukcapil'))
      .buffer(true)
      .parse(binary);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(`inline; filename="kk.png"; filename*=UTF-8''kk.png`);
    expect(Buffer.compare(got.body as Buffer, PNG)).toBe(0);
    const gotPdf = await t.http
      .get(`/api/cases/${c.id}/documents/${pdf.body.id}/content`)
      .set(await as(t, 'kasi.dukcapil'))
      .buffer(true)
      .parse(binary);
    expect(gotPdf.headers['content-type']).toBe('application/pdf');
    expect(gotPdf.headers['content-disposition']).toBe(`inline; filename="Akta Lahir Sari.pdf"; filename*=UTF-8''Akta%20Lahir%20Sari.pdf`);
    expect(Buffer.compare(gotPdf.body as Buffer, PDF)).toBe(0);
    // Scans carry NIKs: roles without personal-data access may read the case but not the files.
    await t.http
      .get(`/api/cases/${c.id}/documents/${pdf.body.id}/content`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(403);

    // The upload is one event in the hash-chained log, internal, with the file's hash.
    const log = (
      await t.http
        .get(`/api/cases/${c.id}/events`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as { type: string; public: boolean; actorRole: string; payload: Record<string, unknown> }[];
    expect(log.map((e) => e.type)).toEqual(['SUBMIT', 'UPLOAD_DOCUMENT', 'UPLOAD_DOCUMENT']);
    expect(log[1]).toMatchObject({
      public: false,
      actorRole: 'verifier',
      payload: { documentId: png.body.id, requirementKey: 'kk', sha256: sha(PNG) },
    });
    expect(
      (
        await t.http
          .get(`/api/cases/${c.id}/audit`)
          .set(await as(t, 'kasi.dukcapil'))
          .expect(200)
      ).body,
    ).toEqual({ valid: true, events: 3 });
    const detail = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(detail.version).toBe(c.version + 2);
  });

  it('refuses PNG bytes sent as a .pdf declared application/pdf with 415 naming file, storing nothing', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const atIntake = await count(c.id);
    const before = filesUnder(uploads).length;
    const res = await upload('verifikator.dukcapil', c.id, 'kk', PNG, 'kk.pdf', 'application/pdf');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      statusCode: 415,
      code: 'FILE_TYPE_UNSUPPORTED',
      error: 'Unsupported Media Type',
      message: 'file: is named ".pdf" but its content is PNG',
      details: [{ field: 'file', message: 'is named ".pdf" but its content is PNG' }],
    });
    expect(await count(c.id)).toBe(atIntake);
    expect(filesUnder(uploads).length).toBe(before);
  });

  it('refuses text bytes named .png with 415', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const atIntake = await count(c.id);
    const res = await upload('verifikator.dukcapil', c.id, 'kk', Buffer.from('just some text, not an image\n'), 'kk.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.details).toEqual([{ field: 'file', message: 'must be a PDF, JPEG, PNG or WebP file' }]);
    expect(await count(c.id)).toBe(atIntake);
  });

  it('answers an oversize file with 413 naming file, in the one error shape', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const atIntake = await count(c.id);
    const before = filesUnder(uploads).length;
    const big = Buffer.concat([PNG, Buffer.alloc(MAX + 1 - PNG.length)]);
    const res = await upload('verifikator.dukcapil', c.id, 'kk', big, 'kk.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      code: 'FILE_TOO_LARGE',
      error: 'Payload Too Large',
      message: 'file: must be at most 64 KB',
      details: [{ field: 'file', message: 'must be at most 64 KB' }],
    });
    expect(await count(c.id)).toBe(atIntake);
    expect(filesUnder(uploads).length).toBe(before);
  });

  it('keeps only a sanitized display name; the storage key never derives from it', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const res = await upload('verifikator.dukcapil', c.id, 'kk', PNG, '../../etc/passwd', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('passwd');
    const [row] = await t.db.query<
      {
        file_name: string;
        storage_key: string;
      }[]
    >(`SELECT file_name, storage_key FROM case_documents WHERE id = $1`, [res.body.id]);
    expect(row.file_name).toBe('passwd');
    expect(row.storage_key).toMatch(UUID);
    const stored = filesUnder(uploads).filter((f) => path.basename(f) === row.storage_key);
    expect(stored).toHaveLength(1);
    expect(stored[0].startsWith(uploads + path.sep)).toBe(true);
    expect(Buffer.compare(readFileSync(stored[0]), PNG)).toBe(0);
  });

  it('refuses a requirement key that is not a document of the service with 400 naming requirementKey', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const res = await upload('verifikator.dukcapil', c.id, 'paspor', PNG, 'p.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'requirementKey', message: "must be one of the service's document requirements: kk, akta-lahir" },
    ]);
    const missing = await t.http
      .post(`/api/cases/${c.id}/documents`)
      .set(await as(t, 'verifikator.dukcapil'))
      .field('requirementKey', 'kk');
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'file', message: 'is required (a PDF, JPEG, PNG or WebP file)' }]);
  });

  it('hides documents from another OPD (404) and keeps them from anyone who may not act (Kemenag cannot upload either)', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const atIntake = await count(c.id);
    const doc = await upload('petugas.dukcapil', c.id, 'kk', PNG, 'kk.png', 'image/png');
    expect(doc.status).toBe(201);
    const read = await t.http.get(`/api/cases/${c.id}/documents/${doc.body.id}/content`).set(await as(t, 'verifikator.kemenag'));
    expect(read.status).toBe(404);
    expect(read.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'Case not found' });
    const write = await upload('verifikator.kemenag', c.id, 'kk', PNG, 'kk.png', 'image/png');
    expect(write.status).toBe(404);
    expect(await count(c.id)).toBe(atIntake + 1);
  });

  it('supersedes the previous file for the same requirement', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const first = await upload('verifikator.dukcapil', c.id, 'kk', PNG, 'kk-lama.png', 'image/png');
    const second = await upload('verifikator.dukcapil', c.id, 'kk', PDF, 'kk-baru.pdf', 'application/pdf');
    expect(second.status).toBe(201);
    // The KK sent at intake, then the two uploads: only the last one counts.
    const rows = await t.db.query<{ id: string; superseded_at: Date | null }[]>(
      `SELECT id, superseded_at FROM case_documents WHERE case_id = $1 AND requirement_key = 'kk' ORDER BY created_at`,
      [c.id],
    );
    expect(rows.map((r) => [r.id, r.superseded_at !== null])).toEqual([
      [rows[0].id, true],
      [first.body.id, true],
      [second.body.id, false],
    ]);
    const detail = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(detail.documents.filter((d: { requirementKey: string }) => d.requirementKey === 'kk').map((d: { id: string }) => d.id)).toEqual([
      second.body.id,
    ]);
    // A superseded file can no longer be checked.
    const stale = await t.http
      .post(`/api/cases/${c.id}/documents/${first.body.id}/check`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ status: 'valid' });
    expect(stale.status).toBe(409);
  });

  it('requires a note to mark a document invalid (422 naming note), and offers VERIFY once every mandatory document is valid', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const kk = (await upload('verifikator.dukcapil', c.id, 'kk', PNG, 'kk.png', 'image/png')).body;
    const akta = (await upload('verifikator.dukcapil', c.id, 'akta-lahir', PDF, 'akta.pdf', 'application/pdf')).body;
    const check = async (id: string, body: Record<string, unknown>) =>
      t.http
        .post(`/api/cases/${c.id}/documents/${id}/check`)
        .set(await as(t, 'verifikator.dukcapil'))
        .send(body);

    const noNote = await check(kk.id, { status: 'invalid' });
    expect(noNote.status).toBe(422);
    expect(noNote.body).toEqual({
      statusCode: 422,
      code: 'FIELD_REQUIRED',
      error: 'Unprocessable Entity',
      message: 'note: is required when a document is marked invalid',
      details: [{ field: 'note', message: 'is required when a document is marked invalid' }],
    });
    const bad = await check(kk.id, { status: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('status');

    const invalid = await check(kk.id, { status: 'invalid', note: 'Foto KK buram' });
    expect(invalid.status).toBe(200);
    expect(invalid.body.documents.find((d: { id: string }) => d.id === kk.id)).toMatchObject({ status: 'invalid', note: 'Foto KK buram' });
    const one = await check(kk.id, { status: 'valid' });
    expect(one.body.availableActions.map((a: { type: string }) => a.type)).not.toContain('VERIFY');
    const both = await check(akta.id, { status: 'valid' });
    expect(both.status).toBe(200);
    expect(both.body.availableActions.map((a: { type: string }) => a.type)).toContain('VERIFY');

    // An officer may upload but not check; the check events are internal and carry no file name.
    const officer = await t.http
      .post(`/api/cases/${c.id}/documents/${kk.id}/check`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ status: 'valid' });
    expect(officer.status).toBe(403);
    const log = (
      await t.http
        .get(`/api/cases/${c.id}/events`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as { type: string; public: boolean; payload: Record<string, unknown> }[];
    const checks = log.filter((e) => e.type === 'CHECK_DOCUMENT');
    expect(checks.map((e) => [e.public, e.payload])).toEqual([
      [false, { documentId: kk.id, requirementKey: 'kk', status: 'invalid' }],
      [false, { documentId: kk.id, requirementKey: 'kk', status: 'valid' }],
      [false, { documentId: akta.id, requirementKey: 'akta-lahir', status: 'valid' }],
    ]);
    const verified = await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'VERIFY', version: both.body.version });
    expect(verified.status).toBe(200);
    expect(verified.body.state).toBe('verified');
  });
});
