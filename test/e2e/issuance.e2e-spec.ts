import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, PASSWORD, validDocuments } from '../support/session';
import { mkdirSync, writeFileSync } from 'node:fs';
import { binary, pdfinfo, pdfsig, pdftext } from '../support/pdf-tools';

const AKTA = { namaAnak: 'Bima Aditya', tanggalLahir: '2026-11-20' };
const IJAZAH = { namaMadrasah: 'MI Al-Ikhlas Malang', tahunLulus: 2004 };

describe('issuance', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 50 issuances at once: above the default admission limit (2 x DB_POOL_SIZE), which would refuse some with 503.
    t = await createTestApp({ seed: demoSeed(0), env: { MAX_IN_FLIGHT: '100' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);

  /** A case of `service` taken through verification and approval by the OPD's staff. */
  async function approved(service: string, opd: string, formData: Record<string, unknown>) {
    const c = await counterCase(t, `petugas.${opd}`, service, formData);
    await validDocuments(t, c.id);
    const verified = await event(`verifikator.${opd}`, c.id, { type: 'VERIFY', version: c.version });
    expect(verified.status).toBe(200);
    const ok = await event(`kasi.${opd}`, c.id, { type: 'APPROVE', version: verified.body.version });
    expect(ok.body).toMatchObject({ state: 'approved' });
    return ok.body as { id: string; version: number; trackingCode: string };
  }

  const getPdf = async (path: string, headers: Record<string, string> = {}) => {
    const res = await t.http.get(path).set(headers).buffer(true).parse(binary);
    return { status: res.status, type: res.headers['content-type'], body: res.body as Buffer };
  };

  it('issues a numbered, sealed A4 document on ISSUE: pdfsig reports it valid, pdftotext finds the number and the name', async () => {
    const c = await approved('akta-kelahiran', 'dukcapil', AKTA);
    const issued = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ state: 'issued' });
    const info = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'petugas.dukcapil'))
      .expect(200);
    expect(info.body.documents).toHaveLength(1);
    const doc = info.body.documents[0];
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    expect(doc).toMatchObject({
      number: `400.12.2.3/1/35.73.301/${year}`,
      status: 'valid',
      signatureMode: 'seal',
      signerKind: 'local',
      signerName: 'Kartika Dewi',
      title: 'Surat Keterangan Penerbitan Akta Kelahiran',
    });
    expect(doc.verificationCode).toMatch(/^[A-Z2-7]{26}$/);
    const pdf = await getPdf(`/api/issued-documents/${doc.id}/content`, await as(t, 'petugas.dukcapil'));
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(doc.sha256);
    const sig = await pdfsig(pdf.body);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached');
    const text = await pdftext(pdf.body);
    expect(text).toContain(doc.number);
    expect(text).toContain('Sari Wulandari');
    expect(text).toContain('Bima Aditya');
    expect(text).toContain('20 November 2026');
    expect(text).toContain('DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL');
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/issued-akta-kelahiran.pdf', pdf.body);
    expect(text).toContain(`portal/verifikasi/${doc.verificationCode}`);
    // The event carries the document, and the chain still verifies.
    const log = await t.http
      .get(`/api/cases/${c.id}/events`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    const issue = log.body.find((e: { type: string }) => e.type === 'ISSUE');
    expect(issue.payload).toMatchObject({ documentId: doc.id, documentNumber: doc.number, sha256: doc.sha256 });
    const audit = await t.http
      .get(`/api/cases/${c.id}/audit`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(audit.body.valid).toBe(true);
  });

  it('signs personally on SIGN in the head-signature workflow after the head re-enters the password', async () => {
    const c = await approved('pengganti-ijazah', 'kemenag', IJAZAH);
    const detail = await t.http
      .get(`/api/cases/${c.id}`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(detail.body.availableActions).toEqual(
      expect.arrayContaining([{ type: 'SIGN', requires: [], issues: { signature: 'personal' } }]),
    );
    const draft = await getPdf(`/api/cases/${c.id}/issuance/draft`, await as(t, 'kadis.kemenag'));
    expect(draft.status).toBe(200);
    const draftText = await pdftext(draft.body);
    expect(await pdfinfo(draft.body)).toMatch(/Title:\s+Surat Keterangan Pengganti Ijazah \(draf\)/);
    expect(draftText).toContain('MI Al-Ikhlas Malang');
    expect(draftText).not.toMatch(/B-\d+\/Kk\.13\.23/);
    expect(draftText).not.toContain('portal/verifikasi/');
    expect(await pdfsig(draft.body)).not.toContain('Signature is Valid');

    const wrong = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: 'not-my-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'SIGNER_REJECTED', details: [{ field: 'passphrase' }] });
    const missing = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version });
    expect(missing.body).toMatchObject({ code: 'FIELD_REQUIRED', details: [{ field: 'passphrase' }] });
    const signed = await event('kadis.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSWORD });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('signed');
    const info = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    const mm = String(new Date(Date.now() + 7 * 3600_000).getUTCMonth() + 1).padStart(2, '0');
    expect(info.body.documents[0]).toMatchObject({ signatureMode: 'personal', signerName: 'Abdul Haris', status: 'valid' });
    expect(info.body.documents[0].number).toMatch(new RegExp(`^B-1/Kk\\.13\\.23/PW\\.01/${mm}/\\d{4}$`));
    const pdf = await getPdf(`/api/issued-documents/${info.body.documents[0].id}/content`, await as(t, 'kadis.kemenag'));
    expect(await pdfsig(pdf.body)).toContain('Signature is Valid');
    // No passphrase anywhere in the log.
    const [{ n }] = await t.db.query<
      {
        n: number;
      }[]
    >(`SELECT count(*)::int AS n FROM case_events WHERE payload::text LIKE $1`, [`%${PASSWORD}%`]);
    expect(n).toBe(0);
  });

  it('refuses to issue a service without a template with 422 naming it, consuming no number', async () => {
    const c = await approved('ktp-el-baru', 'dukcapil', {});
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    // Another service's template stays; this one's goes (test-only: templates are immutable through the API).
    await t.db.query(`ALTER TABLE document_templates DISABLE TRIGGER document_templates_no_update`);
    await t.db.query(`DELETE FROM document_templates WHERE service_id = $1`, [serviceId]);
    await t.db.query(`ALTER TABLE document_templates ENABLE TRIGGER document_templates_no_update`);
    const before = await counters();
    const res = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ISSUANCE_NOT_CONFIGURED', details: [{ field: 'template' }] });
    expect(await counters()).toEqual(before);
    const after = await t.http
      .get(`/api/cases/${c.id}`)
      .set(await as(t, 'petugas.dukcapil'))
      .expect(200);
    expect(after.body).toMatchObject({ state: 'approved', version: c.version });
  });

  it('verifies a document publicly by its QR code and by upload, masks the name, and shows a revocation with its reason', async () => {
    const c = await approved('kartu-keluarga', 'dukcapil', { jenis: 'baru' });
    await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    const [doc] = (await t.http.get(`/api/cases/${c.id}/issuance`).set(await as(t, 'petugas.dukcapil'))).body.documents;
    const v = await t.http.get(`/api/public/verify/${doc.verificationCode}`).expect(200);
    expect(v.body).toMatchObject({
      number: doc.number,
      title: 'Surat Keterangan Penerbitan Kartu Keluarga',
      serviceName: 'Kartu Keluarga (Baru / Perubahan)',
      opdName: 'Dinas Kependudukan dan Pencatatan Sipil',
      signerName: 'Kartika Dewi',
      signatureMode: 'seal',
      status: 'valid',
      applicantName: 'Sar* Wulandari',
      sha256: doc.sha256,
      revokedAt: null,
    });
    expect(JSON.stringify(v.body)).not.toContain('3573054107900001');
    expect((await t.http.get(`/api/public/verify/${doc.verificationCode.toLowerCase()}`)).status).toBe(200);
    // Unknown and malformed codes get the same 404.
    expect((await t.http.get(`/api/public/verify/${'A'.repeat(26)}`)).body.code).toBe('NOT_FOUND');
    expect((await t.http.get(`/api/public/verify/1234`)).status).toBe(404);

    const pdf = (await getPdf(`/api/issued-documents/${doc.id}/content`, await as(t, 'petugas.dukcapil'))).body;
    const same = await t.http.post(`/api/public/verify/${doc.verificationCode}/file`).attach('file', pdf, 'kk.pdf').expect(200);
    expect(same.body.fileMatches).toBe(true);
    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 10] ^= 1;
    const changed = await t.http.post(`/api/public/verify/${doc.verificationCode}/file`).attach('file', tampered, 'kk.pdf').expect(200);
    expect(changed.body.fileMatches).toBe(false);
    const found = await t.http.post('/api/public/verify').attach('file', pdf, 'kk.pdf').expect(200);
    expect(found.body).toMatchObject({ number: doc.number, fileMatches: true });
    expect((await t.http.post('/api/public/verify').attach('file', tampered, 'kk.pdf')).status).toBe(404);
    expect((await t.http.post('/api/public/verify').attach('file', Buffer.from('not a pdf'), 'x.pdf')).body.code).toBe(
      'FILE_TYPE_UNSUPPORTED',
    );

    // Only the head revokes, with a reason; the verify page then says "revoked".
    const byOfficer = await t.http
      .post(`/api/issued-documents/${doc.id}/revoke`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ reason: 'Salah cetak' });
    expect(byOfficer.status).toBe(403);
    const byOtherHead = await t.http
      .post(`/api/issued-documents/${doc.id}/revoke`)
      .set(await as(t, 'kadis.kemenag'))
      .send({ reason: 'Salah cetak' });
    expect(byOtherHead.status).toBe(404);
    const revoked = await t.http
      .post(`/api/issued-documents/${doc.id}/revoke`)
      .set(await as(t, 'kadis.dukcapil'))
      .send({ reason: 'Data KK berubah setelah terbit' })
      .expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'Data KK berubah setelah terbit' });
    const again = await t.http
      .post(`/api/issued-documents/${doc.id}/revoke`)
      .set(await as(t, 'kadis.dukcapil'))
      .send({ reason: 'lagi' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DOCUMENT_NOT_VALID');
    const after = await t.http.get(`/api/public/verify/${doc.verificationCode}`).expect(200);
    expect(after.body).toMatchObject({ status: 'revoked', revocationReason: 'Data KK berubah setelah terbit' });
    expect(after.body.revokedAt).toEqual(expect.any(String));
    const log = (await t.http.get(`/api/cases/${c.id}/events`).set(await as(t, 'kadis.dukcapil'))).body as {
      type: string;
      reason: string;
    }[];
    expect(log.at(-1)).toMatchObject({ type: 'REVOKE_DOCUMENT', reason: 'Data KK berubah setelah terbit' });
    expect((await t.http.get(`/api/cases/${c.id}/audit`).set(await as(t, 'kadis.dukcapil'))).body.valid).toBe(true);
  });

  it('corrects a document: a new number that references the old one, which the verify page shows as replaced', async () => {
    const c = await approved('akta-kelahiran', 'dukcapil', AKTA);
    await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    const [old] = (await t.http.get(`/api/cases/${c.id}/issuance`).set(await as(t, 'kadis.dukcapil'))).body.documents;
    const bad = await t.http
      .post(`/api/issued-documents/${old.id}/correct`)
      .set(await as(t, 'kadis.dukcapil'))
      .send({ reason: 'Nama anak salah ketik', formData: { namaAnaak: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'formData.namaAnaak', message: 'is not a field of this service' }]);
    const fixed = await t.http
      .post(`/api/issued-documents/${old.id}/correct`)
      .set(await as(t, 'kadis.dukcapil'))
      .send({ reason: 'Nama anak salah ketik', formData: { namaAnak: 'Bima Adhitya' } })
      .expect(201);
    expect(fixed.body).toMatchObject({ status: 'valid', supersedesId: old.id });
    expect(fixed.body.number).not.toBe(old.number);
    const text = await pdftext((await getPdf(`/api/issued-documents/${fixed.body.id}/content`, await as(t, 'kadis.dukcapil'))).body);
    expect(text).toContain('Bima Adhitya');
    expect(text).toContain(fixed.body.number);
    const oldView = await t.http.get(`/api/public/verify/${old.verificationCode}`).expect(200);
    expect(oldView.body).toMatchObject({
      status: 'superseded',
      replacedByNumber: fixed.body.number,
      revocationReason: 'Nama anak salah ketik',
    });
    const log = (await t.http.get(`/api/cases/${c.id}/events`).set(await as(t, 'kadis.dukcapil'))).body as {
      type: string;
      payload: Record<string, unknown>;
    }[];
    expect(log.at(-1)).toMatchObject({
      type: 'CORRECT_DOCUMENT',
      payload: { documentId: fixed.body.id, documentNumber: fixed.body.number, supersedesId: old.id, supersedesNumber: old.number },
    });
  });

  it('lets the citizen download the signed PDF from the tracking page with the verification factor once issued', async () => {
    const c = await approved('kartu-keluarga', 'dukcapil', { jenis: 'perubahan' });
    const early = await t.http.get(`/api/public/track/${c.trackingCode}?factor=0001`).expect(200);
    expect(early.body.issuedDocument).toBeNull();
    expect((await t.http.get(`/api/public/track/${c.trackingCode}/document?factor=0001`)).status).toBe(404);
    await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    const tracked = await t.http.get(`/api/public/track/${c.trackingCode}?factor=0001`).expect(200);
    expect(tracked.body.issuedDocument).toMatchObject({ title: 'Surat Keterangan Penerbitan Kartu Keluarga', number: expect.any(String) });
    expect(tracked.body.nextStep).toMatch(/Unduh dokumen/);
    const wrongFactor = await t.http.get(`/api/public/track/${c.trackingCode}/document?factor=9999`);
    expect(wrongFactor.body.code).toBe('TRACKING_NOT_FOUND');
    const pdf = await getPdf(`/api/public/track/${c.trackingCode}/document?factor=0001`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(await pdfsig(pdf.body)).toContain('Signature is Valid');
    // Leadership reads cases but may not open the letter with its NIK.
    const [doc] = (await t.http.get(`/api/cases/${c.id}/issuance`).set(await as(t, 'pimpinan'))).body.documents;
    expect((await t.http.get(`/api/issued-documents/${doc.id}/content`).set(await as(t, 'pimpinan'))).status).toBe(403);
    // The officer's "collected" still works for paper pick-up, and the download stays available.
    const detail = (await t.http.get(`/api/cases/${c.id}`).set(await as(t, 'petugas.dukcapil'))).body;
    await event('petugas.dukcapil', c.id, { type: 'COLLECT', version: detail.version }).then((r) => expect(r.status).toBe(200));
    expect((await getPdf(`/api/public/track/${c.trackingCode}/document?factor=0001`)).status).toBe(200);
  });

  it('versions templates: an edit is a new version, unknown placeholders are refused with 422 naming them, preview renders a sample', async () => {
    const admin = await as(t, 'admin');
    const serviceId = await idOf(t, 'services', 'code', 'pendampingan-nib');
    const v1 = (await t.http.get(`/api/services/${serviceId}/document-template`).set(admin).expect(200)).body;
    const refused = await t.http
      .put(`/api/services/${serviceId}/document-template`)
      .set(admin)
      .send({ title: v1.title, body: `${v1.body}\n\nKontak: {{form.telepon}} {{pemohon.nama}}`, numberPattern: '500/{nomor}' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('TEMPLATE_INVALID');
    expect(refused.body.details).toEqual([
      { field: 'body', message: '{{form.telepon}} is not a form field of this service' },
      { field: 'body', message: '{{pemohon.nama}} is not a known placeholder' },
      { field: 'numberPattern', message: 'unknown token {nomor}' },
      { field: 'numberPattern', message: 'must contain {seq} (or {seq:N}) exactly once' },
      { field: 'numberPattern', message: 'must contain {year}: the counter starts again at 1 each year' },
    ]);
    const c = await approved('pendampingan-nib', 'pmptsp', { namaUsaha: 'UD Sumber Rejeki', email: 'ud@example.id' });
    await event('petugas.pmptsp', c.id, { type: 'ISSUE', version: c.version });
    const v2 = await t.http
      .put(`/api/services/${serviceId}/document-template`)
      .set(admin)
      .send({
        title: 'Surat Keterangan Pendampingan NIB',
        body: `${v1.body}\n\nDiterbitkan {{document.date}}.`,
        numberPattern: '503/{seq:3}/35.73.112/{year}',
      })
      .expect(200);
    expect(v2.body).toMatchObject({ version: 2, numberPattern: '503/{seq:3}/35.73.112/{year}' });
    expect(
      (await t.http.get(`/api/services/${serviceId}/document-templates`).set(admin)).body.map((x: { version: number }) => x.version),
    ).toEqual([2, 1]);
    // The document issued before the edit keeps version 1 and its bytes.
    const [first] = (await t.http.get(`/api/cases/${c.id}/issuance`).set(await as(t, 'petugas.pmptsp'))).body.documents;
    expect(first.templateVersion).toBe(1);
    // The template's own pattern has its own counter.
    const c2 = await approved('pendampingan-nib', 'pmptsp', { namaUsaha: 'CV Maju', email: 'cv@example.id' });
    await event('petugas.pmptsp', c2.id, { type: 'ISSUE', version: c2.version });
    const [second] = (await t.http.get(`/api/cases/${c2.id}/issuance`).set(await as(t, 'petugas.pmptsp'))).body.documents;
    expect(second).toMatchObject({ templateVersion: 2, title: 'Surat Keterangan Pendampingan NIB' });
    expect(second.number).toMatch(/^503\/001\/35\.73\.112\/\d{4}$/);
    const preview = await t.http
      .post(`/api/services/${serviceId}/document-template/preview`)
      .set(admin)
      .send({ title: 'Surat Keterangan', body: 'Atas nama {{applicant.name}} usaha {{form.namaUsaha}}.' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const sample = await pdftext(preview.body as Buffer);
    expect(sample).toContain('Siti Aminah');
    expect(sample).toContain('(Nama usaha)');
    expect(
      (
        await t.http
          .put(`/api/services/${serviceId}/document-template`)
          .set(await as(t, 'kadis.pmptsp'))
          .send(v1)
      ).status,
    ).toBe(403);
  });

  it('refuses a template whose form field has no value in the case, and one with an unknown placeholder, with 422: nothing written, no number used', async () => {
    const admin = await as(t, 'admin');
    const opdId = await idOf(t, 'opds', 'code', 'dukcapil');
    const svc = await t.http
      .post('/api/services')
      .set(admin)
      .send({
        code: 'surat-keterangan-domisili',
        opdId,
        name: 'Surat Keterangan Domisili',
        requirements: [{ key: 'ktp', label: 'KTP-el', kind: 'document', mandatory: true }],
        formFields: [{ key: 'keperluan', label: 'Keperluan', type: 'text', required: false }],
        slaAmount: 1,
        slaUnit: 'days',
        feeAmount: 0,
        workflowKey: 'standard',
        workflowVersion: 1,
      })
      .expect(201);
    await t.http
      .put(`/api/services/${svc.body.id}/document-template`)
      .set(admin)
      .send({
        title: 'Surat Keterangan Domisili',
        body: '{{applicant.name}} berdomisili di {{applicant.address}} untuk keperluan {{form.keperluan}}.',
      })
      .expect(200);
    const c = await approved('surat-keterangan-domisili', 'dukcapil', {});
    const before = await counters();
    const files = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM issued_documents`);
    const res = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'TEMPLATE_INVALID', details: [{ field: 'formData.keperluan' }] });
    // A template row written before a service change (or by hand) that names a field the case's service lacks.
    await t.db.query(
      `INSERT INTO document_templates (service_id, version, service_version, title, body) VALUES ($1, 2, 1, 'Surat', 'Untuk {{form.tujuan}}')`,
      [svc.body.id],
    );
    const unknown = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      code: 'TEMPLATE_INVALID',
      details: [{ field: 'body', message: '{{form.tujuan}} is not a form field of this service' }],
    });
    expect(await counters()).toEqual(before);
    expect(await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM issued_documents`)).toEqual(files);
    expect((await t.http.get(`/api/cases/${c.id}`).set(await as(t, 'petugas.dukcapil'))).body).toMatchObject({ state: 'approved' });
  });

  it("seals a letter whose template names no official as the OPD's own: the OPD in the signature block, no person's name or NIP", async () => {
    const admin = await as(t, 'admin');
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-hilang');
    await t.http
      .put(`/api/services/${serviceId}/document-template`)
      .set(admin)
      .send({
        title: 'Surat Keterangan Penggantian KTP-el',
        body: 'Dinas menerangkan bahwa {{applicant.name}} (NIK {{applicant.nik}}) telah mengajukan {{service.name}} dengan nomor {{case.trackingCode}}.',
      })
      .expect(200);
    const c = await approved('ktp-el-hilang', 'dukcapil', {});
    expect((await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version })).status).toBe(200);
    const [doc] = (await t.http.get(`/api/cases/${c.id}/issuance`).set(await as(t, 'petugas.dukcapil'))).body.documents;
    expect(doc).toMatchObject({
      signatureMode: 'seal',
      signerName: 'Dinas Kependudukan dan Pencatatan Sipil',
      signerPosition: 'Segel elektronik',
    });
    const pdf = (await getPdf(`/api/issued-documents/${doc.id}/content`, await as(t, 'petugas.dukcapil'))).body;
    expect(await pdfsig(pdf)).toContain('Signature Validation: Signature is Valid.');
    const text = (await pdftext(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,');
    expect(text).toContain('Disahkan dengan segel elektronik');
    // The default signatory (the kadis) is not named, and no NIP stands under the seal.
    expect(text).not.toContain('Kartika Dewi');
    expect(text).not.toContain('NIP.');
    const v = await t.http.get(`/api/public/verify/${doc.verificationCode}`).expect(200);
    expect(v.body).toMatchObject({ signerName: 'Dinas Kependudukan dan Pencatatan Sipil', signatureMode: 'seal' });
    // A template that names the official ("Yang bertanda tangan di bawah ini, {{signer.position}}") still shows them:
    // the first test's akta letter names the kadis, Kartika Dewi.
  });

  it('numbers 50 parallel issuances in one OPD 1..50: no gap, no duplicate', async () => {
    const cases: { id: string; version: number }[] = [];
    for (let i = 0; i < 50; i += 10) {
      cases.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () => approved('haji-reguler', 'kemenag', { bankBps: 'Bank Syariah Indonesia' })),
        )),
      );
    }
    const [{ last }] = await t.db.query<{ last: number }[]>(
      `SELECT COALESCE(max(last_seq), 0)::int AS last FROM letter_number_counters l JOIN opds o ON o.id = l.opd_id WHERE o.code = 'kemenag' AND scope = ''`,
    );
    const headers = await as(t, 'petugas.kemenag');
    const results = await Promise.all(
      cases.map((c) => t.http.post(`/api/cases/${c.id}/events`).set(headers).send({ type: 'ISSUE', version: c.version })),
    );
    expect(results.map((r) => r.status)).toEqual(cases.map(() => 200));
    const rows = await t.db.query<{ seq: number; number: string }[]>(
      `SELECT seq, number FROM issued_documents WHERE case_id = ANY($1::uuid[]) ORDER BY seq`,
      [cases.map((c) => c.id)],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => last + i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(50);
  }, 300_000);

  async function counters(): Promise<{ scope: string; last_seq: number }[]> {
    return await t.db.query<
      {
        scope: string;
        last_seq: number;
      }[]
    >(`SELECT scope, last_seq FROM letter_number_counters ORDER BY opd_id, scope`);
  }
});
