import { createHash } from 'node:crypto';
import { PiiCipher } from '../../api/src/privacy/pii-cipher';
import { HttpPopulationVerifier } from '../../api/src/applicants/population-verifier';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, VALID_NIK } from '../support/session';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { startHttpSink, type HttpSink, type ReceivedRequest } from '../support/fake-servers';

// One applicant across all OPDs: the registry keyed by the NIK's blind index, other
// applications filtered by the caller's read rights, cross-OPD reads logged, a verified KK
// reused at another OPD with consent (and its provenance shown), and Dukcapil's NIK check
// through a fake of its match / no-match service.

/** The fake register: one resident. Answers per field, as Dukcapil's verification does ("Sesuai" / "Tidak Sesuai"). */
const REGISTER = new Map([[VALID_NIK, 'SARI WULANDARI']]);
function dukcapilAnswer(req: ReceivedRequest): unknown {
  const { nik, name } = JSON.parse(req.body) as { nik: string; name: string };
  const known = REGISTER.get(nik);
  return { nik: known ? 'match' : 'no_match', name: known && known === name.trim().toUpperCase() ? 'match' : 'no_match' };
}

interface Overview {
  applicantId: string;
  otherApplications: { id: string; trackingCode: string; opdName: string }[];
  verifiedDocuments: { documentId: string; requirementKey: string; caseId: string; opdName: string; verifiedByName: string | null }[];
  reusedDocuments: {
    reusedAsDocumentId: string;
    documentId: string;
    opdName: string;
    verifiedByName: string | null;
    recordedByName: string | null;
    source: 'staff' | 'portal';
    consentAt: string;
  }[];
  populationCheck: { result: string } | null;
  populationCheckAvailable: boolean;
}

