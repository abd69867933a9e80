import { CaseRepository } from '../../api/src/cases/case.repository';
import { ReportRollupService } from '../../api/src/reports/report-rollup.service';
import { atInstant } from '../support/fake-clock';
import { createTestApp, type TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, forgetSessions, idOf, validDocuments } from '../support/session';

// The open-case snapshot carried forward (CaseRepository.refreshBacklog) equals the snapshot taken
// whole at the same instant (rebuildBacklog), row for row, through a working day of random real
// HTTP transitions (claims, assignments, returns and resubmissions, verifications, approvals,
// issues, rejections, withdrawals, transfers) and of refreshes without any event, where only the
// time moves cases across their due date and their 50 % / 80 % marks (one-day SLA services, cases
// submitted over the days before), then over the next day's first refresh (taken whole).
const at = (iso: string) => {
  atInstant(iso);
  forgetSessions();
};
const wib = (day: string, hhmm: string) => `${day}T${hhmm}:00+07:00`;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Row = Record<string, unknown>;
const SNAPSHOT = `SELECT opd_id, service_id, assignee_id, age_bucket, sla_bucket, open, overdue, waiting FROM report_backlog
                   ORDER BY opd_id, service_id, assignee_id NULLS FIRST, age_bucket, sla_bucket`;

describe('incremental backlog snapshot', () => {
  let t: TestApp;
  let kemenag: string;
  let verifierDukcapil: string;
  const random = prng(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    kemenag = await idOf(t, 'opds', 'code', 'kemenag');
    verifierDukcapil = await idOf(t, 'users', 'username', 'verifikator.dukcapil');
  }, 120_000);
  afterAll(async () => {
    jest.useRealTimers();
    await t.close();
  });

  const refresh = () => t.app.get(ReportRollupService).refresh();
  /** The snapshot a whole rebuild at `now` gives, in a transaction rolled back. */
  let wholeChecks = 0;
  const wholeAt = async (now: Date): Promise<Row[]> => {
    wholeChecks++;
    const qr = t.db.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await t.app.get(CaseRepository).rebuildBacklog(qr.manager, now);
      return await qr.manager.query<Row[]>(SNAPSHOT);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  };
  const backlogAt = async () => (await t.db.query<{ backlog_at: Date }[]>(`SELECT backlog_at FROM report_state`))[0].backlog_at;
  const openCases = async () =>
    t.db.query<{ id: string; version: number; opd_id: string; state: string }[]>(
      // Submission order (each case has its own instant), so that a seed replays the same events.
      `SELECT id, version, opd_id, state FROM cases WHERE is_open ORDER BY submitted_at, id`,
    );

  /** Tries random events on random open cases until `n` were accepted (a refused one is just not taken). */
  const randomEvents = async (n: number): Promise<number> => {
    let done = 0;
    for (let tries = 0; done < n && tries < 40; tries++) {
      const c = pick(await openCases());
      if (!c) return done;
      const own = c.opd_id === kemenag ? 'kemenag' : 'dukcapil';
      const [user, body] = pick<[string, Record<string, unknown>]>([
        [`verifikator.${own}`, { type: 'CLAIM' }],
        [`verifikator.${own}`, { type: 'RELEASE' }],
        ['kasi.dukcapil', { type: 'ASSIGN', assigneeId: verifierDukcapil }],
        [`verifikator.${own}`, { type: 'COMMENT', comment: 'Catatan uji' }],
        [`verifikator.${own}`, { type: 'RETURN', reason: 'Berkas buram' }],
        [`petugas.${own}`, { type: 'RESUBMIT' }],
        [`verifikator.${own}`, { type: 'VERIFY' }],
        [`kasi.${own}`, { type: 'APPROVE' }],
        [`petugas.${own}`, { type: 'ISSUE' }],
        [`verifikator.${own}`, { type: 'REJECT', reason: 'Tidak memenuhi syarat' }],
        [`petugas.${own}`, { type: 'WITHDRAW', reason: 'Pemohon membatalkan' }],
        ['kasi.dukcapil', { type: 'TRANSFER', opdId: kemenag, note: 'Salah OPD' }],
      ]);
      if (body.type === 'VERIFY') await validDocuments(t, c.id);
      const res = await t.http
        .post(`/api/cases/${c.id}/events`)
        .set(await as(t, user))
        .send({ ...body, version: c.version });
      // Refused (not allowed in the case's state, or for this user): a 4xx, and nothing written.
      if (res.status >= 500) throw new Error(`${String(body.type)}: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.status === 200) done++;
    }
    return done;
  };

  it('makes one-day-SLA cases over three working days', async () => {
    const days = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12'];
    for (const day of days)
      for (const hhmm of ['08:15', '09:40', '10:30', '11:50', '13:10', '14:20', '15:35']) {
        if (day === '2026-11-12' && hhmm > '10:30') break;
        at(wib(day, hhmm));
        if (random() < 0.3) await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
        else await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
        if (random() < 0.4) await randomEvents(1);
      }
    expect((await openCases()).length).toBeGreaterThan(15);
  }, 180_000);

  it('equals the whole snapshot after every refresh of a day of random transitions and of time alone', async () => {
    const cases = t.app.get(CaseRepository);
    const incremental = jest.spyOn(cases, 'refreshBacklog');
    const spy = jest.spyOn(cases, 'rebuildBacklog');
    /** Whole rebuilds by the refresh (not by the checks here). */
    const whole = { calls: () => spy.mock.calls.length - wholeChecks };
    at(wib('2026-11-12', '10:45'));
    await expect(refresh()).resolves.toBe(true); // the first: whole
    expect(whole.calls()).toBe(1);
    let previous = await t.db.query<Row[]>(SNAPSHOT);
    let movedByTimeAlone = 0;
    const recomputed: number[] = [];
    // Every 10 minutes to the evening; every third refresh without any event in between.
    for (let minute = 10 * 60 + 55, step = 0; minute <= 17 * 60; minute += 10, step++) {
      at(wib('2026-11-12', `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`));
      const quiet = step % 3 === 2;
      if (!quiet) await randomEvents(1 + Math.floor(random() * 3));
      await expect(refresh()).resolves.toBe(true);
      const now = await t.db.query<Row[]>(SNAPSHOT);
      expect(now).toEqual(await wholeAt(await backlogAt()));
      if (quiet && JSON.stringify(now) !== JSON.stringify(previous)) movedByTimeAlone++;
      recomputed.push(await (incremental.mock.results.at(-1)?.value as Promise<number>));
      previous = now;
    }
    // Carried forward on each of them, touching only some of the open cases; time alone moved figures.
    expect(whole.calls()).toBe(1);
    expect(incremental).toHaveBeenCalledTimes(recomputed.length);
    const open = (await openCases()).length;
    expect(Math.min(...recomputed)).toBeLessThan(open);
    expect(movedByTimeAlone).toBeGreaterThan(0);

    // The next day: the first refresh takes it whole (ages moved), then it is carried forward again.
    at(wib('2026-11-13', '08:05'));
    await randomEvents(2);
    await expect(refresh()).resolves.toBe(true);
    expect(whole.calls()).toBe(2);
    expect(await t.db.query<Row[]>(SNAPSHOT)).toEqual(await wholeAt(await backlogAt()));
    for (const hhmm of ['09:30', '11:00', '14:45']) {
      at(wib('2026-11-13', hhmm));
      await randomEvents(2);
      await expect(refresh()).resolves.toBe(true);
      expect(await t.db.query<Row[]>(SNAPSHOT)).toEqual(await wholeAt(await backlogAt()));
    }
    expect(whole.calls()).toBe(2);
  }, 300_000);
});
