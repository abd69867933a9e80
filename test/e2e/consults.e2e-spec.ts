import { demoPdf } from '../../api/src/seed/demo-documents';
import { Clock } from '../../api/src/common/clock';
import { FakeClock } from '../support/fake-clock';
import { waitFor } from '../support/fake-servers';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf } from '../support/session';

const AKTA = { namaAnak: 'Raka Pratama', tanggalLahir: '2026-11-20' };

interface Consult {
  id: string;
  caseId: string;
  status: string;
  overdue: boolean;
  dueAt: string;
  consultedOpdId: string;
  sharedDocumentIds: string[];
  answer: string | null;
  answeredByName: string | null;
  answeredOnTime: boolean | null;
  files: { id: string; side: string; fileName: string }[];
  canAnswer: boolean;
  canWithdraw: boolean;
}

describe('consults between OPDs (permintaan pertimbangan teknis)', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let dukcapil: string;
  let dinkes: string;
  let pmptsp: string;
  let kemenag: string;
  let c: { id: string; version: number; trackingCode: string; documents: { id: string; requirementKey: string }[] };

  beforeAll(async () => {
    t = await createTestApp({
      seed: demoSeed(0),
      env: { RELAY_ENABLED: 'true', RELAY_POLL_MS: '50' },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    [dukcapil, dinkes, pmptsp, kemenag] = await Promise.all(
      ['dukcapil', 'dinkes', 'pmptsp', 'kemenag'].map((code) => idOf(t, 'opds', 'code', code)),
    );
    const created = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
    c = (
      await t.http
        .get(`/api/cases/${created.id}`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as typeof c;
  });
  afterAll(async () => {
    await t.close();
  });

  const ask = async (user: string, caseId: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/cases/${caseId}/consults`)
      .set(await as(t, user))
      .send(body);
  const queue = async (user: string, filter: Record<string, unknown>) =>
    (
      await t.http
        .get('/api/consults')
        .query({ filter: JSON.stringify(filter) })
        .set(await as(t, user))
        .expect(200)
    ).body as Consult[];

  let toDinkes: Consult;
  let toPmptsp: Consult;

  it("refuses a consult to the case's own OPD with CONSULT_OWN_OPD naming consultedOpdId, and writes nothing", async () => {
    const res = await ask('kasi.dukcapil', c.id, { consultedOpdId: dukcapil, question: 'Mohon pertimbangan.' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CONSULT_OWN_OPD', details: [{ field: 'consultedOpdId' }] });
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_consults`);
    expect(n).toBe(0);
  });

  it('names the bad field of a malformed request (400/422), never 500', async () => {
    const missing = await ask('kasi.dukcapil', c.id, { consultedOpdId: dinkes });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details)).toContain('question');
    const days = await ask('kasi.dukcapil', c.id, { consultedOpdId: dinkes, question: 'x', workingDays: 0 });
    expect(days.status).toBe(400);
    expect(JSON.stringify(days.body.details)).toContain('workingDays');
    const role = await ask('kasi.dukcapil', c.id, { consultedOpdId: dinkes, question: 'x', consultedRole: 'admin' });
    expect(role.status).toBe(400);
    expect(JSON.stringify(role.body.details)).toContain('consultedRole');
    const noOpd = await ask('kasi.dukcapil', c.id, { consultedOpdId: '00000000-0000-4000-8000-000000000000', question: 'x' });
    expect(noOpd.status).toBe(422);
    expect(noOpd.body).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'consultedOpdId' }] });
    const doc = await ask('kasi.dukcapil', c.id, {
      consultedOpdId: dinkes,
      question: 'x',
      sharedDocumentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(doc.status).toBe(422);
    expect(doc.body).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'sharedDocumentIds' }] });
  });

  it('lets only the lead OPD’s staff who can act on the case ask', async () => {
    const other = await ask('kasi.dinkes', c.id, { consultedOpdId: pmptsp, question: 'Boleh?' });
    expect(other.status).toBe(404);
  });

  it('asks Dinkes with a shared document and a deadline of 3 working days; the case stays with Dukcapil, its SLA unchanged', async () => {
    const before = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body;
    const letter = c.documents.find((d) => d.requirementKey === 'surat-lahir');
    expect(letter).toBeDefined();
    const res = await t.http
      .post(`/api/cases/${c.id}/consults`)
      .set(await as(t, 'kasi.dukcapil'))
      .field('consultedOpdId', dinkes)
      .field('question', 'Mohon pertimbangan: apakah surat keterangan lahir dari RSIA ini sah?')
      .field('sharedDocumentIds', letter?.id ?? '')
      .attach('files', demoPdf('Nota dinas'), { filename: 'nota-dinas.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    toDinkes = res.body as Consult;
    expect(toDinkes).toMatchObject({ status: 'open', overdue: false, consultedOpdId: dinkes, canWithdraw: true, canAnswer: false });
    expect(toDinkes.files).toEqual([expect.objectContaining({ side: 'question', fileName: 'nota-dinas.pdf' })]);
    // Three working days (libs/sla calendar): at least three calendar days ahead.
    expect(Date.parse(toDinkes.dueAt) - Date.now()).toBeGreaterThan(2 * 86_400_000);
    const after = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body;
    expect(after).toMatchObject({
      opdId: dukcapil,
      state: before.state,
      dueAt: before.dueAt,
      consultDueAt: toDinkes.dueAt,
      consultOverdue: false,
    });
  });

  it('keeps several consults open at once on one case', async () => {
    const res = await ask('kasi.dukcapil', c.id, {
      consultedOpdId: pmptsp,
      consultedRole: 'verifier',
      question: 'Apakah pemohon terdaftar sebagai pelaku usaha?',
      workingDays: 1,
    });
    expect(res.status).toBe(201);
    toPmptsp = res.body as Consult;
    const list = (
      await t.http
        .get(`/api/cases/${c.id}/consults`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as Consult[];
    expect(list.map((k) => [k.id, k.status])).toEqual([
      [toDinkes.id, 'open'],
      [toPmptsp.id, 'open'],
    ]);
  });

  it("puts the request in the consulted OPD's queue, with read access to the case and its shared document, and no power to transition it", async () => {
    const kasi = await as(t, 'kasi.dinkes');
    const incoming = await queue('kasi.dinkes', { side: 'incoming', status: 'open' });
    expect(incoming.map((k) => k.id)).toEqual([toDinkes.id]);
    expect(incoming[0]).toMatchObject({ canAnswer: true, canWithdraw: false });
    // Dukcapil sees it as outgoing.
    expect((await queue('kasi.dukcapil', { side: 'outgoing', status: 'open' })).map((k) => k.id).sort()).toEqual(
      [toDinkes.id, toPmptsp.id].sort(),
    );

    const detail = await t.http.get(`/api/cases/${c.id}`).set(kasi).expect(200);
    expect(detail.body.applicantNik).toMatch(/\*/);
    expect(detail.body.availableActions).toEqual([]);
    await t.http.get(`/api/cases/${c.id}/events`).set(kasi).expect(200);
    const verify = await t.http.post(`/api/cases/${c.id}/events`).set(kasi).send({ type: 'VERIFY', version: detail.body.version });
    expect(verify.status).toBe(403);
    const claim = await t.http.post(`/api/cases/${c.id}/events`).set(kasi).send({ type: 'CLAIM', version: detail.body.version });
    expect(claim.status).toBe(403);
    await t.http.post(`/api/cases/${c.id}/consults`).set(kasi).send({ consultedOpdId: kemenag, question: 'x' }).expect(403);

    const letter = toDinkes.sharedDocumentIds[0];
    // Not through the case's own document route (personal data of the lead OPD's case)...
    await t.http.get(`/api/cases/${c.id}/documents/${letter}/content`).set(kasi).expect(403);
    // ...but the document shared with this consult, logged as a personal-data read.
    const shared = await t.http.get(`/api/consults/${toDinkes.id}/documents/${letter}`).set(kasi).expect(200);
    expect(shared.headers['content-type']).toBe('application/pdf');
    const notShared = c.documents.find((d) => d.id !== letter);
    await t.http.get(`/api/consults/${toDinkes.id}/documents/${notShared?.id}`).set(kasi).expect(404);
    const kasiId = await idOf(t, 'users', 'username', 'kasi.dinkes');
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM personal_data_access_log WHERE user_id = $1 AND case_id = $2 AND action = 'read_document'`,
      [kasiId, c.id],
    );
    expect(n).toBe(1);
    // The consult's own file.
    await t.http.get(`/api/consults/${toDinkes.id}/files/${toDinkes.files[0].id}`).set(kasi).expect(200);
  });

  it('shows a third OPD nothing: no queue entry, no case, no consult, no file', async () => {
    const other = await as(t, 'kasi.kemenag');
    expect(await queue('kasi.kemenag', {})).toEqual([]);
    await t.http.get(`/api/cases/${c.id}`).set(other).expect(404);
    await t.http.get(`/api/cases/${c.id}/consults`).set(other).expect(200, []);
    await t.http.get(`/api/consults/${toDinkes.id}`).set(other).expect(404);
    await t.http.get(`/api/consults/${toDinkes.id}/files/${toDinkes.files[0].id}`).set(other).expect(404);
    await t.http.post(`/api/consults/${toDinkes.id}/answer`).set(other).send({ answer: 'Tidak tahu' }).expect(404);
    // The case list of the third OPD does not hold it either (permissions in SQL).
    const list = await t.http
      .get('/api/cases')
      .query({ filter: JSON.stringify({ queue: 'all' }) })
      .set(other)
      .expect(200);
    expect((list.body as { id: string }[]).map((r) => r.id)).not.toContain(c.id);
    // The consulted OPD sees only its own consult of the case, not the one asked of PMPTSP.
    const dinkesView = (
      await t.http
        .get(`/api/cases/${c.id}/consults`)
        .set(await as(t, 'kasi.dinkes'))
        .expect(200)
    ).body as Consult[];
    expect(dinkesView.map((k) => k.id)).toEqual([toDinkes.id]);
  });

  it('routes a consult addressed to a role: that role and the kasi answer, not other roles', async () => {
    expect((await queue('verifikator.pmptsp', { side: 'incoming' }))[0]).toMatchObject({ id: toPmptsp.id, canAnswer: true });
    expect((await queue('petugas.pmptsp', { side: 'incoming' }))[0]).toMatchObject({ id: toPmptsp.id, canAnswer: false });
    await t.http
      .post(`/api/consults/${toPmptsp.id}/answer`)
      .set(await as(t, 'petugas.pmptsp'))
      .send({ answer: 'Ya' })
      .expect(403);
  });

  it('takes the answer with an attachment, puts it in the timeline with the officer and OPD, and notifies the requester', async () => {
    const kasiDukcapil = await as(t, 'kasi.dukcapil');
    const before = (await t.http.get('/api/notifications/summary').set(kasiDukcapil).expect(200)).body.unread as number;
    const blank = await t.http
      .post(`/api/consults/${toDinkes.id}/answer`)
      .set(await as(t, 'kasi.dinkes'))
      .send({ answer: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'answer' })]);
    const res = await t.http
      .post(`/api/consults/${toDinkes.id}/answer`)
      .set(await as(t, 'kasi.dinkes'))
      .field('answer', 'Surat keterangan lahir sah: RSIA terdaftar dan bidan memiliki STR aktif.')
      .attach('files', demoPdf('Surat Dinkes'), { filename: 'pertimbangan-dinkes.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(200);
    const answered = res.body as Consult;
    expect(answered).toMatchObject({ status: 'answered', answeredByName: 'Lilik Suryani', answeredOnTime: true, canAnswer: false });
    expect(answered.files.map((f) => [f.side, f.fileName])).toEqual([
      ['question', 'nota-dinas.pdf'],
      ['answer', 'pertimbangan-dinkes.pdf'],
    ]);

    // Immutable once answered: no second answer, no withdrawal, and the database refuses an edit.
    const again = await t.http
      .post(`/api/consults/${toDinkes.id}/answer`)
      .set(await as(t, 'kasi.dinkes'))
      .send({ answer: 'Ralat' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONSULT_NOT_OPEN');
    const withdraw = await t.http.post(`/api/consults/${toDinkes.id}/withdraw`).set(kasiDukcapil).send({ reason: 'x' });
    expect(withdraw.status).toBe(409);
    await expect(t.db.query(`UPDATE case_consults SET answer = 'x' WHERE id = $1`, [toDinkes.id])).rejects.toThrow(/immutable/);

    const events = (await t.http.get(`/api/cases/${c.id}/events`).set(kasiDukcapil).expect(200)).body as {
      type: string;
      actorName: string;
      comment: string | null;
      public: boolean;
      payload: Record<string, unknown>;
    }[];
    const consultEvents = events.filter((e) => e.type.startsWith('CONSULT_'));
    expect(consultEvents.map((e) => e.type)).toEqual(['CONSULT_REQUESTED', 'CONSULT_REQUESTED', 'CONSULT_ANSWERED']);
    const answerEvent = consultEvents[2];
    expect(answerEvent).toMatchObject({
      actorName: 'Lilik Suryani',
      public: false,
      comment: 'Surat keterangan lahir sah: RSIA terdaftar dan bidan memiliki STR aktif.',
      payload: expect.objectContaining({ consultId: toDinkes.id, consultedOpdId: dinkes, opdName: expect.stringContaining('Kesehatan') }),
    });
    // The chain still verifies.
    expect((await t.http.get(`/api/cases/${c.id}/audit`).set(kasiDukcapil).expect(200)).body).toMatchObject({ valid: true });

    await waitFor(
      async () => (await t.http.get('/api/notifications/summary').set(kasiDukcapil)).body.unread > before,
      10_000,
      'consult answered notice',
    );
    const inbox = (await t.http.get('/api/notifications?unread=true').set(kasiDukcapil).expect(200)).body as {
      kind: string;
      caseId: string;
    }[];
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'consult_answered', caseId: c.id })]));
    // The consulted OPD's kasi was told of the request.
    const dinkesInbox = (
      await t.http
        .get('/api/notifications')
        .set(await as(t, 'kasi.dinkes'))
        .expect(200)
    ).body as { kind: string }[];
    expect(dinkesInbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'consult_requested' })]));
  });

  it('ends the consulted OPD’s case access with the answer, keeps the answered record readable', async () => {
    const kasi = await as(t, 'kasi.dinkes');
    await t.http.get(`/api/cases/${c.id}`).set(kasi).expect(404);
    await t.http.get(`/api/consults/${toDinkes.id}/documents/${toDinkes.sharedDocumentIds[0]}`).set(kasi).expect(404);
    const k = (await t.http.get(`/api/consults/${toDinkes.id}`).set(kasi).expect(200)).body as Consult;
    expect(k).toMatchObject({ status: 'answered', answer: expect.stringContaining('sah') });
    expect((await queue('kasi.dinkes', { side: 'incoming', status: 'answered' })).map((r) => r.id)).toEqual([toDinkes.id]);
  });

  it("flags an overdue consult in both OPDs' queues, on the case list and in the report", async () => {
    clock.set(new Date(Date.parse(toPmptsp.dueAt) + 60_000));
    try {
      expect((await queue('kasi.pmptsp', { side: 'incoming', status: 'overdue' })).map((k) => k.id)).toEqual([toPmptsp.id]);
      expect((await queue('kasi.dukcapil', { side: 'outgoing', status: 'overdue' })).map((k) => k.id)).toEqual([toPmptsp.id]);
      expect((await queue('kasi.dukcapil', { side: 'outgoing', status: 'overdue' }))[0].overdue).toBe(true);
      const list = await t.http
        .get('/api/cases')
        .query({ filter: JSON.stringify({ queue: 'all', id: [c.id] }) })
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200);
      expect(list.body[0]).toMatchObject({ id: c.id, consultOverdue: true, consultDueAt: toPmptsp.dueAt });

      const report = (
        await t.http
          .get('/api/consults/report')
          .set(await as(t, 'pimpinan'))
          .expect(200)
      ).body as Record<string, unknown>[];
      expect(report).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ opdId: dinkes, incomingOpen: 0, incomingAnswered: 1, incomingAnsweredOnTime: 1 }),
          expect.objectContaining({ opdId: pmptsp, incomingOpen: 1, incomingOverdue: 1 }),
          expect.objectContaining({ opdId: dukcapil, outgoingOpen: 1, outgoingOverdue: 1 }),
        ]),
      );
      // A head sees only the report of their own OPD.
      const own = (
        await t.http
          .get('/api/consults/report')
          .set(await as(t, 'kadis.pmptsp'))
          .expect(200)
      ).body as { opdId: string }[];
      expect(own.map((r) => r.opdId)).toEqual([pmptsp]);
      await t.http
        .get('/api/consults/report')
        .set(await as(t, 'petugas.pmptsp'))
        .expect(403);
      const badDate = await t.http
        .get('/api/consults/report')
        .query({ from: 'kemarin' })
        .set(await as(t, 'pimpinan'));
      expect(badDate.status).toBe(400);
    } finally {
      clock.set(new Date());
    }
  });

  it('lets the lead withdraw an open consult; the consulted OPD loses access, the case flag clears', async () => {
    const bad = await t.http
      .post(`/api/consults/${toPmptsp.id}/withdraw`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({});
    expect(bad.status).toBe(400);
    await t.http
      .post(`/api/consults/${toPmptsp.id}/withdraw`)
      .set(await as(t, 'verifikator.pmptsp'))
      .send({ reason: 'x' })
      .expect(403);
    const res = await t.http
      .post(`/api/consults/${toPmptsp.id}/withdraw`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({ reason: 'Data NIB sudah diperoleh dari OSS' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', withdrawReason: 'Data NIB sudah diperoleh dari OSS', canWithdraw: false });
    await t.http
      .get(`/api/cases/${c.id}`)
      .set(await as(t, 'kasi.pmptsp'))
      .expect(404);
    const detail = (
      await t.http
        .get(`/api/cases/${c.id}`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body;
    expect(detail).toMatchObject({ consultDueAt: null, consultOverdue: false });
    const [row] = await t.db.query<{ consult_opd_ids: string[] }[]>(`SELECT consult_opd_ids FROM cases WHERE id = $1`, [c.id]);
    expect(row.consult_opd_ids).toEqual([]);
  });

  it('hands a transferred case’s open consults to its new lead OPD: it sees and withdraws them, the asking OPD keeps its record read-only', async () => {
    const created = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
    const asked = await ask('kasi.dukcapil', created.id, { consultedOpdId: dinkes, question: 'Apakah surat lahir ini sah?' });
    expect(asked.status).toBe(201);
    const consult = asked.body as Consult;
    const current = (
      await t.http
        .get(`/api/cases/${created.id}`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as { version: number };
    await t.http
      .post(`/api/cases/${created.id}/events`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({ type: 'TRANSFER', version: current.version, opdId: kemenag, note: 'Urusan Kemenag' })
      .expect(200);
    const ofCase = (
      await t.http
        .get(`/api/cases/${created.id}/consults`)
        .set(await as(t, 'kasi.kemenag'))
        .expect(200)
    ).body as Consult[];
    expect(ofCase.map((k) => [k.id, k.canWithdraw])).toEqual([[consult.id, true]]);
    await t.http
      .get(`/api/consults/${consult.id}`)
      .set(await as(t, 'kasi.kemenag'))
      .expect(200);
    // The OPD that asked no longer leads the case: its record stays readable, the withdrawal is not its call.
    const mine = (
      await t.http
        .get(`/api/consults/${consult.id}`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body as Consult;
    expect(mine.canWithdraw).toBe(false);
    await t.http
      .post(`/api/consults/${consult.id}/withdraw`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({ reason: 'x' })
      .expect(403);
    const withdrawn = await t.http
      .post(`/api/consults/${consult.id}/withdraw`)
      .set(await as(t, 'kasi.kemenag'))
      .send({ reason: 'Kemenag tidak memerlukan pertimbangan Dinkes' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    // A fourth OPD still sees nothing of it.
    await t.http
      .get(`/api/consults/${consult.id}`)
      .set(await as(t, 'kasi.pmptsp'))
      .expect(404);
  });
});