describe('applicant registry (once-only)', () => {
  let t: TestApp;
  let dukcapil: HttpSink;

  beforeAll(async () => {
    dukcapil = await startHttpSink(dukcapilAnswer);
    t = await createTestApp({ seed: demoSeed(0), env: { DUKCAPIL_VERIFY_URL: `${dukcapil.url}/verify`, DUKCAPIL_TOKEN: 'pks-token-e2e' } });
  });
  afterAll(async () => {
    await t.close();
    await dukcapil.close();
  });

  const overview = async (user: string, caseId: string) =>
    (
      await t.http
        .get(`/api/cases/${caseId}/applicant`)
        .set(await as(t, user))
        .expect(200)
    ).body as Overview;
  const docOf = async (caseId: string, key: string) =>
    (
      await t.db.query<{ id: string }[]>(
        `SELECT id FROM case_documents WHERE case_id = $1 AND requirement_key = $2 AND superseded_at IS NULL`,
        [caseId, key],
      )
    )[0].id;

  it('shows the applicant’s other applications the caller may read, the KTP/KK verified elsewhere, and logs reads of other OPDs', async () => {
    const ktpDukcapil = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const secondDukcapil = await counterCase(t, 'petugas.dukcapil', 'ktp-el-hilang');
    const hajiKemenag = await counterCase(t, 'petugas.kemenag', 'rekomendasi-paspor-haji');
    const ijazahKemenag = await counterCase(t, 'petugas.kemenag', 'pengganti-ijazah', {
      namaMadrasah: 'MAN 1 Kota Malang',
      tahunLulus: 2010,
    });
    // The Dukcapil verifier checks the KK: valid.
    const kk = await docOf(ktpDukcapil.id, 'kk');
    await t.http
      .post(`/api/cases/${ktpDukcapil.id}/documents/${kk}/check`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ status: 'valid' })
      .expect(200);

    // One registry entry for the NIK, keyed by its blind index; no NIK in it.
    const registry = await t.db.query<Record<string, unknown>[]>(`SELECT * FROM applicants WHERE nik_bidx = $1`, [
      PiiCipher.fromEnv().nikIndex(VALID_NIK),
    ]);
    expect(registry).toHaveLength(1);
    expect(JSON.stringify(await t.db.query(`SELECT * FROM applicants`))).not.toContain(VALID_NIK);

    // Kemenag's officer: Kemenag's other application, not Dukcapil's (not readable), but Dukcapil's verified KK with its provenance.
    const before = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM personal_data_access_log WHERE case_id = $1 AND action = 'read_applicant_other_opd'`,
      [ktpDukcapil.id],
    );
    const seen = await overview('petugas.kemenag', hajiKemenag.id);
    expect(seen.applicantId).toBe(registry[0].id);
    expect(seen.otherApplications.map((c) => c.id)).toEqual([ijazahKemenag.id]);
    expect(seen.verifiedDocuments).toEqual([
      expect.objectContaining({
        documentId: kk,
        requirementKey: 'kk',
        caseId: ktpDukcapil.id,
        opdName: 'Dispendukcapil',
        verifiedByName: expect.any(String),
      }),
    ]);
    expect(seen.verifiedDocuments[0].verifiedByName).not.toBe('');
    const after = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM personal_data_access_log WHERE case_id = $1 AND action = 'read_applicant_other_opd'`,
      [ktpDukcapil.id],
    );
    expect(after[0].n).toBe(before[0].n + 1);
    // Dukcapil's officer sees the Dukcapil application only; nothing of another OPD read, nothing logged as such.
    const own = await overview('petugas.dukcapil', ktpDukcapil.id);
    expect(own.otherApplications.map((c) => c.id)).toEqual([secondDukcapil.id]);
    expect(own.verifiedDocuments).toEqual([]);

    // A role without personal-data rights (leadership reads every case) gets 403; another OPD's staff 404.
    await t.http
      .get(`/api/cases/${hajiKemenag.id}/applicant`)
      .set(await as(t, 'pimpinan'))
      .expect(403);
    await t.http
      .get(`/api/cases/${hajiKemenag.id}/applicant`)
      .set(await as(t, 'petugas.dukcapil'))
      .expect(404);
  });

  it('reuses a KK verified at Dukcapil for a Kemenag application with consent; the verifier sees where and by whom it was verified', async () => {
    const source = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const kk = await docOf(source.id, 'kk');
    const pendingAkta = await docOf(source.id, 'akta-lahir');
    await t.http
      .post(`/api/cases/${source.id}/documents/${kk}/check`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ status: 'valid' })
      .expect(200);
    const target = await counterCase(t, 'petugas.kemenag', 'rekomendasi-paspor-haji');
    const kemenag = await as(t, 'petugas.kemenag');
    const url = `/api/cases/${target.id}/applicant/reuse-document`;

    // No consent, a document that is not a verified KTP/KK, an unknown one: refused naming the field, nothing written.
    const noConsent = await t.http.post(url).set(kemenag).send({ sourceDocumentId: kk, consent: false }).expect(400);
    expect(JSON.stringify(noConsent.body)).toContain('consent');
    const notVerified = await t.http.post(url).set(kemenag).send({ sourceDocumentId: pendingAkta, consent: true });
    expect(notVerified.status).toBe(422);
    expect(JSON.stringify(notVerified.body)).toContain('sourceDocumentId');
    await t.http.post(url).set(kemenag).send({ sourceDocumentId: 'nope', consent: true }).expect(400);
    expect((await overview('petugas.kemenag', target.id)).reusedDocuments).toEqual([]);

    const reused = await t.http.post(url).set(kemenag).send({ sourceDocumentId: kk, consent: true }).expect(201);
    expect(reused.body).toMatchObject({ requirementKey: 'kk', status: 'pending' });
    // The same bytes, in this case's own file.
    const [a, b] = await t.db.query<{ sha256: string; storage_key: string }[]>(
      `SELECT sha256, storage_key FROM case_documents WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
      [[kk, reused.body.id]],
    );
    expect(b.sha256).toBe(a.sha256);
    expect(b.storage_key).not.toBe(a.storage_key);
    const content = await t.http
      .get(`/api/cases/${target.id}/documents/${reused.body.id}/content`)
      .set(await as(t, 'verifikator.kemenag'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(
      createHash('sha256')
        .update(content.body as Buffer)
        .digest('hex'),
    ).toBe(a.sha256);

    // Kemenag's verifier sees the provenance: Dukcapil, who verified, the consent and who recorded it.
    const view = await overview('verifikator.kemenag', target.id);
    const [checker] = await t.db.query<{ full_name: string }[]>(`SELECT full_name FROM users WHERE username = 'verifikator.dukcapil'`);
    const [recorder] = await t.db.query<{ full_name: string }[]>(`SELECT full_name FROM users WHERE username = 'petugas.kemenag'`);
    expect(view.reusedDocuments).toEqual([
      expect.objectContaining({
        reusedAsDocumentId: reused.body.id,
        documentId: kk,
        opdName: 'Dispendukcapil',
        verifiedByName: checker.full_name,
        recordedByName: recorder.full_name,
        consentAt: expect.any(String),
      }),
    ]);
    const logged = await t.db.query(`SELECT 1 FROM personal_data_access_log WHERE case_id = $1 AND action = 'reuse_document'`, [source.id]);
    expect(logged.length).toBeGreaterThan(0);
    // The case log tells it as an upload of the requirement (an internal event).
    const events = (await t.http.get(`/api/cases/${target.id}/events`).set(kemenag).expect(200)).body as {
      type: string;
      payload: Record<string, unknown>;
    }[];
    expect(events.filter((e) => e.type === 'UPLOAD_DOCUMENT').some((e) => e.payload.documentId === reused.body.id)).toBe(true);
  });

  it('lets the citizen reuse on the portal a KK verified at another OPD, with consent, by the earlier tracking code', async () => {
    const source = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const kk = await docOf(source.id, 'kk');
    await t.http
      .post(`/api/cases/${source.id}/documents/${kk}/check`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ status: 'valid' })
      .expect(200);
    const serviceId = await idOf(t, 'services', 'code', 'rekomendasi-paspor-haji');
    const [{ requirements }] = await t.db.query<
      { requirements: { key: string; kind: string; mandatory: boolean; condition?: string }[] }[]
    >(
      `SELECT v.requirements FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version WHERE s.id = $1`,
      [serviceId],
    );
    const others = requirements.filter((r) => r.kind === 'document' && r.mandatory && !r.condition && r.key !== 'kk').map((r) => r.key);
    let n = 0;
    const apply = (data: Record<string, unknown>, withKk = false) => {
      const req = t.http
        .post('/api/public/applications')
        .set('Idempotency-Key', `reuse-portal-${Date.now()}-${++n}`)
        .field('data', JSON.stringify({ serviceId, ...data }));
      for (const key of withKk ? [...others, 'kk'] : others)
        req.attach(`doc_${key}`, demoPdf(`Berkas ${key}`), { filename: `${key}.pdf`, contentType: 'application/pdf' });
      return req;
    };
    const applicant = (nik = VALID_NIK) => ({
      nik,
      name: 'Sari Wulandari',
      phone: '081234567890',
      address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
    });
    const reuse = (over: Record<string, unknown> = {}) => [
      { requirementKey: 'kk', trackingCode: source.trackingCode, consent: true, ...over },
    ];
    const [{ before }] = await t.db.query<{ before: number }[]>(`SELECT count(*)::int AS before FROM cases`);

    // Refused, naming the field, nothing written: no consent; someone else's NIK; an unknown code;
    // a KK uploaded as well; no KK at all (neither uploaded nor reused).
    const noConsent = await apply({ applicant: applicant(), reuse: reuse({ consent: false }) });
    expect(noConsent.status).toBe(400);
    expect(JSON.stringify(noConsent.body)).toContain('reuse.0.consent');
    for (const [data, field] of [
      [{ applicant: applicant('3573054107900002'), reuse: reuse() }, 'reuse[0].trackingCode'],
      [{ applicant: applicant(), reuse: reuse({ trackingCode: 'DKC-AAAA-BBBB' }) }, 'reuse[0].trackingCode'],
    ] as const) {
      const res = await apply(data);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field }] });
    }
    const twice = await apply({ applicant: applicant(), reuse: reuse() }, true);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('also uploaded');
    const none = await apply({ applicant: applicant() });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('doc_kk');
    const [{ after }] = await t.db.query<{ after: number }[]>(`SELECT count(*)::int AS after FROM cases`);
    expect(after).toBe(before);

    // With consent: the new application has its own copy of the verified KK, pending the verifier.
    const made = await apply({ applicant: applicant(), reuse: reuse({ trackingCode: source.trackingCode.toLowerCase() }) });
    expect(made.status).toBe(201);
    expect(made.body.documents).toEqual(expect.arrayContaining([expect.objectContaining({ requirementKey: 'kk' })]));
    const [target] = await t.db.query<{ id: string }[]>(`SELECT id FROM cases WHERE tracking_code = $1`, [made.body.trackingCode]);
    const [copy] = await t.db.query<{ id: string; sha256: string; status: string; storage_key: string }[]>(
      `SELECT id, sha256, status, storage_key FROM case_documents WHERE case_id = $1 AND requirement_key = 'kk'`,
      [target.id],
    );
    const [orig] = await t.db.query<{ sha256: string; storage_key: string }[]>(
      `SELECT sha256, storage_key FROM case_documents WHERE id = $1`,
      [kk],
    );
    expect(copy).toMatchObject({ sha256: orig.sha256, status: 'pending' });
    expect(copy.storage_key).not.toBe(orig.storage_key);
    const [consent] = await t.db.query<{ source: string; recorded_by_id: string | null; consent_at: Date }[]>(
      `SELECT source, recorded_by_id, consent_at FROM applicant_document_reuses WHERE document_id = $1`,
      [copy.id],
    );
    expect(consent).toMatchObject({ source: 'portal', recorded_by_id: null, consent_at: expect.any(Date) });
    // Kemenag's verifier sees where and by whom it was verified, and that the applicant consented on the portal.
    const [checker] = await t.db.query<{ full_name: string }[]>(`SELECT full_name FROM users WHERE username = 'verifikator.dukcapil'`);
    const view = await overview('verifikator.kemenag', target.id);
    expect(view.reusedDocuments).toEqual([
      expect.objectContaining({
        reusedAsDocumentId: copy.id,
        documentId: kk,
        opdName: 'Dispendukcapil',
        verifiedByName: checker.full_name,
        recordedByName: null,
        source: 'portal',
      }),
    ]);
  });

  it("checks the NIK against Dukcapil's match / no-match service, off by default", async () => {
    expect(new HttpPopulationVerifier({}).enabled).toBe(false);
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const officer = await as(t, 'petugas.dukcapil');
    expect((await overview('petugas.dukcapil', c.id)).populationCheckAvailable).toBe(true);
    const res = await t.http.post(`/api/cases/${c.id}/applicant/population-check`).set(officer).expect(200);
    expect(res.body.result).toBe('match');
    const call = dukcapil.requests.at(-1);
    expect(call?.path).toBe('/verify');
    expect(call?.headers.authorization).toBe('Bearer pks-token-e2e');
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ nik: VALID_NIK, name: 'Sari Wulandari' });
    expect((await overview('petugas.dukcapil', c.id)).populationCheck).toMatchObject({ result: 'match' });
    // The answer is kept on the applicant; the NIK is not.
    expect(JSON.stringify(await t.db.query(`SELECT * FROM applicants`))).not.toContain(VALID_NIK);

    // Another name for the NIK: no match.
    REGISTER.set(VALID_NIK, 'SOMEONE ELSE');
    expect((await t.http.post(`/api/cases/${c.id}/applicant/population-check`).set(officer).expect(200)).body.result).toBe('no_match');
    REGISTER.set(VALID_NIK, 'SARI WULANDARI');
    // Dukcapil down: 503, nothing stored over the last answer.
    dukcapil.always(503);
    const down = await t.http.post(`/api/cases/${c.id}/applicant/population-check`).set(officer).expect(503);
    expect(down.body.code).toBe('SERVICE_UNAVAILABLE');
    dukcapil.always(null);
    expect((await overview('petugas.dukcapil', c.id)).populationCheck).toMatchObject({ result: 'no_match' });
    // Staff without personal-data rights may not send the NIK out.
    await t.http
      .post(`/api/cases/${c.id}/applicant/population-check`)
      .set(await as(t, 'pimpinan'))
      .expect(403);
  });
});
