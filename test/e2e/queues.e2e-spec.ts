import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf } from '../support/session';

const STAFF = [
  'petugas.dukcapil',
  'verifikator.dukcapil',
  'kasi.dukcapil',
  'kadis.dukcapil',
  'verifikator.kemenag',
  'kasi.kemenag',
  'kadis.pmptsp',
  'admin',
  'pimpinan',
];

describe('case lists, queues and permissions in SQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(120) });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (user: string, filter: Record<string, unknown> = {}, status = 200) => {
    const res = await t.http
      .get('/api/cases')
      .set(await as(t, user))
      .query({ filter: JSON.stringify(filter), range: '[0,199]' });
    expect(res.status).toBe(status);
    return res;
  };

  it.each(STAFF)('lists for %s exactly the cases a plain SQL query of their rules returns', async (user) => {
    const [u] = (await t.db.query(`SELECT opd_id, roles FROM users WHERE username = $1`, [user])) as {
      opd_id: string | null;
      roles: string[];
    }[];
    const expected = u.opd_id
      ? ((await t.db.query(`SELECT id FROM cases WHERE opd_id = $1 OR $1 = ANY(handled_opd_ids) ORDER BY id`, [u.opd_id])) as {
          id: string;
        }[])
      : ((await t.db.query(`SELECT id FROM cases ORDER BY id`)) as { id: string }[]);
    const res = await list(user);
    expect(res.body.map((c: { id: string }) => c.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(res.headers['content-range']).toBe(`cases 0-${Math.max(0, expected.length - 1)}/${expected.length}`);
  });

  it('shows each queue: mine, unassigned for my roles, overdue and due-soon of my OPD', async () => {
    const me = await idOf(t, 'users', 'username', 'verifikator.dukcapil');
    const opd = await idOf(t, 'opds', 'code', 'dukcapil');
    const mine = (await list('verifikator.dukcapil', { queue: 'mine' })).body;
    const [{ n: mineN }] = (await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE assignee_id = $1 AND is_open`, [me])) as {
      n: number;
    }[];
    expect(mine).toHaveLength(mineN);
    const unassigned = (await list('verifikator.dukcapil', { queue: 'unassigned' })).body;
    const [{ n: unN }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM cases WHERE opd_id = $1 AND assignee_id IS NULL AND is_open AND 'verifier' = ANY(next_roles)`,
      [opd],
    )) as { n: number }[];
    expect(unN).toBeGreaterThan(0);
    expect(unassigned).toHaveLength(unN);
    expect(unassigned.every((c: { state: string; assigneeId: string | null }) => c.assigneeId === null && c.state === 'submitted')).toBe(
      true,
    );
    const dues = unassigned.map((c: { dueAt: string }) => Date.parse(c.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const overdue = (await list('kasi.dukcapil', { queue: 'overdue' })).body;
    const [{ n: odN }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM cases WHERE opd_id = $1 AND is_open AND paused_at IS NULL AND completed_at IS NULL AND due_at < now()`,
      [opd],
    )) as { n: number }[];
    expect(overdue).toHaveLength(odN);
    expect(overdue.every((c: { slaStatus: string }) => c.slaStatus === 'overdue')).toBe(true);
    const counts = (
      await t.http
        .get('/api/cases/queue-counts')
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(counts.defaultQueue).toBe('mine');
    expect(counts.queues).toEqual(
      expect.arrayContaining([
        { queue: 'mine', count: mineN, capped: false },
        { queue: 'unassigned', count: unN, capped: false },
      ]),
    );
  });

  it("names each case's service as its pinned service version does, in the list and the detail", async () => {
    const rows = (await list('kadis.dukcapil')).body as { id: string; serviceName: string }[];
    const names = (await t.db.query(
      `SELECT c.id, v.name FROM cases c JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version WHERE c.id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    )) as { id: string; name: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.serviceName]))).toEqual(Object.fromEntries(names.map((n) => [n.id, n.name])));
    const detail = await t.http
      .get(`/api/cases/${rows[0].id}`)
      .set(await as(t, 'kadis.dukcapil'))
      .expect(200);
    expect(detail.body.serviceName).toBe(names.find((n) => n.id === rows[0].id)?.name);
  });

  it('pages by keyset cursor without gaps or repeats', async () => {
    const headers = await as(t, 'pimpinan');
    const all = (await t.http.get('/api/cases').set(headers).query({ sort: '["dueAt","ASC"]', range: '[0,199]' }).expect(200)).body.map(
      (c: { id: string }) => c.id,
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await t.http
        .get('/api/cases')
        .set(headers)
        .query({ sort: '["dueAt","ASC"]', range: '[0,24]', ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.map((c: { id: string }) => c.id));
      cursor = res.headers['x-next-cursor'];
      if (!cursor) break;
    }
    expect(seen).toEqual(all);
    await t.http.get('/api/cases').set(headers).query({ cursor: 'garbage' }).expect(400);
  });

  it('finds a case by tracking code, exact NIK or part of the name', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const byCode = (await list('verifikator.dukcapil', { q: c.trackingCode })).body;
    expect(byCode.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const byNik = (await list('verifikator.dukcapil', { q: '3573054107900001' })).body;
    expect(byNik.map((x: { id: string }) => x.id)).toContain(c.id);
    const byName = (await list('verifikator.dukcapil', { q: 'wulandari' })).body;
    expect(byName.map((x: { id: string }) => x.id)).toContain(c.id);
    const bad = await list('verifikator.dukcapil', { queue: 'nope' }, 400);
    expect(bad.body.details[0].field).toBe('filter.queue');
  });

  it('lets one of two simultaneous claims win', async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const [a, b] = await Promise.all([
      t.http
        .post(`/api/cases/${c.id}/events`)
        .set(await as(t, 'verifikator.dukcapil'))
        .send({ type: 'CLAIM', version: c.version }),
      t.http
        .post(`/api/cases/${c.id}/events`)
        .set(await as(t, 'verifikator2.dukcapil'))
        .send({ type: 'CLAIM', version: c.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('assigns with a reason, in bulk with per-case results, and transfers to another OPD', async () => {
    const c1 = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const c2 = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const yusuf = await idOf(t, 'users', 'username', 'verifikator2.dukcapil');
    const kasi = await as(t, 'kasi.dukcapil');
    const noReason = await t.http
      .post(`/api/cases/${c1.id}/events`)
      .set(kasi)
      .send({ type: 'ASSIGN', version: c1.version, assigneeId: yusuf });
    expect(noReason.status).toBe(422);
    const head = await idOf(t, 'users', 'username', 'kadis.dukcapil');
    const foreign = await idOf(t, 'users', 'username', 'verifikator.kemenag');
    const bulk = await t.http
      .post('/api/cases/bulk-assign')
      .set(kasi)
      .send({ caseIds: [c1.id, c2.id], assigneeId: yusuf, reason: 'Ibu Rina cuti' })
      .expect(200);
    expect(bulk.body.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    const wrongRole = await t.http
      .post('/api/cases/bulk-assign')
      .set(kasi)
      .send({ caseIds: [c1.id], assigneeId: head, reason: 'x' })
      .expect(200);
    expect(wrongRole.body[0]).toMatchObject({ ok: false, statusCode: 422 });
    const wrongOpd = await t.http
      .post('/api/cases/bulk-assign')
      .set(kasi)
      .send({ caseIds: [c2.id], assigneeId: foreign, reason: 'x' })
      .expect(200);
    expect(wrongOpd.body[0]).toMatchObject({ ok: false, statusCode: 422 });
    await t.http
      .post('/api/cases/bulk-assign')
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ caseIds: [c1.id], assigneeId: yusuf, reason: 'x' })
      .expect(403);

    const kemenag = await idOf(t, 'opds', 'code', 'kemenag');
    const current = (await t.http.get(`/api/cases/${c1.id}`).set(kasi).expect(200)).body;
    const moved = await t.http
      .post(`/api/cases/${c1.id}/events`)
      .set(kasi)
      .send({ type: 'TRANSFER', version: current.version, opdId: kemenag, note: 'Urusan Kemenag' })
      .expect(200);
    expect(moved.body).toMatchObject({ opdId: kemenag, assigneeId: null });
    const kemenagQueue = (await list('verifikator.kemenag', { queue: 'unassigned' })).body.map((c: { id: string }) => c.id);
    expect(kemenagQueue).toContain(c1.id);
    const dukcapilQueue = (await list('verifikator.dukcapil', { queue: 'unassigned' })).body.map((c: { id: string }) => c.id);
    expect(dukcapilQueue).not.toContain(c1.id);
    // The old OPD keeps read access but can no longer act.
    const old = (await t.http.get(`/api/cases/${c1.id}`).set(kasi).expect(200)).body;
    expect(old.availableActions).toEqual([]);
    const log = (
      await t.http
        .get(`/api/cases/${c1.id}/events`)
        .set(await as(t, 'kasi.kemenag'))
        .expect(200)
    ).body;
    expect(log.map((e: { type: string }) => e.type)).toEqual(['SUBMIT', 'ASSIGN', 'TRANSFER']);
    expect(log[1].reason).toBe('Ibu Rina cuti');
  });
});
