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
    t = await createTestApp({ seed: demoSeed(0) });
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
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE payload::text LIKE $1`, [`%${PASSWORD}%`])) as {
      n: number;
    }[];
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

  async function counters(): Promise<{ scope: string; last_seq: number }[]> {
    return (await t.db.query(`SELECT scope, last_seq FROM letter_number_counters ORDER BY opd_id, scope`)) as {
      scope: string;
      last_seq: number;
    }[];
  }
});
