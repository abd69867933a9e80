import { createTestApp, TestApp } from '../support/test-app';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports a healthy database on GET /api/health', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves a valid OpenAPI 3 document that covers the health route', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/health');
  });

  it('documents every operation with a summary and its security: none for public routes, the bearer token for the rest', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      servers: unknown[];
      paths: Record<string, Record<string, { summary?: string; security?: unknown[] }>>;
    };
    expect(doc.servers.length).toBeGreaterThan(0);
    const publicPaths = /^\/api\/(public\/|health$|auth\/(login|refresh)$)/;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(80);
    for (const { path, method, op } of operations) {
      const security = publicPaths.test(path) ? [] : [{ bearer: [] }];
      expect({ path, method, summary: op.summary, security: op.security }).toEqual({ path, method, summary: expect.any(String), security });
      expect(op.summary).not.toBe('');
    }
  });

  it('answers unknown API routes with the one error shape', async () => {
    const res = await t.http.get('/api/no-such-route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      error: 'Not Found',
      message: expect.stringContaining('/api/no-such-route'),
    });
  });

  it('keeps a well-formed caller request id and gives every other request a fresh one', async () => {
    const given = await t.http.get('/api/health').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const malformed = await t.http.get('/api/health').set('x-request-id', 'no spaces allowed').expect(200);
    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await t.http.get('/api/no-such-route').expect(404);
    expect(failed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.headers['x-request-id']).not.toBe(malformed.headers['x-request-id']);
  });

  it("sends API responses the API security headers and pages helmet's full set", async () => {
    for (const res of [await t.http.get('/api/health').expect(200), await t.http.get('/api/no-such-route').expect(404)]) {
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(res.headers['origin-agent-cluster']).toBeUndefined();
    }
    const page = await t.http.get('/api/docs');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['origin-agent-cluster']).toBe('?1');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  // UPDATE and DELETE of existing events are refused per row (workflow.e2e-spec.ts, where events exist).
  it('refuses TRUNCATE of the event log at the database level; an UPDATE touching no row is not an error', async () => {
    await expect(t.db.query(`UPDATE case_events SET type = 'X'`)).resolves.toBeDefined();
    await expect(t.db.query(`TRUNCATE case_events`)).rejects.toThrow(/append-only/);
  });
});
