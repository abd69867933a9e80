import { Clock } from '../../api/src/common/clock';
import { EscalationService } from '../../api/src/jobs/escalation.service';
import { FakeClock, nextDay, wib, wibDayFromToday } from '../support/fake-clock';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, PASSWORD } from '../support/session';

const IJAZAH = { namaMadrasah: 'MI Al-Ikhlas Malang', tahunLulus: 2004 };
const NIB = { namaUsaha: 'Keripik Tempe Sanan', email: 'sanan@example.id' };

/** Leave (cuti) and workload: no new work while on leave, escalation passes by, suggestions, reassignment, round-robin. */
describe('leave and workload', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let dukcapil: string;
  let kemenag: string;

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), override: (b) => b.overrideProvider(Clock).useValue(clock) });
    dukcapil = await idOf(t, 'opds', 'code', 'dukcapil');
    kemenag = await idOf(t, 'opds', 'code', 'kemenag');
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => clock.set(new Date()));

  let serial = 0;
  /** A fresh staff user (so one test's leave and load do not reach another). */
  async function staff(roles: string[], opdId = dukcapil): Promise<{ id: string; username: string; fullName: string }> {
    serial += 1;
    const username = `${roles[0]}${serial}.lw`;
    const fullName = `Staf ${String.fromCharCode(64 + serial)} Uji`;
    const res = await t.http
      .post('/api/users')
      .set(await as(t, 'admin'))
      .send({ username, fullName, password: PASSWORD, roles, opdId })
      .expect(201);
    return { id: res.body.id as string, username, fullName };
  }

  /** POST /api/leaves as `by`; `status`: the status it must answer with. */
  async function leave(by: string, body: Record<string, unknown>, status?: number) {
    const res = await t.http
      .post('/api/leaves')
      .set(await as(t, by))
      .send(body);
    if (status !== undefined) expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res;
  }

  const assign = async (by: string, c: { id: string; version: number }, assigneeId: string) =>
    t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, by))
      .send({ type: 'ASSIGN', version: c.version, assigneeId, reason: 'pembagian kerja' });

  describe('marking leave', () => {
    it('lets a user mark their own leave, logs who recorded it, and refuses an overlapping one with LEAVE_OVERLAP', async () => {
      const v = await staff(['verifier']);
      const from = wibDayFromToday(20);
      const own = await leave(v.username, { kind: 'cuti', validFrom: from, validUntil: nextDay(from, 4), note: 'Cuti tahunan' }, 201);
      expect(own.body).toMatchObject({
        userId: v.id,
        userName: v.fullName,
        kind: 'cuti',
        validFrom: from,
        validUntil: nextDay(from, 4),
        status: 'upcoming',
        startsAt: wib(`${from}T00:00:00.000`).toISOString(),
        endsAt: wib(`${nextDay(from, 5)}T00:00:00.000`).toISOString(),
        createdByName: v.fullName,
      });
      // The section head records another leave for the same user, sharing one day: refused.
      const clash = await leave('kasi.dukcapil', {
        userId: v.id,
        kind: 'sakit',
        validFrom: nextDay(from, 4),
        validUntil: nextDay(from, 6),
      });
      expect(clash.status).toBe(422);
      expect(clash.body.code).toBe('LEAVE_OVERLAP');
      expect(clash.body.details).toEqual([{ field: 'validFrom', message: expect.stringContaining(from) }]);
      // The next day is free.
      const next = await leave('kasi.dukcapil', { userId: v.id, kind: 'sakit', validFrom: nextDay(from, 5), validUntil: nextDay(from, 5) });
      expect(next.status).toBe(201);
      expect(next.body.createdByName).not.toBe(v.fullName);
      const log = await t.http
        .get(`/api/leaves/${own.body.id}/log`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200);
      expect(log.body).toEqual([expect.objectContaining({ action: 'created', actorId: v.id, actorName: v.fullName })]);
    });

    it('lets a user mark only their own leave, the section head only in their OPD, and lists in scope only', async () => {
      const v = await staff(['verifier']);
      const colleague = await staff(['officer']);
      const from = wibDayFromToday(30);
      const body = { userId: colleague.id, kind: 'cuti', validFrom: from, validUntil: from };
      expect((await leave(v.username, body)).status).toBe(422);
      expect((await leave('kasi.kemenag', body)).status).toBe(422);
      expect((await leave('admin', body)).status).toBe(201);
      const kemenagStaff = await staff(['officer'], kemenag);
      await leave(kemenagStaff.username, { kind: 'cuti', validFrom: from, validUntil: from }, 201);
      const mine = await t.http
        .get('/api/leaves')
        .set(await as(t, colleague.username))
        .expect(200);
      expect(mine.body.map((l: { userId: string }) => l.userId)).toEqual([colleague.id]);
      const kasi = await t.http
        .get('/api/leaves')
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200);
      const seen = new Set(kasi.body.map((l: { userId: string }) => l.userId));
      expect(seen.has(colleague.id)).toBe(true);
      expect(seen.has(kemenagStaff.id)).toBe(false);
      const bad = await t.http
        .get(`/api/leaves?filter=${encodeURIComponent(JSON.stringify({ userId: 'siapa' }))}`)
        .set(await as(t, 'kasi.dukcapil'));
      expect(bad.body).toMatchObject({ statusCode: 400, details: [{ field: 'filter.userId' }] });
    });

    it('refuses bad input and leave wholly in the past with a 400 naming the field', async () => {
      const bad = await leave('kasi.dukcapil', { kind: 'liburan', validFrom: '2026-02-30', validUntil: 'besok' });
      expect(bad.status).toBe(400);
      const fields = [...new Set((bad.body.details as { field: string }[]).map((d) => d.field))].sort();
      expect(fields).toEqual(['kind', 'validFrom', 'validUntil']);
      const past = await leave('kasi.dukcapil', { kind: 'cuti', validFrom: wibDayFromToday(-5), validUntil: wibDayFromToday(-1) });
      expect(past.status).toBe(400);
      expect(past.body.details).toEqual([{ field: 'validUntil', message: expect.stringContaining('past') }]);
      const backwards = await leave('kasi.dukcapil', { kind: 'cuti', validFrom: wibDayFromToday(5), validUntil: wibDayFromToday(4) });
      expect(backwards.body).toMatchObject({ statusCode: 400, details: [{ field: 'validUntil' }] });
    });

    it('cancels a future leave, ends one under way with yesterday, and logs both', async () => {
      const v = await staff(['verifier']);
      const future = await leave(v.username, { kind: 'cuti', validFrom: wibDayFromToday(7), validUntil: wibDayFromToday(8) }, 201);
      const cancelled = await t.http
        .post(`/api/leaves/${future.body.id}/cancel`)
        .set(await as(t, v.username))
        .expect(201);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
      // The same days are free again.
      await leave(v.username, { kind: 'cuti', validFrom: wibDayFromToday(7), validUntil: wibDayFromToday(8) }, 201);

      const from = wibDayFromToday(40);
      const running = await leave('kasi.dukcapil', { userId: v.id, kind: 'sakit', validFrom: from, validUntil: nextDay(from, 4) }, 201);
      clock.set(wib(`${nextDay(from, 2)}T09:00:00`));
      const ended = await t.http
        .post(`/api/leaves/${running.body.id}/cancel`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(201);
      expect(ended.body).toMatchObject({ validFrom: from, validUntil: nextDay(from, 1), status: 'ended' });
      const log = await t.http
        .get(`/api/leaves/${running.body.id}/log`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200);
      expect(log.body.map((e: { action: string }) => e.action)).toEqual(['created', 'shortened']);
      const again = await t.http.post(`/api/leaves/${running.body.id}/cancel`).set(await as(t, 'kasi.dukcapil'));
      expect(again.status).toBe(422);
    });
  });

  describe('no new work while on leave', () => {
    it('refuses ASSIGN from 00:00 WIB of the first day, and grants it again once the last day has ended (WIB)', async () => {
      const v = await staff(['verifier']);
      const from = wibDayFromToday(12);
      const until = nextDay(from, 2);
      await leave(v.username, { kind: 'cuti', validFrom: from, validUntil: until }, 201);

      clock.set(new Date(wib(`${from}T00:00:00`).getTime() - 1));
      const before = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      expect((await assign('kasi.dukcapil', before, v.id)).status).toBe(200);

      clock.set(wib(`${from}T00:00:00`));
      const first = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      const refused = await assign('kasi.dukcapil', first, v.id);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ASSIGNEE_ON_LEAVE');
      expect(refused.body.details).toEqual([{ field: 'assigneeId', message: expect.stringContaining(v.fullName) }]);

      clock.set(new Date(wib(`${nextDay(until)}T00:00:00`).getTime() - 1));
      expect((await assign('kasi.dukcapil', first, v.id)).body.code).toBe('ASSIGNEE_ON_LEAVE');

      // The leave ended yesterday (WIB): it grants nothing any more.
      clock.set(wib(`${nextDay(until)}T00:00:00`));
      const after = await assign('kasi.dukcapil', first, v.id);
      expect(after.status).toBe(200);
      expect(after.body.assigneeId).toBe(v.id);
    });

    it('refuses bulk assignment per case and CLAIM by the user on leave, and leaves the case unchanged', async () => {
      const v = await staff(['verifier']);
      const today = wibDayFromToday(0);
      await leave(v.username, { kind: 'sakit', validFrom: today, validUntil: today }, 201);
      const a = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      const b = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      const bulk = await t.http
        .post('/api/cases/bulk-assign')
        .set(await as(t, 'kasi.dukcapil'))
        .send({ caseIds: [a.id, b.id], assigneeId: v.id, reason: 'pembagian' })
        .expect(200);
      expect(bulk.body.map((r: { ok: boolean; code: string }) => [r.ok, r.code])).toEqual([
        [false, 'ASSIGNEE_ON_LEAVE'],
        [false, 'ASSIGNEE_ON_LEAVE'],
      ]);
      const claim = await t.http
        .post(`/api/cases/${a.id}/events`)
        .set(await as(t, v.username))
        .send({ type: 'CLAIM', version: a.version });
      expect(claim.status).toBe(422);
      expect(claim.body.code).toBe('ASSIGNEE_ON_LEAVE');
      const [row] = await t.db.query<{ assignee_id: string | null; version: number }[]>(
        `SELECT assignee_id, version FROM cases WHERE id = $1`,
        [a.id],
      );
      expect(row).toEqual({ assignee_id: null, version: a.version });
    });
  });

  describe('escalation', () => {
    it('notifies the section heads who are present; with every one on leave, the head of the OPD', async () => {
      const kasi = await idOf(t, 'users', 'username', 'kasi.dukcapil');
      const kadis = await idOf(t, 'users', 'username', 'kadis.dukcapil');
      const kasi2 = await staff(['supervisor']);
      const today = wibDayFromToday(0);
      const notified = async () => {
        const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
        await t.db.query(`UPDATE cases SET due_at = now() - interval '2 hours' WHERE id = $1`, [c.id]);
        await t.app.get(EscalationService).run();
        const [notice] = await t.db.query<{ payload: { notifyUserIds: string[] } }[]>(
          `SELECT payload FROM outbox WHERE topic = 'case.escalated' AND aggregate_id = $1`,
          [c.id],
        );
        return [...notice.payload.notifyUserIds].sort();
      };
      expect(await notified()).toEqual([kasi, kasi2.id].sort());
      const kasiLeave = await leave('kasi.dukcapil', { kind: 'cuti', validFrom: today, validUntil: today }, 201);
      expect(await notified()).toEqual([kasi2.id]);
      await leave(kasi2.username, { kind: 'dinas_luar', validFrom: today, validUntil: nextDay(today) }, 201);
      expect(await notified()).toEqual([kadis]);
      await t.http
        .post(`/api/leaves/${kasiLeave.body.id}/cancel`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(201);
      expect(await notified()).toEqual([kasi]);
    });
  });

  describe('suggestions and reassignment', () => {
    /** `n` new cases assigned to the user by the section head; `overdue` of them past their deadline. */
    async function give(userId: string, n: number, overdue = 0): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const c = await counterCase(t, 'petugas.kemenag', 'pengganti-ijazah', IJAZAH);
        expect((await assign('kasi.kemenag', c, userId)).status).toBe(200);
        if (i < overdue) await t.db.query(`UPDATE cases SET due_at = now() - interval '1 day' WHERE id = $1`, [c.id]);
        ids.push(c.id);
      }
      return ids;
    }

    it('suggests present users who can act on the step, least loaded by SLA risk first: 2 overdue weigh more than 4 fresh', async () => {
      const busy = await staff(['verifier'], kemenag);
      const fresh = await staff(['verifier'], kemenag);
      const idle = await staff(['verifier'], kemenag);
      const away = await staff(['verifier'], kemenag);
      await give(busy.id, 2, 2);
      await give(fresh.id, 4);
      const today = wibDayFromToday(0);
      await leave(away.username, { kind: 'cuti', validFrom: today, validUntil: today }, 201);
      const c = await counterCase(t, 'petugas.kemenag', 'pengganti-ijazah', IJAZAH);
      const res = await t.http
        .get(`/api/cases/${c.id}/assignee-suggestions`)
        .set(await as(t, 'kasi.kemenag'))
        .expect(200);
      const list = res.body as {
        userId: string;
        load: number;
        openCases: number;
        overdueCases: number;
        suggested: boolean;
        roles: string[];
      }[];
      const ids = list.map((s) => s.userId);
      expect(ids).not.toContain(away.id);
      // Officers cannot take a verification.
      expect(ids).not.toContain(await idOf(t, 'users', 'username', 'petugas.kemenag'));
      expect(list.every((s) => s.roles.includes('verifier'))).toBe(true);
      const pos = (id: string) => ids.indexOf(id);
      expect(pos(idle.id)).toBeLessThan(pos(fresh.id));
      expect(pos(fresh.id)).toBeLessThan(pos(busy.id));
      expect(list.find((s) => s.userId === busy.id)).toMatchObject({ openCases: 2, overdueCases: 2, load: 6 });
      expect(list.find((s) => s.userId === fresh.id)).toMatchObject({ openCases: 4, overdueCases: 0, load: 4 });
      expect(list.map((s) => s.load)).toEqual([...list.map((s) => s.load)].sort((a, b) => a - b));
      expect(list.filter((s) => s.suggested).map((s) => s.userId)).toEqual([ids[0]]);
      // Not for those who cannot assign.
      expect((await t.http.get(`/api/cases/${c.id}/assignee-suggestions`).set(await as(t, 'verifikator.kemenag'))).status).toBe(403);
    });

    it('reassigns a user’s open cases exactly as the preview proposed, each through ASSIGN in the chain', async () => {
      const leaving = await staff(['verifier'], kemenag);
      const cases = await give(leaving.id, 4, 1);
      const preview = await t.http
        .get(`/api/users/${leaving.id}/reassign-preview`)
        .set(await as(t, 'kasi.kemenag'))
        .expect(200);
      expect(preview.body.fromUserId).toBe(leaving.id);
      const items = preview.body.items as { caseId: string; version: number; assigneeId: string | null; problem: string | null }[];
      expect(items.map((i) => i.caseId).sort()).toEqual([...cases].sort());
      expect(items.every((i) => i.problem === null && i.assigneeId && i.assigneeId !== leaving.id)).toBe(true);
      // The preview spreads the cases: no one present is handed all four.
      expect(new Set(items.map((i) => i.assigneeId)).size).toBeGreaterThan(1);
      // Nothing was written by the preview.
      const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cases WHERE assignee_id = $1 AND is_open`, [
        leaving.id,
      ]);
      expect(n).toBe(4);

      const run = await t.http
        .post(`/api/users/${leaving.id}/reassign`)
        .set(await as(t, 'kasi.kemenag'))
        .send({ items: items.map((i) => ({ caseId: i.caseId, version: i.version, assigneeId: i.assigneeId })), reason: 'Mutasi pegawai' })
        .expect(200);
      expect(run.body.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, true, true]);
      for (const i of items) {
        const [row] = await t.db.query<{ assignee_id: string }[]>(`SELECT assignee_id FROM cases WHERE id = $1`, [i.caseId]);
        expect(row.assignee_id).toBe(i.assigneeId);
        const log = await t.http
          .get(`/api/cases/${i.caseId}/events`)
          .set(await as(t, 'kasi.kemenag'))
          .expect(200);
        expect(log.body[log.body.length - 1]).toMatchObject({
          type: 'ASSIGN',
          reason: 'Mutasi pegawai',
          payload: expect.objectContaining({ assigneeId: i.assigneeId, previousAssigneeId: leaving.id }),
        });
        const audit = await t.http
          .get(`/api/cases/${i.caseId}/audit`)
          .set(await as(t, 'kasi.kemenag'))
          .expect(200);
        expect(audit.body.valid).toBe(true);
      }
      // Run twice: every case has moved on (stale version), nothing changes.
      const twice = await t.http
        .post(`/api/users/${leaving.id}/reassign`)
        .set(await as(t, 'kasi.kemenag'))
        .send({ items: items.map((i) => ({ caseId: i.caseId, version: i.version, assigneeId: i.assigneeId })), reason: 'Mutasi pegawai' })
        .expect(200);
      expect(twice.body.every((r: { ok: boolean; statusCode: number }) => !r.ok && r.statusCode === 409)).toBe(true);
    });

    it('shows another OPD’s section head no cases in the preview', async () => {
      const v = await staff(['verifier'], kemenag);
      await give(v.id, 1);
      const res = await t.http.get(`/api/users/${v.id}/reassign-preview`).set(await as(t, 'kasi.dukcapil'));
      expect(res.status).toBe(404);
    });
  });

  describe('round-robin auto-assignment', () => {
    it('spreads 20 concurrent intakes over the present verifiers (n/k ± 1), none to the one on leave, as system ASSIGN events', async () => {
      const pmptsp = await idOf(t, 'opds', 'code', 'pmptsp');
      const verifiers = [await staff(['verifier'], pmptsp), await staff(['verifier'], pmptsp)];
      const away = await staff(['verifier'], pmptsp);
      const today = wibDayFromToday(0);
      await leave(away.username, { kind: 'cuti', validFrom: today, validUntil: today }, 201);
      const svc = { code: 'pendampingan-nib', id: await idOf(t, 'services', 'code', 'pendampingan-nib') };
      const admin = await as(t, 'admin');
      const current = (await t.http.get(`/api/services/${svc.id}`).set(admin).expect(200)).body;
      const updated = await t.http
        .put(`/api/services/${svc.id}`)
        .set(admin)
        .send({ ...current, autoAssign: true })
        .expect(200);
      expect(updated.body.autoAssign).toBe(true);
      const pool = await t.db.query<{ id: string }[]>(
        `SELECT id FROM users WHERE active AND opd_id = $1 AND 'verifier' = ANY(roles) AND id <> $2`,
        [pmptsp, away.id],
      );
      expect(pool.length).toBeGreaterThanOrEqual(3);

      const n = 20;
      const made = await Promise.all(Array.from({ length: n }, () => counterCase(t, 'petugas.pmptsp', svc.code, NIB)));
      const rows = await t.db.query<{ assignee_id: string | null }[]>(`SELECT assignee_id FROM cases WHERE id = ANY($1::uuid[])`, [
        made.map((c) => c.id),
      ]);
      const per = new Map<string, number>();
      for (const r of rows) per.set(r.assignee_id ?? 'none', (per.get(r.assignee_id ?? 'none') ?? 0) + 1);
      expect(per.get('none')).toBeUndefined();
      expect(per.get(away.id)).toBeUndefined();
      const k = pool.length;
      for (const u of pool) {
        expect(per.get(u.id) ?? 0).toBeGreaterThanOrEqual(Math.floor(n / k) - 1);
        expect(per.get(u.id) ?? 0).toBeLessThanOrEqual(Math.ceil(n / k) + 1);
      }
      for (const v of verifiers) expect(per.get(v.id)).toBeGreaterThan(0);

      const log = await t.http
        .get(`/api/cases/${made[0].id}/events`)
        .set(await as(t, 'kasi.pmptsp'))
        .expect(200);
      expect(log.body.map((e: { type: string }) => e.type)).toEqual(['SUBMIT', 'ASSIGN']);
      expect(log.body[1]).toMatchObject({ actorRole: 'system', payload: expect.objectContaining({ roundRobin: true }) });
      const audit = await t.http
        .get(`/api/cases/${made[0].id}/audit`)
        .set(await as(t, 'kasi.pmptsp'))
        .expect(200);
      expect(audit.body.valid).toBe(true);
      expect(made[0]).toMatchObject({ assigneeId: expect.any(String) });
    });

    it('leaves a service without the setting unassigned', async () => {
      const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      expect((c as { assigneeId?: string | null }).assigneeId).toBeNull();
    });
  });
});
