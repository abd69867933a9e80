import { REPORT_NAMES } from '@layanan/contracts';
import { ReportRollupService } from '../../api/src/reports/report-rollup.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf } from '../support/session';

// The reports' permission matrix, like the lists': every report, for each head and leadership,
// with no scope, with another OPD's id and with another OPD's service. A head's figures never
// include another OPD's cases, whatever the query asks (the scope parameters narrow the caller's
// readReport rules, never widen them); leadership sees each OPD it asks for. (The exports are
// the same objects as files: test/e2e/exports.e2e-spec.ts.)
type Body = Record<string, unknown>;

/** Every number in a report body (counts, shares, hours), wherever it sits. */
function numbers(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(numbers);
  if (v && typeof v === 'object') return Object.values(v).flatMap(numbers);
  return [];
}

/** The OPD ids a report body names (rows and officers carry `opdId`). */
function opdIds(b: Body): string[] {
  const rows = [...((b.rows as Body[] | undefined) ?? []), ...((b.officers as Body[] | undefined) ?? [])];
  return [...new Set(rows.map((r) => String(r.opdId)))];
}

describe('report permissions matrix', () => {
  let t: TestApp;
  let dukcapil: string;
  let kemenag: string;
  let kemenagService: string;
  let dukcapilService: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    const opdOf = async (username: string) =>
      (await t.db.query<{ opd_id: string }[]>(`SELECT opd_id FROM users WHERE username = $1`, [username]))[0].opd_id;
    dukcapil = await opdOf('kasi.dukcapil');
    kemenag = await opdOf('kasi.kemenag');
    kemenagService = await idOf(t, 'services', 'code', 'legalisasi-ijazah-madrasah');
    dukcapilService = await idOf(t, 'services', 'code', 'ktp-el-baru');
  });
  afterAll(async () => {
    await t.close();
  });

  const report = async (user: string, name: string, q: Record<string, string> = {}) => {
    const res = await t.http
      .get(`/api/reports/${name}`)
      .query(q)
      .set(await as(t, user));
    expect([name, res.status]).toEqual([name, 200]);
    return res.body as Body;
  };

  it('makes open and closed cases in Dukcapil and Kemenag', async () => {
    for (let i = 0; i < 3; i++) await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const closed = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await t.http
      .post(`/api/cases/${closed.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'REJECT', version: closed.version, reason: 'Uji' })
      .expect(200);
    for (let i = 0; i < 2; i++) await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
    await expect(t.app.get(ReportRollupService).refresh({ full: true })).resolves.toBe(true);
  }, 120_000);

  const HEADS: [string, () => string, () => string, () => string][] = [
    ['kasi.dukcapil', () => dukcapil, () => kemenag, () => kemenagService],
    ['kadis.dukcapil', () => dukcapil, () => kemenag, () => kemenagService],
    ['kasi.kemenag', () => kemenag, () => dukcapil, () => dukcapilService],
    ['kadis.kemenag', () => kemenag, () => dukcapil, () => dukcapilService],
  ];

  it.each(HEADS)(
    '%s sees only the own OPD in every report, and nothing when asking for another OPD or its service',
    async (user, own, other, otherService) => {
      const mine = await report(user, 'sla');
      expect(mine.open).toBeGreaterThan(0);
      for (const name of REPORT_NAMES) {
        const plain = await report(user, name);
        expect([name, opdIds(plain).filter((id) => id !== own())]).toEqual([name, []]);
        for (const q of [{ opdId: other() }, { serviceId: otherService() }, { opdId: other(), serviceId: otherService() }] as Record<
          string,
          string
        >[]) {
          const foreign = await report(user, name, q);
          // The officers' workload is per OPD (it ignores the service filter): with another OPD's
          // service only, it is the caller's own OPD's workload, still nobody else's.
          if (name === 'officers' && !('opdId' in q)) {
            expect([name, q, opdIds(foreign).filter((id) => id !== own())]).toEqual([name, q, []]);
            continue;
          }
          expect([name, q, opdIds(foreign)]).toEqual([name, q, []]);
          // Every count and share is zero (or absent): the other OPD's figures are not there.
          expect([name, q, numbers(foreign).filter((n) => n !== 0)]).toEqual([name, q, []]);
        }
      }
    },
    120_000,
  );

  it("an officer's overdue figure equals the overdue queue filtered to them (the figure's drill-down)", async () => {
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'CLAIM', version: c.version })
      .expect(200);
    // Fixture: its deadline has passed.
    await t.db.query(`UPDATE cases SET due_at = now() - interval '1 hour' WHERE id = $1`, [c.id]);
    await expect(t.app.get(ReportRollupService).refresh({ full: true })).resolves.toBe(true);
    const verifier = await idOf(t, 'users', 'username', 'verifikator.dukcapil');
    const officers = (await report('kasi.dukcapil', 'officers')).officers as {
      userId: string;
      opdId: string;
      overdue: number;
      open: number;
    }[];
    const row = officers.find((o) => o.userId === verifier);
    expect(row).toMatchObject({ opdId: dukcapil, overdue: 1, open: 1 });
    const listed = await t.http
      .get('/api/cases')
      .query({ filter: JSON.stringify({ opdId: [dukcapil], queue: 'overdue', assigneeId: [verifier] }), range: '[0,99]' })
      .set(await as(t, 'kasi.dukcapil'))
      .expect(200);
    expect((listed.body as unknown[]).length).toBe(row?.overdue);
    const open = await t.http
      .get('/api/cases')
      .query({ filter: JSON.stringify({ opdId: [dukcapil], backlog: true, assigneeId: [verifier] }), range: '[0,99]' })
      .set(await as(t, 'kasi.dukcapil'))
      .expect(200);
    expect((open.body as unknown[]).length).toBe(row?.open);
  }, 60_000);

  it('leadership sees each OPD it asks for, side by side in the OPD report', async () => {
    const city = await report('pimpinan', 'opds');
    expect(opdIds(city)).toEqual(expect.arrayContaining([dukcapil, kemenag]));
    for (const [opd, open] of [
      [dukcapil, 4],
      [kemenag, 2],
    ] as const) {
      const sla = await report('pimpinan', 'sla', { opdId: opd });
      expect(sla.open).toBe(open);
      const byHead = await report(opd === dukcapil ? 'kasi.dukcapil' : 'kasi.kemenag', 'sla');
      expect(byHead.open).toBe(open);
    }
    // A head's own-OPD scope equals leadership's view of that OPD, figure for figure.
    for (const name of REPORT_NAMES) {
      const head = await report('kasi.dukcapil', name);
      const lead = await report('pimpinan', name, { opdId: dukcapil });
      expect([name, numbers(head)]).toEqual([name, numbers(lead)]);
    }
  }, 120_000);
});
