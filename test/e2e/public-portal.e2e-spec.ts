import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';
import { as, demoSeed, idOf, VALID_NIK } from '../support/session';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const CODE = /^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
// Akta Kelahiran: four mandatory documents.
const DOCS = ['buku-nikah', 'kk', 'ktp-ortu', 'surat-lahir'];
type Files = Record<string, { bytes: Buffer; name: string; type: string }>;
const allDocs = (): Files =>
  Object.fromEntries(
    DOCS.map((k) => [
      `doc_${k}`,
      { bytes: k === 'kk' ? PNG : PDF, name: k === 'kk' ? 'kk.png' : `${k}.pdf`, type: k === 'kk' ? 'image/png' : 'application/pdf' },
    ]),
  );

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('public citizen API', () => {
  let t: TestApp;
  let uploads: string;
  let serviceId: string;
  let key = 0;
  let trackCalls = 0;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    uploads = path.resolve(process.env.DATA_DIR as string, 'uploads');
    serviceId = await idOf(t, 'services', 'code', 'akta-kelahiran');
  });
  afterAll(async () => {
    await t.close();
  });

  const newKey = () => `test-key-${Date.now()}-${++key}`;
  const data = (name: string, overrides: Record<string, unknown> = {}) => ({
    serviceId,
    applicant: {
      nik: VALID_NIK,
      name,
      phone: '0812-3456-7890',
      address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
      ...overrides,
    },
    formData: { namaAnak: 'Bima', tanggalLahir: '2026-11-20' },
  });
  const apply = (idempotencyKey: string | null, body: unknown, files: Files) => {
    let req = t.http.post('/api/public/applications');
    if (idempotencyKey) req = req.set('Idempotency-Key', idempotencyKey);
    req = req.field('data', JSON.stringify(body));
    for (const [field, f] of Object.entries(files)) req = req.attach(field, f.bytes, { filename: f.name, contentType: f.type });
    return req;
  };
  const casesNamed = async (name: string) =>
    (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases WHERE applicant_name = $1`, [name]))[0].n;
  const track = (code: string, factor: string) => {
    trackCalls++;
    return t.http.get(`/api/public/track/${code}?factor=${factor}`);
  };
  const caseId = async (code: string) =>
    (await t.db.query<{ id: string }[]>(`SELECT id FROM cases WHERE tracking_code = $1`, [code]))[0].id;

  it('lists the active catalog with the public service-standard components and the OPD', async () => {
    const list = await t.http.get('/api/public/services?q=akta').expect(200);
    const akta = list.body.find((s: { id: string }) => s.id === serviceId);
    expect(akta).toEqual({
      id: serviceId,
      code: 'akta-kelahiran',
      opdId: expect.any(String),
      opdName: 'Dispendukcapil',
      name: 'Akta Kelahiran',
      description: expect.any(String),
      requirements: expect.arrayContaining([{ key: 'kk', label: 'Kartu Keluarga', kind: 'document', mandatory: true }]),
      formFields: expect.any(Array),
      procedure: expect.any(String),
      slaAmount: 1,
      slaUnit: 'days',
      feeAmount: 0,
      feeNote: null,
      product: expect.any(String),
      complaintChannel: expect.any(String),
      legalBasis: expect.any(String),
    });
    const one = await t.http.get(`/api/public/services/${serviceId}`).expect(200);
    expect(one.body).toEqual(akta);
    const byOpd = await t.http.get(`/api/public/services?opdId=${akta.opdId}`).expect(200);
    expect(new Set(byOpd.body.map((s: { opdName: string }) => s.opdName))).toEqual(new Set(['Dispendukcapil']));
    expect((await t.http.get('/api/public/services?opdId=nope').expect(400)).body.details).toEqual([
      { field: 'opdId', message: 'must be a UUID' },
    ]);
    await t.http.get('/api/public/services/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('documents the public routes in OpenAPI, with multipart bodies for uploads', async () => {
    const { paths } = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/public/services',
        '/api/public/services/{id}',
        '/api/public/applications',
        '/api/public/track/{trackingCode}',
        '/api/public/track/{trackingCode}/documents',
        '/api/public/track/{trackingCode}/events',
        '/api/cases/{id}/documents',
        '/api/cases/{id}/documents/{docId}/content',
        '/api/cases/{id}/documents/{docId}/check',
      ]),
    );
    expect(Object.keys(paths['/api/public/applications'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(paths['/api/cases/{id}/documents'].post.requestBody.content['multipart/form-data'].schema.properties.file).toEqual(
      expect.objectContaining({ type: 'string', format: 'binary' }),
    );
    expect(paths['/api/public/applications'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]),
    );
  });

  it("takes an application with its documents and returns a receipt; the case lands in the OPD's unassigned queue", async () => {
    const before = filesUnder(uploads).length;
    const res = await apply(newKey(), data('Sari Wulandari'), allDocs());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      title: 'Bukti Pendaftaran Permohonan',
      trackingCode: expect.stringMatching(CODE),
      serviceName: 'Akta Kelahiran',
      opdName: 'Dispendukcapil',
      applicantName: 'Sari Wulandari',
      applicantNik: '3573********0001',
      submittedAt: expect.any(String),
      expectedCompletion: expect.any(String),
      statusLabel: 'Menunggu Verifikasi',
      instructions: expect.stringContaining(res.body.trackingCode),
      // No channel chosen (and none configured here): the portal must not promise messages.
      notificationChannels: [],
      documents: [
        { requirementKey: 'buku-nikah', label: 'Buku nikah / akta perkawinan orang tua', fileName: 'buku-nikah.pdf' },
        { requirementKey: 'kk', label: 'Kartu Keluarga', fileName: 'kk.png' },
        { requirementKey: 'ktp-ortu', label: 'KTP-el kedua orang tua', fileName: 'ktp-ortu.pdf' },
        { requirementKey: 'surat-lahir', label: 'Surat keterangan lahir dari dokter/bidan/kelurahan', fileName: 'surat-lahir.pdf' },
      ],
    });
    expect(res.body).not.toHaveProperty('caseId');
    expect(Date.parse(res.body.expectedCompletion)).toBeGreaterThan(Date.parse(res.body.submittedAt));
    expect(filesUnder(uploads).length).toBe(before + 4);
    const queue = await t.http
      .get(`/api/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'unassigned' }))}`)
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    const mine = queue.body.find((c: { trackingCode: string }) => c.trackingCode === res.body.trackingCode);
    expect(mine).toMatchObject({ channel: 'online', state: 'submitted', assigneeId: null, applicantName: 'Sari Wulandari' });
    const detail = (
      await t.http
        .get(`/api/cases/${mine.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(
      detail.documents
        .map((d: { requirementKey: string; status: string; sha256: string }) => [d.requirementKey, d.status, d.sha256])
        .sort(),
    ).toEqual(
      DOCS.map((k) => [
        k,
        'pending',
        createHash('sha256')
          .update(k === 'kk' ? PNG : PDF)
          .digest('hex'),
      ]),
    );
    expect(detail.applicantPhone).toBe('+6281234567890');
    // Kemenag does not see it.
    await t.http
      .get(`/api/cases/${mine.id}`)
      .set(await as(t, 'verifikator.kemenag'))
      .expect(404);
  });

  it('makes exactly one case from 10 concurrent replays with the same key, all answered with the same receipt', async () => {
    const k = newKey();
    const before = filesUnder(uploads).length;
    const results = await Promise.all(Array.from({ length: 10 }, () => apply(k, data('Replay Concurrent'), allDocs())));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.trackingCode)).size).toBe(1);
    for (const r of results) expect(r.body).toEqual(results[0].body);
    expect(await casesNamed('Replay Concurrent')).toBe(1);
    expect(filesUnder(uploads).length).toBe(before + 4);
    // The same key with a different body is refused.
    const other = await apply(k, data('Replay Concurrent', { name: 'Someone Else' }), allDocs());
    expect(other.status).toBe(422);
    expect(other.body).toEqual({
      statusCode: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      error: 'Unprocessable Entity',
      message: 'Idempotency-Key: was used for a different request; use a new key for a new application',
      details: [{ field: 'Idempotency-Key', message: 'was used for a different request; use a new key for a new application' }],
    });
    // Different file bytes under the same key are a different request too.
    const files = allDocs();
    files.doc_kk = { bytes: Buffer.concat([PNG, Buffer.from([0])]), name: 'kk.png', type: 'image/png' };
    expect((await apply(k, data('Replay Concurrent'), files)).status).toBe(422);
    expect(await casesNamed('Replay Concurrent')).toBe(1);
  });

  it('requires the Idempotency-Key header (400 naming it)', async () => {
    const res = await apply(null, data('No Key'), allDocs());
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      {
        field: 'Idempotency-Key',
        message: 'header is required (8-100 characters A-Z a-z 0-9 _ -), the same on every retry of one submission',
      },
    ]);
    expect((await apply('short', data('No Key'), allDocs())).body.details[0].field).toBe('Idempotency-Key');
    expect(await casesNamed('No Key')).toBe(0);
  });

  it('refuses a bad NIK with 400 naming applicant.nik, storing nothing', async () => {
    const before = filesUnder(uploads).length;
    const res = await apply(newKey(), data('Bad Nik', { nik: '12345' }), allDocs());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'FIELD_INVALID',
      error: 'Bad Request',
      message: 'applicant.nik: must be exactly 16 digits',
      details: [{ field: 'applicant.nik', message: 'must be exactly 16 digits' }],
    });
    expect(await casesNamed('Bad Nik')).toBe(0);
    expect(filesUnder(uploads).length).toBe(before);
    const noAddress = await apply(
      newKey(),
      { ...data('Bad Nik'), applicant: { nik: VALID_NIK, name: 'Bad Nik', phone: '081234567890' } },
      allDocs(),
    );
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.details.map((d: { field: string }) => d.field)).toContain('applicant.address');
    const form = await apply(newKey(), { ...data('Bad Nik'), formData: { namaAnak: 'Bima' } }, allDocs());
    expect(form.body.details).toEqual([{ field: 'formData.tanggalLahir', message: 'is required' }]);
    expect(await casesNamed('Bad Nik')).toBe(0);
  });

  it('refuses a missing mandatory document with 400 naming doc_<key>, storing nothing', async () => {
    const before = filesUnder(uploads).length;
    const files = allDocs();
    delete files['doc_ktp-ortu'];
    const res = await apply(newKey(), data('Missing Doc'), files);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'doc_ktp-ortu', message: 'is required: KTP-el kedua orang tua' }]);
    const extra = await apply(newKey(), data('Missing Doc'), {
      ...allDocs(),
      doc_paspor: { bytes: PNG, name: 'p.png', type: 'image/png' },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.details[0].field).toBe('doc_paspor');
    expect(await casesNamed('Missing Doc')).toBe(0);
    expect(filesUnder(uploads).length).toBe(before);
  });

  it('refuses a wrong file type with 415 naming the part; the key stays usable for the corrected retry', async () => {
    const before = filesUnder(uploads).length;
    const k = newKey();
    const files = allDocs();
    files.doc_kk = { bytes: Buffer.from('MZ this is not an image'), name: 'kk.png', type: 'image/png' };
    const res = await apply(k, data('Wrong Type'), files);
    expect(res.status).toBe(415);
    expect(res.body.details).toEqual([{ field: 'doc_kk', message: 'must be a PDF, JPEG, PNG or WebP file' }]);
    expect(await casesNamed('Wrong Type')).toBe(0);
    expect(filesUnder(uploads).length).toBe(before);
    const retry = await apply(k, data('Wrong Type'), allDocs());
    expect(retry.status).toBe(201);
    expect(await casesNamed('Wrong Type')).toBe(1);
  });

  it('answers a wrong factor exactly like an unknown code (404)', async () => {
    const { trackingCode } = (await apply(newKey(), data('Factor Test'), allDocs()).expect(201)).body;
    const wrong = await track(trackingCode, '9999');
    const unknown = await track('DKC-2222-2222', '0001');
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual({
      statusCode: 404,
      code: 'TRACKING_NOT_FOUND',
      error: 'Not Found',
      message: 'No application matches this tracking code and verification number',
    });
    expect(unknown.body).toEqual(wrong.body);
    const ok = await track(trackingCode, '0001'); // last 4 of the NIK
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      trackingCode,
      state: 'submitted',
      statusLabel: 'Menunggu Verifikasi',
      canResubmit: false,
      canWithdraw: true,
      canUploadDocuments: false,
    });
  });

  it('runs the citizen loop: returned with a reason, corrected upload, resubmit, then verification', async () => {
    const receipt = (await apply(newKey(), data('Loop Citizen'), allDocs()).expect(201)).body;
    const code = receipt.trackingCode as string;
    const id = await caseId(code);
    const rina = await as(t, 'verifikator.dukcapil');
    let detail = (await t.http.post(`/api/cases/${id}/events`).set(rina).send({ type: 'CLAIM', version: 1 }).expect(200)).body;
    const kk = detail.documents.find((d: { requirementKey: string }) => d.requirementKey === 'kk');
    detail = (
      await t.http
        .post(`/api/cases/${id}/documents/${kk.id}/check`)
        .set(rina)
        .send({ status: 'invalid', note: 'Foto KK buram' })
        .expect(200)
    ).body;
    detail = (
      await t.http
        .post(`/api/cases/${id}/events`)
        .set(rina)
        .send({ type: 'RETURN', version: detail.version, reason: 'Foto KK buram, unggah ulang' })
        .expect(200)
    ).body;
    const dueBefore = Date.parse(detail.dueAt);

    // Not yet returned cases refuse uploads; this one is returned.
    const status = await track(code, '7890'); // last 4 of the phone
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      trackingCode: code,
      serviceName: 'Akta Kelahiran',
      opdName: 'Dispendukcapil',
      state: 'returned',
      statusLabel: 'Perlu Perbaikan',
      nextStep: 'Perbaiki berkas sesuai catatan petugas, lalu ajukan kembali permohonan Anda.',
      expectedCompletion: detail.dueAt,
      issuedDocument: null,
      submittedAt: receipt.submittedAt,
      returnReason: 'Foto KK buram, unggah ulang',
      timeline: [
        { type: 'SUBMIT', label: 'Permohonan diajukan', at: expect.any(String), actorRole: 'applicant', message: null },
        {
          type: 'RETURN',
          label: 'Dikembalikan untuk perbaikan',
          at: expect.any(String),
          actorRole: 'verifier',
          message: 'Foto KK buram, unggah ulang',
        },
      ],
      canResubmit: true,
      canWithdraw: true,
      canUploadDocuments: true,
      documents: [
        { requirementKey: 'surat-lahir', label: 'Surat keterangan lahir dari dokter/bidan/kelurahan', mandatory: true, status: 'pending' },
        { requirementKey: 'buku-nikah', label: 'Buku nikah / akta perkawinan orang tua', mandatory: true, status: 'pending' },
        { requirementKey: 'kk', label: 'Kartu Keluarga', mandatory: true, status: 'invalid' },
        { requirementKey: 'ktp-ortu', label: 'KTP-el kedua orang tua', mandatory: true, status: 'pending' },
      ],
      // The step bar shows the detour for correction as the current step.
      steps: [
        { label: { id: 'Menunggu Verifikasi', en: 'Awaiting verification' }, status: 'done' },
        { label: { id: 'Perlu Perbaikan', en: 'Needs correction' }, status: 'current' },
        { label: { id: 'Sedang Diproses', en: 'In process' }, status: 'todo' },
        { label: { id: 'Selesai - Siap Diambil', en: 'Completed - ready for pickup' }, status: 'todo' },
        { label: { id: 'Sudah Diambil', en: 'Collected' }, status: 'todo' },
      ],
    });
    expect(JSON.stringify(status.body)).not.toContain('Rina');

    // The same status in English when the browser asks for it (Indonesian stays the default).
    const english = await track(code, '7890').set('Accept-Language', 'en-GB,en;q=0.9,id;q=0.5');
    expect(english.headers.vary).toContain('Accept-Language');
    expect(english.body).toMatchObject({
      statusLabel: 'Needs correction',
      nextStep: 'Correct your file as the officer noted, then resubmit your application.',
      timeline: [
        { type: 'SUBMIT', label: 'Application submitted' },
        { type: 'RETURN', label: 'Returned for correction', message: 'Foto KK buram, unggah ulang' },
      ],
    });
    const indonesian = await track(code, '7890').set('Accept-Language', 'fr-FR,de;q=0.8');
    expect(indonesian.body.timeline[1].label).toBe('Dikembalikan untuk perbaikan');

    // The console's log says which document was checked and the verdict.
    const log = (await t.http.get(`/api/cases/${id}/events`).set(rina).expect(200)).body as {
      type: string;
      document: unknown;
    }[];
    expect(log.find((e) => e.type === 'CHECK_DOCUMENT')?.document).toEqual({
      id: kk.id,
      requirementKey: 'kk',
      label: 'Kartu Keluarga',
      fileName: kk.fileName,
      verdict: 'invalid',
    });
    expect(log.find((e) => e.type === 'RETURN')?.document).toBeNull();

    const wrongType = await t.http
      .post(`/api/public/track/${code}/documents?factor=7890`)
      .field('requirementKey', 'kk')
      .attach('file', Buffer.from('not an image'), { filename: 'kk.png', contentType: 'image/png' });
    expect(wrongType.status).toBe(415);
    const up = await t.http
      .post(`/api/public/track/${code}/documents?factor=7890`)
      .field('requirementKey', 'kk')
      .attach('file', PNG, { filename: 'kk-jelas.png', contentType: 'image/png' });
    expect(up.status).toBe(201);
    expect(up.body.documents.find((d: { requirementKey: string }) => d.requirementKey === 'kk').status).toBe('pending');
    expect(up.body.timeline.map((e: { type: string }) => e.type)).toEqual(['SUBMIT', 'RETURN', 'UPLOAD_DOCUMENT']);

    const withdrawNoReason = await t.http.post(`/api/public/track/${code}/events`).send({ factor: '7890', type: 'WITHDRAW' });
    expect(withdrawNoReason.status).toBe(422);
    expect(withdrawNoReason.body.details).toEqual([{ field: 'reason', message: 'is required for WITHDRAW' }]);
    const wrongFactor = await t.http.post(`/api/public/track/${code}/events`).send({ factor: '1111', type: 'RESUBMIT' });
    expect(wrongFactor.status).toBe(404);
    const resubmitted = await t.http.post(`/api/public/track/${code}/events`).send({ factor: '7890', type: 'RESUBMIT' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({
      state: 'submitted',
      statusLabel: 'Menunggu Verifikasi',
      canResubmit: false,
      canUploadDocuments: false,
      returnReason: null,
    });
    expect(Date.parse(resubmitted.body.expectedCompletion)).toBeGreaterThanOrEqual(dueBefore);
    const again = await t.http
      .post(`/api/public/track/${code}/documents?factor=7890`)
      .field('requirementKey', 'kk')
      .attach('file', PNG, { filename: 'kk.png', contentType: 'image/png' });
    expect(again.status).toBe(409);

    // Back with the verifier: the superseded KK is gone from the case, the new one pending.
    detail = (await t.http.get(`/api/cases/${id}`).set(rina).expect(200)).body;
    expect(detail.state).toBe('submitted');
    expect(detail.documents).toHaveLength(4);
    for (const d of detail.documents as { id: string }[]) {
      detail = (await t.http.post(`/api/cases/${id}/documents/${d.id}/check`).set(rina).send({ status: 'valid' }).expect(200)).body;
    }
    expect(detail.availableActions.map((a: { type: string }) => a.type)).toContain('VERIFY');
    const verified = await t.http.post(`/api/cases/${id}/events`).set(rina).send({ type: 'VERIFY', version: detail.version });
    expect(verified.status).toBe(200);
    expect(verified.body.state).toBe('verified');
    const audit = await t.http
      .get(`/api/cases/${id}/audit`)
      .set(await as(t, 'kasi.dukcapil'))
      .expect(200);
    expect(audit.body.valid).toBe(true);
  });

  it('rate-limits tracking per IP (10 a minute)', async () => {
    const left = 10 - trackCalls;
    const statuses = [];
    for (let i = 0; i < left; i++) statuses.push((await track('DKC-2222-2222', '0001')).status);
    expect(statuses).toEqual(Array(left).fill(404));
    const over = await track('DKC-2222-2222', '0001');
    expect(over.status).toBe(429);
  });
});
