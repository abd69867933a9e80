import { wibDate } from '@layanan/sla';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { CaseRepository } from '../../api/src/cases/case.repository';
import { Clock } from '../../api/src/common/clock';
import { consultEscalationAt, consultReminderAt } from '../../api/src/consults/consult-follow-up';
import { ConsultFollowUpService } from '../../api/src/consults/consult-follow-up.service';
import { WorkingCalendarService } from '../../api/src/holidays/working-calendar.service';
import { FakeClock } from '../support/fake-clock';
import { waitFor } from '../support/fake-servers';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, PASSWORD } from '../support/session';

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
  remindedAt: string | null;
  escalatedAt: string | null;
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

  describe('reminders and escalation (the consult follow-up job)', () => {
    const followUp = () => t.app.get(ConsultFollowUpService).run();
    const calendar = () => t.app.get(WorkingCalendarService).get();
    /** The follow-up outbox rows of one consult, oldest first. */
    const notices = async (consultId: string) =>
      t.db.query<{ topic: string; payload: { notifyUserIds: string[]; requestedById?: string; opdId: string } }[]>(
        `SELECT topic, payload FROM outbox WHERE topic IN ('case.consult_reminded', 'case.consult_escalated')
            AND payload->>'consultId' = $1 ORDER BY id`,
        [consultId],
      );
    const timeline = async (caseId: string) =>
      (
        await t.http
          .get(`/api/cases/${caseId}/events`)
          .set(await as(t, 'kasi.dukcapil'))
          .expect(200)
      ).body as { type: string; public: boolean; actorName: string; payload: Record<string, unknown> }[];
    const kinds = async (user: string, consultId: string) =>
      (
        (
          await t.http
            .get('/api/notifications')
            .set(await as(t, user))
            .expect(200)
        ).body as { kind: string; data: { consultId?: string } }[]
      )
        .filter((n) => n.data.consultId === consultId)
        .map((n) => n.kind);
    const at = async (instant: Date, run: () => Promise<unknown> = followUp) => {
      clock.set(instant);
      try {
        return await run();
      } finally {
        clock.set(new Date());
      }
    };
    const user = (name: string) => idOf(t, 'users', 'username', name);

    let k: Consult;
    let caseId: string;

    it('reminds the addressed role and the kasi of the consulted OPD from 08:00 WIB on the deadline day, once even when the job runs twice at once', async () => {
      caseId = (await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA)).id;
      const res = await ask('kasi.dukcapil', caseId, {
        consultedOpdId: pmptsp,
        consultedRole: 'verifier',
        question: 'Apakah pemohon terdaftar sebagai pelaku usaha?',
        workingDays: 1,
      });
      expect(res.status).toBe(201);
      k = res.body as Consult;
      const cal = await calendar();
      const due = new Date(k.dueAt);
      const morning = consultReminderAt(due, cal);
      // 08:00 WIB of the deadline's own day.
      expect(wibDate(morning)).toBe(wibDate(due));
      expect(morning.toISOString()).toBe(`${wibDate(due)}T01:00:00.000Z`);

      await at(new Date(morning.getTime() - 60_000));
      expect(await notices(k.id)).toEqual([]);

      await at(morning, () => Promise.all([followUp(), followUp()]));
      await at(new Date(morning.getTime() + 3600_000));
      const sent = await notices(k.id);
      expect(sent.map((n) => n.topic)).toEqual(['case.consult_reminded']);
      expect([...sent[0].payload.notifyUserIds].sort()).toEqual([await user('verifikator.pmptsp'), await user('kasi.pmptsp')].sort());
      const entries = (await timeline(caseId)).filter((e) => e.type === 'CONSULT_REMINDED');
      expect(entries).toEqual([
        expect.objectContaining({
          public: false,
          actorName: 'Sistem',
          payload: expect.objectContaining({ consultId: k.id, dueAt: k.dueAt }),
        }),
      ]);
      expect(
        (
          await t.http
            .get(`/api/cases/${caseId}/audit`)
            .set(await as(t, 'kasi.dukcapil'))
            .expect(200)
        ).body,
      ).toMatchObject({ valid: true });
      const view = (
        await t.http
          .get(`/api/consults/${k.id}`)
          .set(await as(t, 'kasi.pmptsp'))
          .expect(200)
      ).body as Consult;
      expect(view).toMatchObject({ remindedAt: morning.toISOString(), escalatedAt: null });
      await waitFor(async () => (await kinds('verifikator.pmptsp', k.id)).includes('consult_reminder'), 10_000, 'reminder in the bell');
      expect(await kinds('petugas.pmptsp', k.id)).toEqual([]);
    });

    it('escalates one working day past the deadline to the head of the consulted OPD and tells the requester, once', async () => {
      const cal = await calendar();
      const due = new Date(k.dueAt);
      const escalation = consultEscalationAt(due, cal);
      expect(escalation.getTime() - due.getTime()).toBeGreaterThanOrEqual(86_400_000);
      // Overdue, but not yet by a working day: nothing.
      await at(new Date(due.getTime() + 60_000));
      await at(new Date(escalation.getTime() - 60_000));
      expect((await notices(k.id)).map((n) => n.topic)).toEqual(['case.consult_reminded']);

      await at(escalation, () => Promise.all([followUp(), followUp()]));
      await at(new Date(escalation.getTime() + 86_400_000));
      const sent = await notices(k.id);
      expect(sent.map((n) => n.topic)).toEqual(['case.consult_reminded', 'case.consult_escalated']);
      expect(sent[1].payload).toMatchObject({
        notifyUserIds: [await user('kadis.pmptsp')],
        requestedById: await user('kasi.dukcapil'),
        opdId: dukcapil,
      });
      expect((await timeline(caseId)).filter((e) => e.type === 'CONSULT_ESCALATED')).toHaveLength(1);
      const view = (
        await t.http
          .get(`/api/consults/${k.id}`)
          .set(await as(t, 'kasi.dukcapil'))
          .expect(200)
      ).body as Consult;
      expect(view.escalatedAt).toBe(escalation.toISOString());
      await waitFor(async () => (await kinds('kadis.pmptsp', k.id)).includes('consult_escalated'), 10_000, 'escalation in the bell');
      await waitFor(async () => (await kinds('kasi.dukcapil', k.id)).includes('consult_overdue'), 10_000, 'requester told');
    });

    it('escalates to the Plh. in force as well as the head; with the head on leave, to the Plh. only', async () => {
      const title = 'Kepala Kantor Kementerian Agama Kota Malang';
      const delegate = (
        await t.http
          .post('/api/users')
          .set(await as(t, 'admin'))
          .send({ username: 'kasubbag.kemenag', fullName: 'Nur Khasanah', password: PASSWORD, roles: ['supervisor'], opdId: kemenag })
          .expect(201)
      ).body.id as string;
      const first = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
      const second = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
      const a = (
        await ask('kasi.dukcapil', first.id, { consultedOpdId: kemenag, question: 'Apakah akta nikah orang tua tercatat?', workingDays: 1 })
      ).body as Consult;
      const b = (
        await ask('kasi.dukcapil', second.id, {
          consultedOpdId: kemenag,
          question: 'Apakah akta nikah orang tua tercatat?',
          workingDays: 2,
        })
      ).body as Consult;
      const cal = await calendar();
      const escalateA = consultEscalationAt(new Date(a.dueAt), cal);
      const escalateB = consultEscalationAt(new Date(b.dueAt), cal);
      // The Plh. holds the post over both escalation days; the head is away on the second.
      await t.http
        .post('/api/appointments')
        .set(await as(t, 'kadis.kemenag'))
        .send({
          userId: delegate,
          opdId: kemenag,
          role: 'head',
          kind: 'plh',
          validFrom: wibDate(escalateA),
          validUntil: wibDate(escalateB),
        })
        .expect(201);
      await t.http
        .post('/api/leaves')
        .set(await as(t, 'kadis.kemenag'))
        .send({ kind: 'dinas_luar', validFrom: wibDate(escalateB), validUntil: wibDate(escalateB) })
        .expect(201);
      const kadis = await user('kadis.kemenag');

      await at(escalateA);
      expect([...(await notices(a.id))[0].payload.notifyUserIds].sort()).toEqual([kadis, delegate].sort());
      expect(await notices(b.id)).toEqual([]);
      await at(escalateB);
      const toPlh = await notices(b.id);
      expect(toPlh.map((n) => [n.topic, n.payload.notifyUserIds])).toEqual([['case.consult_escalated', [delegate]]]);
      const entry = (await timeline(second.id)).find((e) => e.type === 'CONSULT_ESCALATED');
      expect(entry?.payload).toMatchObject({ acting: [{ userId: delegate, capacity: `Plh. ${title}` }] });
      await waitFor(async () => (await kinds('kasubbag.kemenag', b.id)).includes('consult_escalated'), 10_000, 'Plh. told');
    });

    it('sends nothing for an answered consult', async () => {
      const created = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
      const asked = (
        await ask('kasi.dukcapil', created.id, { consultedOpdId: dinkes, question: 'Apakah RSIA ini terdaftar?', workingDays: 1 })
      ).body as Consult;
      await t.http
        .post(`/api/consults/${asked.id}/answer`)
        .set(await as(t, 'kasi.dinkes'))
        .send({ answer: 'Terdaftar.' })
        .expect(200);
      const cal = await calendar();
      const due = new Date(asked.dueAt);
      await at(consultReminderAt(due, cal));
      await at(consultEscalationAt(due, cal));
      expect(await notices(asked.id)).toEqual([]);
      expect(
        (await timeline(created.id)).map((e) => e.type).filter((type) => type === 'CONSULT_REMINDED' || type === 'CONSULT_ESCALATED'),
      ).toEqual([]);
    });

    it('takes one of two answers sent at once; the other is 409 CONSULT_NOT_OPEN and the log has one answer', async () => {
      const created = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', AKTA);
      const asked = (await ask('kasi.dukcapil', created.id, { consultedOpdId: dinkes, question: 'Apakah bidan ini ber-STR?' }))
        .body as Consult;
      const send = async (user: string) =>
        t.http
          .post(`/api/consults/${asked.id}/answer`)
          .set(await as(t, user))
          .send({ answer: `Jawaban ${user}` });
      const [kasi, kadis] = await Promise.all([send('kasi.dinkes'), send('kadis.dinkes')]);
      expect([kasi.status, kadis.status].sort()).toEqual([200, 409]);
      expect([kasi, kadis].find((r) => r.status === 409)?.body.code).toBe('CONSULT_NOT_OPEN');
      expect((await timeline(created.id)).filter((e) => e.type === 'CONSULT_ANSWERED')).toHaveLength(1);
    });

    it("reads the lead's cases of a queue page in one statement (CaseRepository.authzOfMany)", async () => {
      const repo = t.app.get(CaseRepository);
      const one = jest.spyOn(repo, 'authzOf');
      const many = jest.spyOn(repo, 'authzOfMany');
      try {
        const ids = [c.id, caseId];
        const rows = await queue('kasi.dukcapil', { caseId: ids });
        expect(rows.length).toBeGreaterThan(0);
        expect(one).not.toHaveBeenCalled();
        expect(many).toHaveBeenCalledTimes(2);
        expect(many.mock.calls[0][0]).toEqual(ids);
      } finally {
        one.mockRestore();
        many.mockRestore();
      }
    });
  });
});
