import { Clock } from '../../api/src/common/clock';
import { FakeClock, nextDay, wib, wibDayFromToday } from '../support/fake-clock';
import { binary, pdftext } from '../support/pdf-tools';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, PASSWORD, validDocuments } from '../support/session';

const IJAZAH = { namaMadrasah: 'MI Al-Ikhlas Malang', tahunLulus: 2004 };
const TITLE = 'Kepala Kantor Kementerian Agama Kota Malang';

describe('acting officials (Plh./Plt.)', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let kemenag: string;
  let delegateId: string;
  /** The appointment's days: ten days from now, for five days (the session query keeps appointments not yet ended by real time). */
  const from = wibDayFromToday(10);
  const until = nextDay(from, 4);
  const start = wib(`${from}T00:00:00.000`);
  const end = wib(`${nextDay(until)}T00:00:00.000`);

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), override: (b) => b.overrideProvider(Clock).useValue(clock) });
    kemenag = await idOf(t, 'opds', 'code', 'kemenag');
    const admin = await as(t, 'admin');
    // The Kasubbag TU, who stands in for the head: a section head with a signatory profile of their own.
    const user = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'kasubbag.kemenag', fullName: 'Nur Khasanah', password: PASSWORD, roles: ['supervisor'], opdId: kemenag })
      .expect(201);
    delegateId = user.body.id;
    await t.http
      .post('/api/signatories')
      .set(admin)
      .send({ userId: delegateId, nip: '198003122006042011', position: 'Kepala Subbagian Tata Usaha', rank: 'Penata Tingkat I (III/d)' })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);

  async function approved() {
    const c = await counterCase(t, 'petugas.kemenag', 'pengganti-ijazah', IJAZAH);
    await validDocuments(t, c.id);
    const verified = await event('verifikator.kemenag', c.id, { type: 'VERIFY', version: c.version });
    const ok = await event('kasi.kemenag', c.id, { type: 'APPROVE', version: verified.body.version });
    expect(ok.body).toMatchObject({ state: 'approved' });
    return ok.body as { id: string; version: number };
  }

  const actions = async (user: string, id: string): Promise<string[]> => {
    const res = await t.http
      .get(`/api/cases/${id}`)
      .set(await as(t, user))
      .expect(200);
    return (res.body.availableActions as { type: string }[]).map((a) => a.type);
  };

  let appointmentId: string;

  it('lets the head appoint a Plh. for whole WIB days: 00:00 WIB of the first day to 24:00 WIB of the last', async () => {
    const res = await t.http
      .post('/api/appointments')
      .set(await as(t, 'kadis.kemenag'))
      .send({
        userId: delegateId,
        opdId: kemenag,
        role: 'head',
        kind: 'plh',
        legalBasis: 'B-77/Kk.13.23/KP.07.6/2026',
        validFrom: from,
        validUntil: until,
      })
      .expect(201);
    appointmentId = res.body.id;
    expect(res.body).toMatchObject({
      positionTitle: TITLE,
      capacity: `Plh. ${TITLE}`,
      userName: 'Nur Khasanah',
      validFrom: from,
      validUntil: until,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      status: 'upcoming',
      createdByName: 'Abdul Haris',
    });
    const log = await t.http
      .get(`/api/appointments/${appointmentId}/log`)
      .set(await as(t, 'admin'))
      .expect(200);
    expect(log.body).toEqual([expect.objectContaining({ action: 'created', actorName: 'Abdul Haris' })]);
  });

  it('refuses an overlapping appointment of the same position with 422 naming validFrom and the holder; adjacent days are fine', async () => {
    const admin = await as(t, 'admin');
    const kasi = await idOf(t, 'users', 'username', 'kasi.kemenag');
    const overlap = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({ userId: kasi, opdId: kemenag, role: 'head', kind: 'plh', validFrom: until, validUntil: nextDay(until, 2) });
    expect(overlap.status).toBe(422);
    expect(overlap.body).toMatchObject({ code: 'APPOINTMENT_OVERLAP', details: [{ field: 'validFrom' }] });
    expect(overlap.body.details[0].message).toContain('Nur Khasanah');
    const adjacent = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({ userId: kasi, opdId: kemenag, role: 'head', kind: 'plh', validFrom: nextDay(until), validUntil: nextDay(until, 2) })
      .expect(201);
    // Revoked: the position is free again for those days, and the revocation is logged.
    await t.http.post(`/api/appointments/${adjacent.body.id}/revoke`).set(admin).send({ reason: 'Dibatalkan' }).expect(201);
    const log = await t.http.get(`/api/appointments/${adjacent.body.id}/log`).set(admin).expect(200);
    expect(log.body.map((e: { action: string }) => e.action)).toEqual(['created', 'revoked']);
    const [{ n }] = await t.db.query<
      {
        n: number;
      }[]
    >(`SELECT count(*)::int AS n FROM acting_appointments WHERE opd_id = $1 AND revoked_at IS NULL`, [kemenag]);
    expect(n).toBe(1);
  });

  it('refuses bad input with 4xx naming the field, and appointments by anyone but admin or the OPD head', async () => {
    const admin = await as(t, 'admin');
    const base = { userId: delegateId, opdId: kemenag, role: 'head', kind: 'plh', validFrom: from, validUntil: until };
    const backwards = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({ ...base, validFrom: nextDay(until, 30), validUntil: nextDay(until, 29) });
    expect(backwards.body).toMatchObject({ code: 'FIELD_INVALID', details: [{ field: 'validUntil' }] });
    const badDate = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({ ...base, validFrom: '2026-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'validFrom' })]));
    const longPlt = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({ ...base, kind: 'plt', validFrom: nextDay(until, 40), validUntil: nextDay(until, 140) });
    expect(longPlt.body).toMatchObject({ code: 'RULE_VIOLATED', details: [{ field: 'validUntil' }] });
    const noTitle = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({
        ...base,
        userId: await idOf(t, 'users', 'username', 'verifikator.kemenag'),
        role: 'supervisor',
        validFrom: nextDay(until, 40),
        validUntil: nextDay(until, 41),
      });
    expect(noTitle.body).toMatchObject({ code: 'FIELD_REQUIRED', details: [{ field: 'positionTitle' }] });
    const own = await t.http
      .post('/api/appointments')
      .set(admin)
      .send({
        ...base,
        userId: await idOf(t, 'users', 'username', 'kadis.kemenag'),
        validFrom: nextDay(until, 40),
        validUntil: nextDay(until, 41),
      });
    expect(own.body).toMatchObject({ code: 'RULE_VIOLATED', details: [{ field: 'userId' }] });
    const otherHead = await t.http
      .post('/api/appointments')
      .set(await as(t, 'kadis.dukcapil'))
      .send({ ...base, validFrom: nextDay(until, 40), validUntil: nextDay(until, 41) });
    expect(otherHead.status).toBe(403);
    const officer = await t.http
      .post('/api/appointments')
      .set(await as(t, 'petugas.kemenag'))
      .send(base);
    expect(officer.status).toBe(403);
  });

  it("grants the head's powers from the first instant to the last, and nothing before or after (WIB)", async () => {
    const c = await approved();
    const second = await approved();
    clock.set(new Date(start.getTime() - 1));
    expect(await actions('kasubbag.kemenag', c.id)).not.toContain('SIGN');
    // The console asks again at the instant the powers change: first the start, then the end.
    const before = await t.http
      .get('/api/auth/me')
      .set(await as(t, 'kasubbag.kemenag'))
      .expect(200);
    expect(before.body).toMatchObject({ actingChangesAt: start.toISOString() });
    expect(before.body.acting).toBeUndefined();
    const early = await event('kasubbag.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSWORD });
    expect(early.status).toBe(403);

    clock.set(start);
    expect(await actions('kasubbag.kemenag', c.id)).toContain('SIGN');
    const me = await t.http
      .get('/api/auth/me')
      .set(await as(t, 'kasubbag.kemenag'))
      .expect(200);
    expect(me.body.acting).toEqual([
      expect.objectContaining({ appointmentId, opdId: kemenag, role: 'head', kind: 'plh', positionTitle: TITLE }),
    ]);
    expect(me.body.actingChangesAt).toBe(end.toISOString());
    const listed = await t.http
      .get('/api/appointments')
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(listed.body.find((a: { id: string }) => a.id === appointmentId).status).toBe('active');

    // During: the Plh. signs; the log records the capacity, the letter's signer block reads "Plh. KEPALA KANTOR ...".
    clock.set(wib(`${nextDay(from, 2)}T10:00:00`));
    const signed = await event('kasubbag.kemenag', c.id, { type: 'SIGN', version: c.version, passphrase: PASSWORD });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('signed');
    const log = await t.http
      .get(`/api/cases/${c.id}/events`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    const sign = (log.body as { type: string; actorName: string; actorRole: string; payload: Record<string, unknown> }[]).find(
      (e) => e.type === 'SIGN',
    );
    expect(sign).toMatchObject({
      actorName: 'Nur Khasanah',
      actorRole: 'head',
      payload: expect.objectContaining({ actingAs: `Plh. ${TITLE}` }),
    });
    const audit = await t.http
      .get(`/api/cases/${c.id}/audit`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(audit.body.valid).toBe(true);
    const info = await t.http
      .get(`/api/cases/${c.id}/issuance`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect(info.body.documents[0]).toMatchObject({ signerName: 'Nur Khasanah', signatureMode: 'personal' });
    const pdf = await t.http
      .get(`/api/issued-documents/${info.body.documents[0].id}/content`)
      .set(await as(t, 'kadis.kemenag'))
      .buffer(true)
      .parse(binary);
    const text = await pdftext(pdf.body as Buffer);
    // The signer block wraps the heading over lines: "Plh. KEPALA KANTOR\nKEMENTERIAN AGAMA KOTA\nMALANG,".
    expect(text.replace(/\s+/g, ' ')).toContain(`Plh. ${TITLE.toUpperCase()},`);
    expect(text).toContain('Nur Khasanah');
    expect(text).toContain('198003122006042011');

    clock.set(new Date(end.getTime() - 1));
    expect(await actions('kasubbag.kemenag', second.id)).toContain('SIGN');

    clock.set(end);
    expect(await actions('kasubbag.kemenag', second.id)).not.toContain('SIGN');
    const late = await event('kasubbag.kemenag', second.id, { type: 'SIGN', version: second.version, passphrase: PASSWORD });
    expect(late.status).toBe(403);
    const after = await t.http
      .get('/api/auth/me')
      .set(await as(t, 'kasubbag.kemenag'))
      .expect(200);
    expect(after.body.acting).toBeUndefined();
    expect(after.body.actingChangesAt).toBeNull();

    clock.set(wib(`${nextDay(until, 3)}T09:00:00`));
    expect(await actions('kasubbag.kemenag', second.id)).not.toContain('SIGN');
    const kadis = await event('kadis.kemenag', second.id, { type: 'SIGN', version: second.version, passphrase: PASSWORD });
    expect(kadis.status).toBe(200);
  });

  /** The waiting queue as the console asks for it: its count (queue-counts) and its rows. */
  const waiting = async (user: string) => {
    const auth = await as(t, user);
    const counts = await t.http.get('/api/cases/queue-counts').set(auth).expect(200);
    const rows = await t.http
      .get('/api/cases')
      .set(auth)
      .query({ filter: JSON.stringify({ queue: 'waiting' }), range: '[0,499]' })
      .expect(200);
    const count = (counts.body.queues as { queue: string; count: number }[]).find((q) => q.queue === 'waiting');
    return {
      queues: (counts.body.queues as { queue: string }[]).map((q) => q.queue),
      count: count?.count ?? null,
      ids: (rows.body as { id: string }[]).map((c) => c.id).sort(),
    };
  };
  /** The same queue by a plain query: open cases of these OPDs waiting on these roles, unassigned or mine. */
  const waitingSql = async (userId: string, scopes: [string, string[]][]) => {
    const rows = await t.db.query<{ id: string }[]>(
      `SELECT id FROM cases c WHERE c.is_open AND (c.assignee_id IS NULL OR c.assignee_id = $1)
          AND EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) s(opd uuid, roles text[]) WHERE c.opd_id = s.opd AND c.next_roles && s.roles)`,
      [userId, JSON.stringify(scopes.map(([opd, roles]) => ({ opd, roles })))],
    );
    return rows.map((r) => r.id).sort();
  };

  it("puts the head's 'waiting for approval' work in the delegate's queue and counts from the first WIB day to the last, not a day outside", async () => {
    const c = await approved();
    const dayBefore = wib(`${nextDay(from, -1)}T12:00:00`);
    const firstInstant = start;
    const lastDay = wib(`${until}T23:59:00`);
    const dayAfter = wib(`${nextDay(until)}T00:00:00`);
    const outside = await waitingSql(delegateId, [[kemenag, ['supervisor']]]);
    const inside = await waitingSql(delegateId, [[kemenag, ['supervisor', 'head']]]);
    expect(inside).toContain(c.id);
    expect(outside).not.toContain(c.id);
    for (const [at, expected] of [
      [dayBefore, outside],
      [firstInstant, inside],
      [lastDay, inside],
      [dayAfter, outside],
    ] as const) {
      clock.set(at);
      const q = await waiting('kasubbag.kemenag');
      expect({ at: at.toISOString(), ids: q.ids, count: q.count }).toEqual({ at: at.toISOString(), ids: expected, count: expected.length });
    }
  });

  it('does not let an acting head appoint, and a revoked appointment grants nothing at once', async () => {
    const again = { from: nextDay(until, 10), until: nextDay(until, 12) };
    const second = await t.http
      .post('/api/appointments')
      .set(await as(t, 'admin'))
      .send({ userId: delegateId, opdId: kemenag, role: 'head', kind: 'plt', validFrom: again.from, validUntil: again.until })
      .expect(201);
    expect(second.body.capacity).toBe(`Plt. ${TITLE}`);
    clock.set(wib(`${nextDay(again.from, 1)}T09:00:00`));
    const byPlt = await t.http
      .post('/api/appointments')
      .set(await as(t, 'kasubbag.kemenag'))
      .send({
        userId: await idOf(t, 'users', 'username', 'kasi.kemenag'),
        opdId: kemenag,
        role: 'head',
        kind: 'plh',
        validFrom: nextDay(until, 50),
        validUntil: nextDay(until, 51),
      });
    expect(byPlt.status).toBe(403);
    const c = await approved();
    expect(await actions('kasubbag.kemenag', c.id)).toContain('SIGN');
    await t.http
      .post(`/api/appointments/${second.body.id}/revoke`)
      .set(await as(t, 'kadis.kemenag'))
      .send({ reason: 'Kepala Kantor kembali bertugas' })
      .expect(201);
    expect(await actions('kasubbag.kemenag', c.id)).not.toContain('SIGN');
  });

  it("gives a Plt. from another OPD the position's queues (waiting, OPD, overdue) only during the appointment, and marks their actions", async () => {
    const pmptsp = await idOf(t, 'opds', 'code', 'pmptsp');
    const kadisPmptsp = await idOf(t, 'users', 'username', 'kadis.pmptsp');
    const w = { from: nextDay(until, 20), until: nextDay(until, 21) };
    await t.http
      .post('/api/appointments')
      .set(await as(t, 'admin'))
      .send({ userId: kadisPmptsp, opdId: kemenag, role: 'head', kind: 'plt', validFrom: w.from, validUntil: w.until })
      .expect(201);
    const c = await approved();
    const own = await waitingSql(kadisPmptsp, [[pmptsp, ['head']]]);
    const both = await waitingSql(kadisPmptsp, [
      [pmptsp, ['head']],
      [kemenag, ['head']],
    ]);
    expect(both).toContain(c.id);
    const opdList = async () =>
      (
        await t.http
          .get('/api/cases')
          .set(await as(t, 'kadis.pmptsp'))
          .query({ filter: JSON.stringify({ queue: 'opd', opdId: kemenag }), range: '[0,0]' })
          .expect(200)
      ).headers['content-range'];

    clock.set(wib(`${nextDay(w.from, -1)}T16:00:00`));
    expect(await waiting('kadis.pmptsp')).toMatchObject({ ids: own, count: own.length });
    expect(await opdList()).toMatch(/\/0$/);

    clock.set(wib(`${w.until}T08:00:00`));
    const during = await waiting('kadis.pmptsp');
    expect(during).toMatchObject({ ids: both, count: both.length });
    expect(during.queues[0]).toBe('waiting');
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases WHERE opd_id = $1`, [kemenag]);
    expect(await opdList()).toBe(`cases 0-0/${n}`);
    const signed = await event('kadis.pmptsp', c.id, { type: 'SIGN', version: c.version, passphrase: PASSWORD });
    expect(signed.status).toBe(200);
    const log = await t.http
      .get(`/api/cases/${c.id}/events`)
      .set(await as(t, 'kadis.kemenag'))
      .expect(200);
    expect((log.body as { type: string; payload: Record<string, unknown> }[]).find((e) => e.type === 'SIGN')?.payload.actingAs).toBe(
      `Plt. ${TITLE}`,
    );

    clock.set(wib(`${nextDay(w.until)}T07:30:00`));
    const after = await waiting('kadis.pmptsp');
    expect(after).toMatchObject({ ids: own, count: own.length });
    expect(await opdList()).toMatch(/\/0$/);
  });
});
