import { Writable } from 'node:stream';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { RelayService } from '../../api/src/notifications/relay/relay.service';
import { DispatcherService } from '../../api/src/notifications/relay/dispatcher.service';
import { SenderService } from '../../api/src/notifications/relay/sender.service';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, VALID_NIK, withIntakeDocuments } from '../support/session';
import { startHttpSink, waitFor, type HttpSink, type ReceivedRequest } from '../support/fake-servers';

const body = (r: ReceivedRequest) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> };

describe('signed webhooks and integration API keys', () => {
  let t: TestApp;
  let sink: HttpSink;
  let admin: { Authorization: string };
  let dukcapil: string;
  let kemenag: string;

  beforeAll(async () => {
    sink = await startHttpSink();
    t = await createTestApp({
      seed: demoSeed(0),
      env: {
        JOBS_ENABLED: 'true',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        RELAY_POLL_MS: '50',
        DELIVERY_MAX_ATTEMPTS: '4',
        DELIVERY_RETRY_BASE_MS: '50',
        API_KEY_RATE_LIMIT: '20',
      },
    });
    admin = await as(t, 'admin');
    dukcapil = await idOf(t, 'opds', 'code', 'dukcapil');
    kemenag = await idOf(t, 'opds', 'code', 'kemenag');
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function subscriber(
    name: string,
    path: string,
    opdIds: string[] | null = null,
    eventTypes = ['case.submitted', 'case.transitioned', 'case.assigned'],
  ) {
    const res = await t.http
      .post('/api/webhook-subscribers')
      .set(admin)
      .send({ name, url: `${sink.url}${path}`, eventTypes, opdIds });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  }
  const at = (path: string) => sink.requests.filter((r) => r.path === path);

  it('delivers thin, signed events in the OPD scope; the documented helper verifies them and refuses forged or stale ones', async () => {
    const sub = await subscriber('SIMPEG Dukcapil', '/dukcapil', [dukcapil]);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await t.http.get('/api/webhook-subscribers').set(admin).expect(200)).body as Record<string, unknown>[];
    expect(listed.find((s) => s.id === sub.id)).not.toHaveProperty('secret');
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await counterCase(t, 'petugas.kemenag', 'rekomendasi-paspor-haji');
    await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'CLAIM', version: c.version })
      .expect(200);
    await waitFor(() => at('/dukcapil').length >= 2, 10_000, 'two webhooks');
    const [submitted, claimed] = at('/dukcapil');
    expect(at('/dukcapil').every((r) => body(r).data.opdId === dukcapil)).toBe(true);
    expect(body(submitted)).toMatchObject({
      type: 'case.submitted',
      data: {
        caseId: c.id,
        trackingCode: c.trackingCode,
        state: 'submitted',
        links: { case: expect.stringContaining(`/api/integration/cases/${c.id}`) },
      },
    });
    expect(body(claimed)).toMatchObject({ type: 'case.assigned', data: { action: 'claim' } });
    for (const r of at('/dukcapil')) {
      expect(r.body).not.toContain(VALID_NIK);
      expect(r.body).not.toContain('Sari Wulandari');
    }
    const r = submitted;
    const headers = {
      'webhook-id': String(r.headers['webhook-id']),
      'webhook-timestamp': String(r.headers['webhook-timestamp']),
      'webhook-signature': String(r.headers['webhook-signature']),
    };
    expect(headers['webhook-id']).toMatch(/^msg_\d+$/);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    // The receiver's helper (docs/INTEGRATION.md): standardwebhooks' Webhook#verify.
    const receiver = new Webhook(sub.secret);
    expect(receiver.verify(r.body, headers)).toMatchObject({ type: 'case.submitted' });
    expect(() => receiver.verify(r.body.replace(c.trackingCode, 'DKC-FAKE-0000'), headers)).toThrow('No matching signature found');
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(r.body, headers)).toThrow(
      'No matching signature found',
    );
    const stale = Math.floor(Date.now() / 1000) - 3600;
    const staleHeaders = {
      ...headers,
      'webhook-timestamp': String(stale),
      'webhook-signature': receiver.sign(headers['webhook-id'], new Date(stale * 1000), r.body),
    };
    expect(() => receiver.verify(r.body, staleHeaders)).toThrow('Message timestamp too old');
    expect(() => receiver.verify(r.body, { ...headers, 'webhook-signature': 'v1,AAAA' })).toThrow();
  });

  it('rotates the secret with an overlap (both signatures), replays a range with the same ids, and dead-letters a failing receiver', async () => {
    const sub = await subscriber('Rotasi', '/rotate', [dukcapil], ['case.submitted']);
    const [{ from }] = await t.db.query<{ from: Date }[]>(`SELECT now() AS from`);
    const c1 = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await waitFor(() => at('/rotate').length === 1, 10_000, 'first');
    const rotated = (await t.http.post(`/api/webhook-subscribers/${sub.id}/rotate-secret`).set(admin).expect(200)).body as {
      secret: string;
      previousSecretUntil: string;
    };
    expect(rotated.secret).not.toBe(sub.secret);
    expect(rotated.previousSecretUntil).toEqual(expect.any(String));
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await waitFor(() => at('/rotate').length === 2, 10_000, 'second');
    const second = at('/rotate')[1];
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const h = {
      'webhook-id': String(second.headers['webhook-id']),
      'webhook-timestamp': String(second.headers['webhook-timestamp']),
      'webhook-signature': String(second.headers['webhook-signature']),
    };
    expect(new Webhook(rotated.secret).verify(second.body, h)).toBeTruthy();
    expect(new Webhook(sub.secret).verify(second.body, h)).toBeTruthy();

    const replay = await t.http
      .post(`/api/webhook-subscribers/${sub.id}/replay`)
      .set(admin)
      .send({ from: from.toISOString(), to: new Date(Date.now() + 1000).toISOString() })
      .expect(200);
    expect(replay.body.queued).toBe(2);
    await waitFor(() => at('/rotate').length === 4, 10_000, 'replay');
    const ids = at('/rotate').map((r) => r.headers['webhook-id']);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[1]);
    expect(body(at('/rotate')[2]).data.caseId).toBe(c1.id);
    // The partner's page lists its own deliveries only (filter.subscriberId); a bad id is a 400 naming the field.
    const own = (
      await t.http
        .get('/api/deliveries')
        .query({ filter: JSON.stringify({ subscriberId: sub.id }) })
        .set(admin)
        .expect(200)
    ).body as { recipient: string; channel: string }[];
    expect(own).toHaveLength(2);
    expect(own.every((d) => d.recipient === 'Rotasi' && d.channel === 'webhook')).toBe(true);
    const bad = await t.http
      .get('/api/deliveries')
      .query({ filter: JSON.stringify({ subscriberId: 'x' }) })
      .set(admin)
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('filter.subscriberId');

    // A receiver answering 503 is retried (never blocking the case), then dead-lettered at the limit.
    sink.always(503);
    const c3 = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    await waitFor(
      async () => {
        const rows = await t.db.query<{ status: string; attempts: number; last_status: number }[]>(
          `SELECT status, attempts, last_status FROM deliveries WHERE aggregate_id = $1 AND subscriber_id = $2`,
          [c3.id, sub.id],
        );
        return rows[0]?.status === 'dead';
      },
      20_000,
      'dead letter',
    );
    const dead = (
      await t.http
        .get('/api/deliveries')
        .query({ filter: JSON.stringify({ status: 'dead', caseId: c3.id }) })
        .set(admin)
        .expect(200)
    ).body;
    expect(dead[0]).toMatchObject({ channel: 'webhook', recipient: 'Rotasi', lastStatus: 503, lastError: 'Receiver answered 503' });
    sink.always(null);
    await t.http.post(`/api/deliveries/${dead[0].id}/retry`).set(admin).expect(200);
    await waitFor(() => at('/rotate').some((r) => body(r).data.caseId === c3.id), 10_000, 'retried webhook');
  });

  it('keeps order per case and hands each delivery to one of several relays at a time, and re-delivers after a crashed lease', async () => {
    await t.app.get(RelayService).stop();
    const sub = await subscriber('Urutan', '/order', [dukcapil], ['case.assigned']);
    const cases = await Promise.all(Array.from({ length: 8 }, () => counterCase(t, 'petugas.dukcapil', 'ktp-el-baru')));
    const kasi = await as(t, 'kasi.dukcapil');
    const budi = await idOf(t, 'users', 'username', 'verifikator.dukcapil');
    const yusuf = await idOf(t, 'users', 'username', 'verifikator2.dukcapil');
    for (const c of cases) {
      let version = c.version;
      for (let i = 0; i < 6; i++) {
        const res = await t.http
          .post(`/api/cases/${c.id}/events`)
          .set(kasi)
          .send({ type: 'ASSIGN', version, assigneeId: i % 2 ? budi : yusuf, reason: `putaran ${i}` })
          .expect(200);
        version = res.body.version;
      }
    }
    const dispatcher = t.app.get(DispatcherService);
    while ((await dispatcher.dispatch(100)).rows > 0);
    // A "crashed" instance claimed the first delivery of the first case and never reported.
    await t.db.query(
      `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = now() + interval '1 second'
        WHERE id = (SELECT min(id) FROM deliveries WHERE subscriber_id = $1 AND aggregate_id = $2)`,
      [sub.id, cases[0]?.id],
    );
    const sender = t.app.get(SenderService);
    const relays = Array.from({ length: 3 }, async () => {
      const until = Date.now() + 15_000;
      while (at('/order').length < 48 && Date.now() < until)
        if ((await sender.sendBatch(5)) === 0) await new Promise((r) => setTimeout(r, 50));
    });
    await Promise.all(relays);
    const got = at('/order');
    expect(got).toHaveLength(48);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(48);
    for (const c of cases) {
      const seq = got.filter((r) => body(r).data.caseId === c.id).map((r) => Number(String(r.headers['webhook-id']).slice(4)));
      expect(seq).toEqual([...seq].sort((a, b) => a - b));
      expect(seq).toHaveLength(6);
    }
    t.app.get(RelayService).start();
  });

  it('refuses non-http(s) subscriber URLs with 422 and names the field', async () => {
    const res = await t.http
      .post('/api/webhook-subscribers')
      .set(admin)
      .send({ name: 'FTP', url: 'ftp://example.org/x', eventTypes: ['case.submitted'] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'URL_NOT_ALLOWED', details: [{ field: 'url' }] });
    await t.http
      .post('/api/webhook-subscribers')
      .set(await as(t, 'kasi.dukcapil'))
      .send({ name: 'x', eventTypes: [] })
      .expect(403);
  });

  it('API keys: shown once, stored hashed, scoped to one OPD in SQL, no personal data, revocable, rate-limited', async () => {
    const sub = await subscriber('SIAK Kemenag', '/kemenag', [kemenag], []);
    const created = await t.http
      .post('/api/api-keys')
      .set(admin)
      .send({ subscriberId: sub.id, name: 'siak-kemenag', scopes: ['cases:read', 'cases:create'], opdId: dukcapil })
      .expect(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^ltk_[0-9A-Za-z]{46}$/);
    const [stored] = await t.db.query<{ key_hash: string }[]>(`SELECT key_hash FROM api_keys WHERE id = $1`, [created.body.id]);
    expect(stored?.key_hash).not.toContain(key.slice(4, 20));
    const listed = (await t.http.get('/api/api-keys').set(admin).expect(200)).body as Record<string, unknown>[];
    expect(listed.find((k) => k.id === created.body.id)).not.toHaveProperty('key');
    const bearer = { Authorization: `Bearer ${key}` };
    const own = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const other = await counterCase(t, 'petugas.kemenag', 'rekomendasi-paspor-haji');
    const list = await t.http.get('/api/integration/cases').query({ range: '[0,199]' }).set(bearer).expect(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.every((c: { opdId: string }) => c.opdId === dukcapil)).toBe(true);
    const detail = (await t.http.get(`/api/integration/cases/${own.id}`).set(bearer).expect(200)).body;
    expect(detail.applicantNik).not.toBe(VALID_NIK);
    await t.http.get(`/api/integration/cases/${other.id}`).set(bearer).expect(404);
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    const made = await withIntakeDocuments(t, t.http.post('/api/integration/cases').set(bearer), {
      serviceId,
      applicant: { nik: VALID_NIK, name: 'Dari Sistem', phone: '081234567890' },
    });
    expect(made.status).toBe(201);
    const [submit] = await t.db.query<{ actor_name: string; actor_id: string | null }[]>(
      `SELECT actor_name, actor_id FROM case_events WHERE case_id = $1 AND type = 'SUBMIT'`,
      [made.body.id],
    );
    expect(submit).toEqual({ actor_name: 'Integrasi: siak-kemenag', actor_id: null });
    const kemenagService = await t.db.query<{ id: string }[]>(`SELECT id FROM services WHERE opd_id = $1 LIMIT 1`, [kemenag]);
    await t.http
      .post('/api/integration/cases')
      .set(bearer)
      .send({ serviceId: kemenagService[0]?.id, applicant: { nik: VALID_NIK, name: 'Ahmad Fauzi', phone: '081234567890' } })
      .expect(403);
    // Keys reach only the integration API; documents need their own scope.
    expect((await t.http.get('/api/cases').set(bearer)).status).toBe(403);
    expect((await t.http.get(`/api/integration/cases/${own.id}/documents/${own.id}/content`).set(bearer)).status).toBe(403);
    // A mistyped key is refused without a lookup; a revoked one after revocation.
    expect((await t.http.get('/api/integration/cases').set({ Authorization: `Bearer ${key.slice(0, -1)}x` })).body.code).toBe(
      'API_KEY_INVALID',
    );
    let limited = 0;
    for (let i = 0; i < 25; i++) if ((await t.http.get(`/api/integration/cases/${own.id}`).set(bearer)).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    await t.http.post(`/api/api-keys/${created.body.id}/revoke`).set(admin).expect(200);
    const revoked = await t.http.get('/api/integration/cases').set(bearer);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('API_KEY_INVALID');
  });
});

