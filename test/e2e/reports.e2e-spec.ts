import { AGE_BUCKET_UPPER, RETURN_EVENT } from '@layanan/contracts';
import { addDays, isWorkingDay, wibDate, workingMinutesBetween, type WorkingCalendar } from '@layanan/sla';
import { ReportRollupService } from '../../api/src/reports/report-rollup.service';
import { atInstant } from '../support/fake-clock';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, forgetSessions, idOf, validDocuments, VALID_NIK, withIntakeDocuments } from '../support/session';

// Cases are made through real HTTP transitions at chosen instants (only Date is faked), then
// every report figure is checked against an oracle computed here from the raw cases and
// case_events (working time with libs/sla), independently of the rollups.
const at = (iso: string) => {
  atInstant(iso);
  forgetSessions();
};
/** A WIB wall-clock time as an instant. */
const wib = (local: string) => `${local}:00+07:00`;

const FROM = '2026-10-26';
const TO = '2026-11-30';
const CLOSING = ['issued', 'rejected', 'withdrawn', 'collected'];

interface RawCase {
  id: string;
  opd_id: string;
  service_id: string;
  channel: string;
  state: string;
  submitted_at: Date;
  due_at: Date | null;
  paused_at: Date | null;
  assignee_id: string | null;
  is_open: boolean;
}
interface RawEvent {
  case_id: string;
  seq: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  reason: string | null;
  created_at: Date;
}

