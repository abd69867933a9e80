import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, validDocuments } from '../support/session';

describe('case workflow', () => {
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

  it('runs verify -> approve -> issue with four eyes, and the log verifies', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', { namaAnak: 'Bima', tanggalLahir: '2026-11-20' });
    expect(c.state).toBe('submitted');
    // The verifier sees only Dispendukcapil cases; VERIFY waits for valid documents.
    let detail = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(detail.availableActions.map((a: { type: string }) => a.type)).not.toContain('VERIFY');
    const refused = await event('verifikator.dukcapil', c.id, { type: 'VERIFY', version: detail.version });
    expect(refused.status).toBe(422);
    await validDocuments(t, c.id);
    detail = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(detail.availableActions.map((a: { type: string }) => a.type)).toEqual(
      expect.arrayContaining(['VERIFY', 'RETURN', 'REJECT', 'CLAIM']),
    );
    // A verifier who is also a supervisor still may not approve their own verification.
    const yusufId = await idOf(t, 'users', 'username', 'verifikator2.dukcapil');
    await t.http
      .put(`/api/users/${yusufId}`)
      .set(await as(t, 'admin'))
      .send({ roles: ['verifier', 'supervisor'] })
      .expect(200);
    const relogin = await t.http
      .post('/api/auth/login')
      .send({ username: 'verifikator2.dukcapil', password: 'e2e-demo-password' })
      .expect(200);
    const rina = { Authorization: `Bearer ${relogin.body.accessToken}` };
    detail = (await t.http.post(`/api/cases/${c.id}/events`).set(rina).send({ type: 'CLAIM', version: detail.version }).expect(200)).body;
    const verified = await t.http.post(`/api/cases/${c.id}/events`).set(rina).send({ type: 'VERIFY', version: detail.version });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ state: 'verified' });
    const asRina = (await t.http.get(`/api/cases/${c.id}`).set(rina).expect(200)).body;
    expect(asRina.availableActions.map((a: { type: string }) => a.type)).not.toContain('APPROVE');
    const own = await t.http.post(`/api/cases/${c.id}/events`).set(rina).send({ type: 'APPROVE', version: asRina.version });
    expect(own.status).toBe(422);
    expect(own.body.message).toMatch(/Four-eyes/);
    const approved = await event('kasi.dukcapil', c.id, { type: 'APPROVE', version: asRina.version });
    expect(approved.body).toMatchObject({ state: 'approved' });
    const issued = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: approved.body.version });
    expect(issued.body).toMatchObject({ state: 'issued', slaStatus: 'done' });
    const log = await t.http
      .get(`/api/cases/${c.id}/events`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(log.body.map((e: { type: string }) => e.type)).toEqual(['SUBMIT', 'CLAIM', 'VERIFY', 'APPROVE', 'ISSUE']);
    expect(log.body[2]).toMatchObject({ fromState: 'submitted', toState: 'verified', actorRole: 'verifier' });
    const audit = await t.http
      .get(`/api/cases/${c.id}/audit`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(audit.body).toEqual({ valid: true, events: 5 });
    // Each event wrote its outbox notice in the same statement.
    const notices = await t.db.query<
      {
        topic: string;
        payload: Record<string, unknown>;
      }[]
    >(`SELECT topic, payload FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [c.id]);
    expect(notices.map((n) => n.topic)).toEqual([
      'case.submitted',
      'case.claim',
      'case.transitioned',
      'case.transitioned',
      'case.transitioned',
    ]);
    expect(notices[2].payload).toMatchObject({ type: 'VERIFY', from: 'submitted', to: 'verified' });
    // Kemenag staff cannot see it at all.
    await t.http
      .get(`/api/cases/${c.id}`)
      .set(await as(t, 'verifikator.kemenag'))
      .expect(404);
    const r = await event('kasi.kemenag', c.id, { type: 'COMMENT', version: issued.body.version, comment: 'x' });
    expect(r.status).toBe(404);
  });

  it('answers a stale version and an event the state does not accept with 409 and the current state', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const stale = await event('verifikator.dukcapil', c.id, { type: 'CLAIM', version: c.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toEqual({ state: 'submitted', version: c.version });
    const wrong = await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: c.version });
    expect(wrong.status).toBe(409);
    expect(wrong.body.current).toEqual({ state: 'submitted', version: c.version });
  });

  it('requires a reason to return or reject (422 naming reason) and pauses the SLA while returned', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'kartu-keluarga', { jenis: 'baru' });
    const missing = await event('verifikator.dukcapil', c.id, { type: 'RETURN', version: c.version });
    expect(missing.status).toBe(422);
    expect(missing.body.details).toEqual([{ field: 'reason', message: 'is required for RETURN' }]);
    const blank = await event('verifikator.dukcapil', c.id, { type: 'REJECT', version: c.version, reason: '   ' });
    expect(blank.status).toBe(422);
    const returned = await event('verifikator.dukcapil', c.id, { type: 'RETURN', version: c.version, reason: 'Foto KK buram' });
    expect(returned.body).toMatchObject({ state: 'returned', slaStatus: 'paused' });
    expect(returned.body.pausedAt).not.toBeNull();
    const resubmitted = await event('petugas.dukcapil', c.id, { type: 'RESUBMIT', version: returned.body.version });
    expect(resubmitted.body).toMatchObject({ state: 'submitted', pausedAt: null });
    expect(Date.parse(resubmitted.body.dueAt)).toBeGreaterThanOrEqual(Date.parse(c.dueAt));
  });

  it('refuses a role that may not send the event with 403', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await validDocuments(t, c.id);
    const res = await event('petugas.dukcapil', c.id, { type: 'VERIFY', version: c.version });
    expect(res.status).toBe(403);
    const leader = await event('pimpinan', c.id, { type: 'COMMENT', version: c.version, comment: 'hi' });
    expect(leader.status).toBe(403);
  });

  it('refuses a non-boolean public flag with 400 naming the field, and writes nothing', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const res = await event('verifikator.dukcapil', c.id, { type: 'COMMENT', version: c.version, comment: 'hi', public: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'public' })]);
    const [{ n }] = await t.db.query<
      {
        n: number;
      }[]
    >(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'COMMENT'`, [c.id]);
    expect(n).toBe(0);
  });

  it('lets exactly one of 20 concurrent identical transitions win', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await validDocuments(t, c.id);
    const headers = await as(t, 'verifikator.dukcapil');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post(`/api/cases/${c.id}/events`).set(headers).send({ type: 'VERIFY', version: c.version })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const [{ n }] = await t.db.query<
      {
        n: number;
      }[]
    >(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'VERIFY'`, [c.id]);
    expect(n).toBe(1);
  });

  it('keeps the event log append-only through the app connection and detects tampering', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await event('verifikator.dukcapil', c.id, { type: 'COMMENT', version: c.version, comment: 'Berkas lengkap' });
    await expect(t.db.query(`UPDATE case_events SET comment = 'edited' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM case_events WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    // A superuser disables the guard and edits the second entry: the chain check notices.
    await t.db.transaction(async (m) => {
      await m.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete`);
      await m.query(`UPDATE case_events SET comment = 'tampered' WHERE case_id = $1 AND seq = 2`, [c.id]);
      await m.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete`);
    });
    const audit = await t.http
      .get(`/api/cases/${c.id}/audit`)
      .set(await as(t, 'kasi.dukcapil'))
      .expect(200);
    expect(audit.body).toEqual({ valid: false, events: 2, brokenAt: 2 });
  });

  it('rejects a bad NIK, a bad phone and unknown form fields with 400 naming each, and stores nothing', async () => {
    const serviceId = await idOf(t, 'services', 'code', 'akta-kelahiran');
    const [{ n: before }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases`);
    const res = await t.http
      .post('/api/cases')
      .set(await as(t, 'petugas.dukcapil'))
      .send({
        serviceId,
        applicant: { nik: '3573053207900001', name: 'Sari', phone: '12345' },
        formData: { namaAnak: 'B', tanggalLahir: '2026-02-30x', extra: 1 },
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['applicant.nik', 'applicant.phone']);
    const res2 = await t.http
      .post('/api/cases')
      .set(await as(t, 'petugas.dukcapil'))
      .send({
        serviceId,
        applicant: { nik: '3573054107900001', name: 'Sari', phone: '0812-3456-7890' },
        formData: { tanggalLahir: 'soon', extra: 1 },
      })
      .expect(400);
    expect(res2.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'formData.extra',
      'formData.namaAnak',
      'formData.tanggalLahir',
    ]);
    const [{ n: after }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases`);
    expect(after).toBe(before);
  });

  it('lets an officer register only for services of their own OPD', async () => {
    const serviceId = await idOf(t, 'services', 'code', 'haji-reguler');
    const res = await t.http
      .post('/api/cases')
      .set(await as(t, 'petugas.dukcapil'))
      .send({ serviceId, applicant: { nik: '3573054107900001', name: 'Sari', phone: '081234567890' }, formData: { bankBps: 'BSI' } });
    expect(res.status).toBe(403);
  });

  it('masks the NIK for roles that do not need it and logs staff reads of personal data', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const asHead = await t.http
      .get(`/api/cases/${c.id}`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(asHead.body.applicantNik).toBe('3573********0001');
    expect(asHead.body.applicantAddress).toBeNull();
    const asVerifier = await t.http
      .get(`/api/cases/${c.id}`)
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    expect(asVerifier.body.applicantNik).toBe('3573054107900001');
    expect(asVerifier.body.applicantPhone).toBe('+6281234567890');
    const log = await t.db.query<{ username: string }[]>(
      `SELECT u.username FROM personal_data_access_log l JOIN users u ON u.id = l.user_id WHERE l.case_id = $1`,
      [c.id],
    );
    expect(log.map((r) => r.username)).toEqual(['verifikator.dukcapil']);
  });
});