describe('the access log of integration calls', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), env: { LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it("writes every call with the key's name, and no NIK", async () => {
    const admin = await as(t, 'admin');
    const dukcapil = await idOf(t, 'opds', 'code', 'dukcapil');
    const sub = (await t.http.post('/api/webhook-subscribers').set(admin).send({ name: 'SIAK Log', eventTypes: [] }).expect(201)).body as {
      id: string;
    };
    const key = (
      await t.http
        .post('/api/api-keys')
        .set(admin)
        .send({ subscriberId: sub.id, name: 'siak-log', scopes: ['cases:read'], opdId: dukcapil })
        .expect(201)
    ).body.key as string;
    const own = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    // The app's own pino root logger, pointed at memory for this test (the lines as they would reach stdout).
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    // `root` is readonly in the types only; nestjs-pino itself sets it at init (and resets it for tests).
    const logger = PinoLogger as unknown as { root: pino.Logger };
    const root = logger.root;
    logger.root = pino({ level: 'info' }, sink);
    try {
      const bearer = { Authorization: `Bearer ${key}` };
      await t.http
        .get('/api/integration/cases')
        .query({ filter: JSON.stringify({ q: VALID_NIK }) })
        .set(bearer)
        .expect(200);
      await t.http.get(`/api/integration/cases/${own.id}`).set(bearer).expect(200);
      await t.http.get('/api/integration/cases/00000000-0000-4000-8000-000000000000').set(bearer).expect(404);
    } finally {
      logger.root = root;
    }
    const calls = lines.filter((l) => typeof l.url === 'string' && l.url.startsWith('/api/integration/'));
    expect(calls.map((l) => [l.status, l.apiKey])).toEqual([
      [200, 'siak-log'],
      [200, 'siak-log'],
      [404, 'siak-log'],
    ]);
    expect(JSON.stringify(calls)).not.toContain(VALID_NIK);
  });
});

describe('webhook URLs outside demo mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), env: { WEBHOOK_ALLOW_PRIVATE: 'false', DEMO_MODE: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.0.0.5/hook', 'http://169.254.169.254/latest'])(
    'refuses %s with 422 (SSRF)',
    async (url) => {
      const res = await t.http
        .post('/api/webhook-subscribers')
        .set(await as(t, 'admin'))
        .send({ name: `x-${url}`, url, eventTypes: ['case.submitted'] });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'URL_NOT_ALLOWED', details: [{ field: 'url' }] });
    },
  );
});
