import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app';
import { as, demoSeed } from '../support/session';
import { operationsOf, requestArbitrary, type FuzzRequest, type OpenApiDocument } from '../support/openapi-fuzz';

// Requests generated from the API's own OpenAPI document: every operation, with path ids,
// query strings, headers and bodies built from its schemas and then bent (wrong types, huge
// strings, odd content types). Whatever comes in, the API answers without a 5xx, without a
// stack trace and without SQL text. fast-check shrinks a failure to a minimal request.
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);

const ENDS_SESSION = /^\/api\/auth\/(logout|password|change-password)/;
const STACK = /\n\s+at .+:\d+:\d+|at [\w.<>]+ \(.+:\d+:\d+\)/;
const SQL =
  /\b(SELECT .+ FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|syntax error at or near|violates (?:foreign key|unique|not-null|check)|relation "\w+"|column "\w+")/i;

describe('fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let auth: Record<string, string>[];
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(6) });
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    // Anonymous, a desk officer and the administrator: the same request meets three rule sets.
    auth = [{}, await as(t, 'petugas.dukcapil'), await as(t, 'admin')];
    // Real ids too, so generated bodies reach the services behind the 404s.
    const rows: { id: string }[] = await t.db.query(
      `SELECT id::text FROM services UNION ALL SELECT id::text FROM opds UNION ALL (SELECT id::text FROM cases LIMIT 6)`,
    );
    ids = rows.map((r) => r.id);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('covers every operation of the document', () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((o) => o.method === 'post').length).toBeGreaterThan(10);
  });

  // Counterexamples the fuzzer shrank, kept as plain tests.
  it('refuses a repeated single-valued query parameter with 400 naming it', async () => {
    const res = await t.http.get('/api/public/services?q=a&q=b').expect(400);
    expect(res.body.code).toBe('FIELD_INVALID');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'q' })]);
  });

  it('refuses null for a required column with 400 naming the field, changing nothing', async () => {
    const [opd]: { id: string; name: string }[] = await t.db.query(`SELECT id, name FROM opds ORDER BY code LIMIT 1`);
    const res = await t.http.put(`/api/opds/${opd.id}`).set(auth[2]).send({ name: null }).expect(400);
    expect(res.body.code).toBe('FIELD_INVALID');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    const [after]: { name: string }[] = await t.db.query(`SELECT name FROM opds WHERE id = $1`, [opd.id]);
    expect(after.name).toBe(opd.name);
  });

  it('refuses a NUL character in any field with 400 naming it, writing nothing', async () => {
    const before: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM opds`);
    const res = await t.http
      .post('/api/opds')
      .set(auth[2])
      .send({ code: 'nul-test', name: 'Dinas Uji', shortName: 'DU', kind: 'dinas', address: 'Jl. A\u0000B' })
      .expect(400);
    expect(res.body.code).toBe('FIELD_INVALID');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'address' })]);
    const after: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM opds`);
    expect(after[0].n).toBe(before[0].n);
    const query = await t.http.get('/api/public/services?q=a%00b').expect(400);
    expect(query.body.details).toEqual([expect.objectContaining({ field: 'q' })]);
  });

  it(`answers ${RUNS} generated requests with no 5xx, no stack trace and no SQL text`, async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const statuses = new Map<number, number>();
    const arb = fc.tuple(requestArbitrary(doc, ids), fc.integer({ min: 0, max: 2 }));
    await fc.assert(
      fc.asyncProperty(arb, async ([req, who]: [FuzzRequest, number]) => {
        const options: InjectOptions = {
          method: req.method.toUpperCase() as InjectOptions['method'],
          url: req.url,
          // Signing out (or changing the password) would end the session the other requests use.
          headers: { ...req.headers, ...(ENDS_SESSION.test(req.url) ? {} : auth[who]) },
          payload: req.payload,
        };
        const res = await fastify.inject(options);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const body = res.body;
        if (res.statusCode >= 500) throw new Error(`${res.statusCode} from ${req.method} ${req.url}: ${body.slice(0, 300)}`);
        if (STACK.test(body)) throw new Error(`stack trace from ${req.method} ${req.url}: ${body.slice(0, 300)}`);
        if (res.headers['content-type']?.toString().includes('json') && SQL.test(body) && res.statusCode >= 400) {
          throw new Error(`SQL text from ${req.method} ${req.url}: ${body.slice(0, 300)}`);
        }
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: false },
    );
    if (process.env.FUZZ_VERBOSE) process.stdout.write(`${JSON.stringify([...statuses].sort())}\n`);
    // The generator reaches past the validators: some requests are refused, some succeed.
    const count = (pred: (s: number) => boolean) => [...statuses].filter(([s]) => pred(s)).reduce((n, [, c]) => n + c, 0);
    expect(count((s) => s >= 400 && s < 500)).toBeGreaterThan(RUNS / 4);
    expect(count((s) => s >= 200 && s < 300)).toBeGreaterThan(RUNS / 50);
  }, 600_000);
});
