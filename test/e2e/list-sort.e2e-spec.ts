import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed } from '../support/session';

/**
 * The stock react-admin REST client (ra-data-simple-rest) asks every list for
 * `sort=["id","ASC"]` unless told otherwise; every list answers it, in id order.
 */
describe('every list sorts by id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(3) });
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
  });
  afterAll(async () => {
    await t.close();
  });

  // [path, who reads it, whether the list sorts (the others take no sort and must not refuse one)]
  const LISTS: [string, string, boolean][] = [
    ['/api/services', 'admin', true],
    ['/api/opds', 'admin', true],
    ['/api/users', 'admin', true],
    ['/api/holidays', 'admin', true],
    ['/api/workflows', 'admin', true],
    ['/api/signatories', 'admin', true],
    ['/api/deliveries', 'admin', true],
    ['/api/cases', 'kasi.dukcapil', true],
    ['/api/notification-templates', 'admin', false],
    ['/api/webhook-subscribers', 'admin', false],
    ['/api/api-keys', 'admin', false],
    ['/api/notifications', 'petugas.dukcapil', false],
  ];
  const ids = (body: { id: string | number }[]) => body.map((r) => String(r.id));
  const sorted = (xs: string[], order: 'ASC' | 'DESC') => {
    const cmp = (a: string, b: string) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);
    const out = [...xs].sort(cmp);
    return order === 'ASC' ? out : out.reverse();
  };

  it.each(LISTS)('%s answers sort=["id","ASC"] and ["id","DESC"] in id order', async (path, user, sorts) => {
    for (const order of ['ASC', 'DESC'] as const) {
      const res = await t.http
        .get(path)
        .query({ sort: JSON.stringify(['id', order]), range: '[0,49]' })
        .set(await as(t, user));
      expect({ path, order, status: res.status, code: res.body.code }).toEqual({ path, order, status: 200, code: undefined });
      expect(Array.isArray(res.body)).toBe(true);
      if (sorts) expect(ids(res.body)).toEqual(sorted(ids(res.body), order));
    }
  });

  it('lists with data hold several rows, so their order is a real check', async () => {
    for (const path of ['/api/services', '/api/opds', '/api/users', '/api/holidays', '/api/workflows']) {
      const res = await t.http
        .get(path)
        .query({ sort: '["id","ASC"]' })
        .set(await as(t, 'admin'));
      expect({ path, n: res.body.length > 2 }).toEqual({ path, n: true });
    }
  });

  it('still refuses an unknown sort field, naming it', async () => {
    const res = await t.http
      .get('/api/services')
      .query({ sort: '["nope","ASC"]' })
      .set(await as(t, 'admin'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('FIELD_INVALID');
    expect(res.body.message).toContain('nope');
  });
});