describe('reports', () => {
  let t: TestApp;
  let dukcapil: string;
  let kemenag: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    dukcapil = await idOf(t, 'opds', 'code', 'dukcapil');
    kemenag = await idOf(t, 'opds', 'code', 'kemenag');
  });
  afterEach(() => {
    jest.useRealTimers();
    forgetSessions();
  });
  afterAll(async () => {
    await t.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);
    if (res.status !== 200) throw new Error(`${String(body.type)} by ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number; state: string };
  };
  /** Runs steps at WIB times: [time, user, event body without version]. */
  const run = async (id: string, version: number, steps: [string, string, Record<string, unknown>][]) => {
    let v = version;
    for (const [time, user, body] of steps) {
      at(wib(time));
      if (body.type === 'VERIFY') await validDocuments(t, id);
      v = (await event(user, id, { ...body, version: v })).version;
    }
    return v;
  };
  const counter = async (time: string, user = 'petugas.dukcapil', service = 'ktp-el-baru', form: Record<string, unknown> = {}) => {
    at(wib(time));
    return counterCase(t, user, service, form);
  };
  const online = async (time: string) => {
    at(wib(time));
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    const res = await withIntakeDocuments(
      t,
      t.http.post('/api/public/applications').set('Idempotency-Key', `rep-${time.replace(/\D/g, '')}`),
      {
        serviceId,
        applicant: {
          nik: VALID_NIK,
          name: 'Warga Daring',
          phone: '081234567890',
          address: { street: 'Jl. Ijen 1', kelurahan: 'Oro-oro Dowo', kecamatan: 'Klojen' },
        },
        formData: {},
      },
    );
    if (res.status !== 201) throw new Error(`online: ${res.status} ${JSON.stringify(res.body)}`);
    const [row] = await t.db.query<
      {
        id: string;
        version: number;
      }[]
    >(`SELECT id, version FROM cases WHERE tracking_code = $1`, [res.body.trackingCode]);
    return row;
  };
  const full = ['VERIFY', 'APPROVE', 'ISSUE'] as const;
  const byRole: Record<(typeof full)[number], string> = {
    VERIFY: 'verifikator.dukcapil',
    APPROVE: 'kasi.dukcapil',
    ISSUE: 'petugas.dukcapil',
  };
  const path3 = (times: string[]): [string, string, Record<string, unknown>][] => full.map((type, i) => [times[i], byRole[type], { type }]);

  it('generates a month of cases through real transitions (returns, pauses, transfers, a holiday)', async () => {
    at(wib('2026-10-20 09:00'));
    await t.http
      .post('/api/holidays')
      .set(await as(t, 'admin'))
      .send({ date: '2026-11-16', name: 'Cuti bersama (uji laporan)', kind: 'cuti_bersama' })
      .expect(201);
    // On time: Monday 2 Nov, issued Tuesday before 16:00, collected Thursday (completion stays Tuesday).
    const a = await counter('2026-11-02 09:00');
    const av = await run(a.id, a.version, path3(['2026-11-02 11:00', '2026-11-02 14:00', '2026-11-03 10:00']));
    await run(a.id, av, [['2026-11-05 09:00', 'petugas.dukcapil', { type: 'COLLECT' }]]);
    // Returned over the holiday, resubmitted, then late.
    const b = await counter('2026-11-13 15:00');
    const bv = await run(b.id, b.version, [
      ['2026-11-17 09:00', 'verifikator.dukcapil', { type: 'RETURN', reason: 'KK buram' }],
      ['2026-11-19 10:00', 'petugas.dukcapil', { type: 'RESUBMIT' }],
    ]);
    await run(b.id, bv, path3(['2026-11-23 09:00', '2026-11-23 13:00', '2026-11-24 10:00']));
    // Rejected, withdrawn.
    const c = await counter('2026-11-04 10:00');
    await run(c.id, c.version, [['2026-11-05 09:30', 'verifikator.dukcapil', { type: 'REJECT', reason: 'Bukan warga Kota Malang' }]]);
    const d = await counter('2026-11-05 08:30');
    await run(d.id, d.version, [['2026-11-06 10:00', 'petugas.dukcapil', { type: 'WITHDRAW', reason: 'Pemohon membatalkan' }]]);
    // Waiting on the citizen (open, paused).
    const e = await counter('2026-11-10 10:00');
    await run(e.id, e.version, [['2026-11-10 13:00', 'verifikator.dukcapil', { type: 'RETURN', reason: 'KK buram' }]]);
    // Transferred to Kemenag, open there.
    const f = await counter('2026-11-20 09:00');
    await run(f.id, f.version, [['2026-11-20 11:00', 'kasi.dukcapil', { type: 'TRANSFER', opdId: kemenag, note: 'Salah OPD' }]]);
    // Claimed and left: overdue, in the officer's workload.
    const g = await counter('2026-10-27 09:00');
    await run(g.id, g.version, [['2026-10-27 10:00', 'verifikator.dukcapil', { type: 'CLAIM' }]]);
    // Verified, waiting for approval; one online; one returned twice.
    const h = await counter('2026-11-25 09:00');
    await run(h.id, h.version, [['2026-11-25 10:00', 'verifikator.dukcapil', { type: 'VERIFY' }]]);
    const o = await online('2026-11-26 19:00');
    await run(o.id, o.version, [['2026-11-27 09:00', 'verifikator.dukcapil', { type: 'RETURN', reason: 'Foto tidak jelas' }]]);
    // Kemenag: a rejected case and an open one.
    const k1 = await counter('2026-11-09 09:00', 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 2 });
    await run(k1.id, k1.version, [['2026-11-09 11:00', 'verifikator.kemenag', { type: 'REJECT', reason: 'Ijazah tidak terbaca' }]]);
    await counter('2026-11-30 09:00', 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
    jest.useRealTimers();
    forgetSessions();
    await expect(t.app.get(ReportRollupService).refresh({ full: true })).resolves.toBe(true);
  }, 240_000); // hundreds of real HTTP transitions: minutes on a loaded 2-core CI machine

  // ---- the oracle --------------------------------------------------------------------------

  const raw = async () => {
    const cases = await t.db.query<RawCase[]>(
      `SELECT id, opd_id, service_id, channel, state, submitted_at, due_at, paused_at, assignee_id, is_open FROM cases`,
    );
    const events = await t.db.query<RawEvent[]>(
      `SELECT case_id, seq, type, from_state, to_state, actor_id, reason, created_at FROM case_events ORDER BY case_id, seq`,
    );
    const hol = await t.db.query<{ d: string }[]>(`SELECT to_char(date, 'YYYY-MM-DD') AS d FROM holidays`);
    const cal: WorkingCalendar = { holidays: new Set(hol.map((h) => h.d)) };
    return { cases, events, cal, ev: (id: string) => events.filter((x) => x.case_id === id) };
  };
  type Raw = Awaited<ReturnType<typeof raw>>;
  const inPeriod = (d: Date) => wibDate(d) >= FROM && wibDate(d) <= TO;
  const closedAt = (r: Raw, id: string) =>
    r.ev(id).find((x) => x.to_state && CLOSING.includes(x.to_state) && x.from_state !== 'issued')?.created_at;
  const pdisc = (xs: number[], p: number) => {
    const s = [...xs].sort((x, y) => x - y);
    return s[Math.max(0, Math.ceil(p * s.length) - 1)];
  };
  /** State intervals from the log: each state-changing event ends the state the previous one entered. */
  const intervals = (r: Raw, id: string) => {
    const moves = r.ev(id).filter((x) => x.from_state !== x.to_state);
    return moves.slice(1).map((x, i) => ({
      state: x.from_state as string,
      opd: r.cases.find((c) => c.id === id)?.opd_id,
      leftAt: x.created_at,
      by: x.actor_id,
      minutes: workingMinutesBetween(moves[i].created_at, x.created_at, r.cal),
      waiting: x.from_state === 'returned',
    }));
  };
  const scoped = (r: Raw, opd?: string) => r.cases.filter((c) => !opd || c.opd_id === opd);

  const oracleSla = (r: Raw, opd?: string) => {
    const closed = scoped(r, opd).filter((c) => c.state !== 'withdrawn' && closedAt(r, c.id) && inPeriod(closedAt(r, c.id) as Date));
    const onTime = closed.filter((c) => (closedAt(r, c.id) as Date) <= (c.due_at as Date));
    const open = scoped(r, opd).filter((c) => c.is_open && !closedAt(r, c.id));
    return {
      closed: closed.length,
      closedOnTime: onTime.length,
      compliance: closed.length ? onTime.length / closed.length : null,
      withdrawn: scoped(r, opd).filter((c) => c.state === 'withdrawn' && inPeriod(closedAt(r, c.id) as Date)).length,
      open: open.length,
      openOverdue: open.filter((c) => !c.paused_at && (c.due_at as Date) < new Date()).length,
    };
  };
  const get = async (user: string, report: string, query: Record<string, string> = {}) =>
    (
      await t.http
        .get(`/api/reports/${report}`)
        .query({ from: FROM, to: TO, ...query })
        .set(await as(t, user))
        .expect(200)
    ).body;

  it('SLA compliance and open-and-overdue equal the oracle, per OPD and city-wide', async () => {
    const r = await raw();
    expect(await get('kasi.dukcapil', 'sla')).toMatchObject(oracleSla(r, dukcapil));
    expect(await get('pimpinan', 'sla')).toMatchObject(oracleSla(r));
    expect(await get('pimpinan', 'sla', { opdId: kemenag })).toMatchObject(oracleSla(r, kemenag));
    const s = await get('kasi.dukcapil', 'sla');
    expect(s.closed).toBe(3); // issued on time, issued late, rejected (withdrawn apart)
    expect(s.closedOnTime).toBe(2);
    expect(s.withdrawn).toBe(1);
  });

  it('backlog ageing in working days and SLA consumed equal the oracle', async () => {
    const r = await raw();
    const body = await get('kasi.dukcapil', 'backlog');
    const today = wibDate(new Date());
    const open = scoped(r, dukcapil).filter((c) => c.is_open && !closedAt(r, c.id));
    const age = (c: RawCase) => {
      let n = 0;
      for (let d = addDays(wibDate(c.submitted_at), 1); d <= today; d = addDays(d, 1)) if (isWorkingDay(d, r.cal)) n++;
      return n;
    };
    const ageBucket = (n: number) => {
      const i = AGE_BUCKET_UPPER.findIndex((u) => n <= u);
      return i === -1 ? AGE_BUCKET_UPPER.length : i;
    };
    const slaBucket = (c: RawCase) => {
      const ref = c.paused_at ?? new Date();
      if (ref > (c.due_at as Date)) return 3;
      const share = workingMinutesBetween(c.submitted_at, ref, r.cal) / workingMinutesBetween(c.submitted_at, c.due_at as Date, r.cal);
      return share < 0.5 ? 0 : share < 0.8 ? 1 : 2;
    };
    expect(body.open).toBe(open.length);
    expect(body.age.map((b: { open: number }) => b.open)).toEqual(
      [0, 1, 2, 3, 4].map((i) => open.filter((c) => ageBucket(age(c)) === i).length),
    );
    expect(body.sla.map((b: { open: number }) => b.open)).toEqual([0, 1, 2, 3].map((i) => open.filter((c) => slaBucket(c) === i).length));
    expect(body.waiting).toBe(open.filter((c) => c.paused_at).length);
    // Each age bucket drills to the case list that holds exactly its cases.
    for (const [i, b] of (body.age as { open: number; submittedFrom: string | null; submittedTo: string | null }[]).entries()) {
      const filter = {
        opdId: [dukcapil],
        backlog: true,
        ...(b.submittedFrom ? { submittedFrom: b.submittedFrom } : {}),
        ...(b.submittedTo ? { submittedTo: b.submittedTo } : {}),
      };
      const list = await t.http
        .get('/api/cases')
        .query({ filter: JSON.stringify(filter), range: '[0,99]' })
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200);
      expect([i, list.body.length]).toEqual([i, b.open]);
    }
  });

  it('stage durations (median and p90 working hours, waiting apart) equal the oracle', async () => {
    const r = await raw();
    const all = scoped(r, dukcapil)
      .flatMap((c) => intervals(r, c.id))
      .filter((i) => inPeriod(i.leftAt));
    const body = await get('kasi.dukcapil', 'stages');
    const keys = [...new Set(all.map((i) => `${i.state}|${i.waiting}`))];
    expect(body.stages).toHaveLength(keys.length);
    for (const k of keys) {
      const xs = all.filter((i) => `${i.state}|${i.waiting}` === k).map((i) => Math.floor(i.minutes / 60));
      const row = body.stages.find((s: { state: string; waiting: boolean }) => `${s.state}|${s.waiting}` === k);
      expect([k, row.n, row.medianHours, row.p90Hours]).toEqual([k, xs.length, pdisc(xs, 0.5), pdisc(xs, 0.9)]);
    }
    expect(body.stages.find((s: { state: string }) => s.state === 'returned')?.waiting).toBe(true);
  });

  it('throughput, channel, returned rate and top reasons equal the oracle', async () => {
    const r = await raw();
    const mine = scoped(r, dukcapil);
    const received = mine.filter((c) => inPeriod(c.submitted_at));
    const returned = received.filter((c) => r.ev(c.id).some((x) => x.type === RETURN_EVENT));
    const closed = mine.filter((c) => c.state !== 'withdrawn' && closedAt(r, c.id) && inPeriod(closedAt(r, c.id) as Date));
    const body = await get('kasi.dukcapil', 'throughput', { grain: 'week' });
    expect(body).toMatchObject({
      received: received.length,
      closed: closed.length,
      channel: {
        online: received.filter((c) => c.channel === 'online').length,
        counter: received.filter((c) => c.channel === 'counter').length,
      },
      returned: returned.length,
      returnedRate: returned.length / received.length,
    });
    const monday = (d: Date) => {
      const day = wibDate(d);
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      return addDays(day, -((dow + 6) % 7));
    };
    const weeks = [
      ...new Set([...received.map((c) => monday(c.submitted_at)), ...closed.map((c) => monday(closedAt(r, c.id) as Date))]),
    ].sort();
    expect(body.series).toEqual(
      weeks.map((w) => ({
        period: w,
        received: received.filter((c) => monday(c.submitted_at) === w).length,
        closed: closed.filter((c) => monday(closedAt(r, c.id) as Date) === w).length,
      })),
    );
    const reasons = new Map<string, number>();
    for (const x of r.events.filter((x) => x.type === RETURN_EVENT && inPeriod(x.created_at) && mine.some((c) => c.id === x.case_id)))
      reasons.set(x.reason as string, (reasons.get(x.reason as string) ?? 0) + 1);
    expect(body.topReturnReasons).toEqual(
      [...reasons].map(([reason, n]) => ({ reason, n })).sort((p, q) => q.n - p.n || p.reason.localeCompare(q.reason)),
    );
    expect(body.topReturnReasons[0]).toEqual({ reason: 'KK buram', n: 2 });
  });

  it('workload per officer, per service (named with its OPD) and per OPD equal the oracle', async () => {
    const r = await raw();
    const officers = (await get('kasi.dukcapil', 'officers')).officers as {
      userId: string;
      open: number;
      overdue: number;
      steps: number;
    }[];
    const steps = scoped(r, dukcapil)
      .flatMap((c) => intervals(r, c.id))
      .filter((i) => i.by && inPeriod(i.leftAt) && i.opd === dukcapil);
    const open = scoped(r, dukcapil).filter((c) => c.is_open && !closedAt(r, c.id) && c.assignee_id);
    const users = [...new Set([...steps.map((s) => s.by as string), ...open.map((c) => c.assignee_id as string)])];
    expect(officers.map((o) => o.userId).sort()).toEqual(users.sort());
    for (const u of users) {
      const o = officers.find((x) => x.userId === u);
      expect(o).toMatchObject({
        open: open.filter((c) => c.assignee_id === u).length,
        overdue: open.filter((c) => c.assignee_id === u && !c.paused_at && (c.due_at as Date) < new Date()).length,
        steps: steps.filter((s) => s.by === u).length,
      });
    }
    const services = (await get('pimpinan', 'services')).rows as {
      opdId: string;
      opdName: string;
      serviceId: string;
      serviceName: string;
      received: number;
      medianDays: number | null;
    }[];
    const ktp = await idOf(t, 'services', 'code', 'ktp-el-baru');
    // The transferred KTP case is a row of Kemenag's, named as such.
    expect(
      services
        .filter((s) => s.serviceId === ktp)
        .map((s) => s.opdName)
        .sort(),
    ).toEqual(
      (
        await t.db.query<
          {
            short_name: string;
          }[]
        >(`SELECT short_name FROM opds WHERE id = ANY($1) ORDER BY short_name`, [[dukcapil, kemenag]])
      ).map((o) => o.short_name),
    );
    const ktpDukcapil = services.find((s) => s.serviceId === ktp && s.opdId === dukcapil);
    const closedKtp = r.cases.filter(
      (c) =>
        c.service_id === ktp &&
        c.opd_id === dukcapil &&
        c.state !== 'withdrawn' &&
        closedAt(r, c.id) &&
        inPeriod(closedAt(r, c.id) as Date),
    );
    const days = closedKtp.map((c) =>
      Math.ceil(
        intervals(r, c.id)
          .filter((i) => !i.waiting && i.leftAt <= (closedAt(r, c.id) as Date))
          .reduce((s, i) => s + i.minutes, 0) / 480,
      ),
    );
    expect(ktpDukcapil).toMatchObject({
      received: r.cases.filter((c) => c.service_id === ktp && c.opd_id === dukcapil && inPeriod(c.submitted_at)).length,
      medianDays: pdisc(days, 0.5),
    });
    const opds = (await get('pimpinan', 'opds')).rows as ({ opdId: string } & Record<string, unknown>)[];
    for (const opd of [dukcapil, kemenag]) expect(opds.find((o) => o.opdId === opd)).toMatchObject(oracleSla(r, opd));
  });

  it('a kasi of Dukcapil never sees another OPD’s figures; verifiers see no reports', async () => {
    const reports = ['sla', 'backlog', 'stages', 'throughput', 'officers', 'services', 'opds'];
    const other = await get('kasi.dukcapil', 'sla', { opdId: kemenag });
    expect(other).toMatchObject({ closed: 0, open: 0, openOverdue: 0 });
    for (const rep of reports) {
      const body = await get('kasi.dukcapil', rep);
      const opdIds = [...(body.rows ?? []), ...(body.officers ?? [])].map((x: { opdId: string }) => x.opdId);
      expect([rep, [...new Set(opdIds)].filter((id) => id !== dukcapil)]).toEqual([rep, []]);
      await t.http
        .get(`/api/reports/${rep}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(403);
      await t.http
        .get(`/api/reports/${rep}`)
        .set(await as(t, 'petugas.kemenag'))
        .expect(403);
    }
    const kemenagKasi = await get('kasi.kemenag', 'opds');
    expect(kemenagKasi.rows.map((x: { opdId: string }) => x.opdId)).toEqual([kemenag]);
    const city = await get('pimpinan', 'opds');
    expect(city.rows.map((x: { opdId: string }) => x.opdId)).toEqual(expect.arrayContaining([dukcapil, kemenag]));
    const bad = await t.http
      .get('/api/reports/sla')
      .query({ from: '2026-13-01' })
      .set(await as(t, 'pimpinan'))
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/from/);
    await t.http
      .get('/api/reports/sla')
      .query({ from: '2026-11-30', to: '2026-11-01' })
      .set(await as(t, 'pimpinan'))
      .expect(400);
  });

  it('an incremental refresh picks up a new transition', async () => {
    const before = await get('kasi.dukcapil', 'sla', { from: FROM, to: wibDate(new Date()) });
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await event('verifikator.dukcapil', c.id, { type: 'REJECT', version: c.version, reason: 'Uji' });
    await expect(t.app.get(ReportRollupService).refresh()).resolves.toBe(true);
    const after = await get('kasi.dukcapil', 'sla', { from: FROM, to: wibDate(new Date()) });
    expect(after.closed).toBe(before.closed + 1);
    expect(new Date(after.asOf).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
