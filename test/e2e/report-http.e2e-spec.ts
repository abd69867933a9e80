import { REPORT_NAMES } from '@layanan/contracts';
import { ReportRollupService } from '../../api/src/reports/report-rollup.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { as, counterCase, demoSeed } from '../support/session';

// HTTP caching of the reports (docs/REPORTS.md "HTTP caching"): a strong ETag per report, caller
// scope, filters and refresh; `private, no-cache`; If-None-Match → 304 without a body; a new
// refresh that moves the figures gives a new tag; another scope's tag never confirms a copy. And
// the reports' service picker (`GET /api/services?filter={"scope":"reports"}`): a kasi's and a
// kadis's own OPD's services, every service for leadership.
describe('report HTTP caching and the service picker', () => {
  let t: TestApp;
  const refresh = () => t.app.get(ReportRollupService).refresh();
  const get = async (user: string, name: string, headers: Record<string, string> = {}, q: Record<string, string> = {}) =>
    t.http
      .get(`/api/reports/${name}`)
      .query(q)
      .set({ ...(await as(t, user)), ...headers });

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
    await expect(t.app.get(ReportRollupService).refresh({ full: true })).resolves.toBe(true);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it.each(REPORT_NAMES)('%s: ETag, Last-Modified = asOf, private no-cache; If-None-Match answers 304 without a body', async (name) => {
    const first = await get('kasi.dukcapil', name);
    expect(first.status).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toMatch(/authorization/i);
    const asOf = (first.body as { asOf: string }).asOf;
    expect(first.headers['last-modified']).toBe(new Date(asOf).toUTCString());
    const again = await get('kasi.dukcapil', name, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);
    // Among others, and weak: still the same representation.
    expect((await get('kasi.dukcapil', name, { 'If-None-Match': `"x", W/${etag}` })).status).toBe(304);
    // Another filter is another representation.
    const other = await get('kasi.dukcapil', name, { 'If-None-Match': etag }, { from: '2026-01-01', to: '2026-01-31' });
    expect(other.status).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it("never confirms another scope's copy: a kasi of Kemenag with Dukcapil's tag gets Kemenag's figures", async () => {
    const dukcapil = await get('kasi.dukcapil', 'sla');
    const kemenag = await get('kasi.kemenag', 'sla', { 'If-None-Match': dukcapil.headers.etag });
    expect(kemenag.status).toBe(200);
    expect(kemenag.headers.etag).not.toBe(dukcapil.headers.etag);
    const leadership = await get('pimpinan', 'sla', { 'If-None-Match': dukcapil.headers.etag });
    expect(leadership.status).toBe(200);
    expect(new Set([dukcapil.headers.etag, kemenag.headers.etag, leadership.headers.etag]).size).toBe(3);
    // Same scope, same tag: the kasi and the kadis of Dukcapil may read exactly the same rows.
    expect((await get('kadis.dukcapil', 'sla', { 'If-None-Match': dukcapil.headers.etag })).status).toBe(304);
  });

  it('a refresh that moves the figures changes the tag; the old tag then gets the new figures', async () => {
    const before = await get('kasi.dukcapil', 'sla');
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await expect(refresh()).resolves.toBe(true);
    const after = await get('kasi.dukcapil', 'sla', { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((after.body as { open: number }).open).toBe((before.body as { open: number }).open + 1);
    expect(Date.parse(after.headers['last-modified'])).toBeGreaterThanOrEqual(
      Math.floor(Date.parse((before.body as { asOf: string }).asOf) / 1000) * 1000,
    );
  }, 60_000);

  const picker = async (user: string, filter: Record<string, unknown> = {}) => {
    const res = await t.http
      .get('/api/services')
      .query({ filter: JSON.stringify({ scope: 'reports', ...filter }), range: '[0,199]' })
      .set(await as(t, user))
      .expect(200);
    return res.body as { id: string; opdId: string }[];
  };
  const opdOf = async (username: string) =>
    (await t.db.query<{ opd_id: string }[]>(`SELECT opd_id FROM users WHERE username = $1`, [username]))[0].opd_id;

  it.each(['kasi.dukcapil', 'kadis.dukcapil', 'kasi.kemenag', 'kadis.kemenag'])(
    "%s's report service picker lists only the own OPD's services",
    async (user) => {
      const own = await opdOf(user);
      const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM services WHERE opd_id = $1`, [own]);
      const listed = await picker(user);
      expect(n).toBeGreaterThan(0);
      expect(listed).toHaveLength(n);
      expect(new Set(listed.map((s) => s.opdId))).toEqual(new Set([own]));
      // Asking for another OPD's services narrows to nothing, never widens.
      expect(await picker(user, { opdId: await opdOf(user.endsWith('dukcapil') ? 'kasi.kemenag' : 'kasi.dukcapil') })).toEqual([]);
    },
  );

  it('leadership keeps every service of the city; an officer (no reports) gets none; a bad scope is 400 naming it', async () => {
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM services`);
    const all = await picker('pimpinan');
    expect(all).toHaveLength(n);
    expect(new Set(all.map((s) => s.opdId)).size).toBeGreaterThan(1);
    expect(await picker('petugas.dukcapil')).toEqual([]);
    // Without the scope the catalog stays whole (other screens pick any service).
    const plain = await t.http
      .get('/api/services')
      .query({ range: '[0,199]' })
      .set(await as(t, 'kasi.dukcapil'))
      .expect(200);
    expect(plain.body).toHaveLength(n);
    const bad = await t.http
      .get('/api/services')
      .query({ filter: JSON.stringify({ scope: 'everything' }) })
      .set(await as(t, 'kasi.dukcapil'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('filter.scope');
  });
});
