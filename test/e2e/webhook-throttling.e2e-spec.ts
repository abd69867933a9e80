import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed } from '../support/session';
import { startMessageSinks, waitFor, type MessageSinks } from '../support/fake-servers';

/** What a scripted receiver saw: each request's arrival, its webhook-id and case, and the status it got. */
interface Hit {
  at: number;
  id: number;
  caseId: string | null;
  status: number;
}

/** A webhook receiver on loopback whose answer (status and headers) the test decides per request. */
async function scriptedReceiver(answer: (hit: Omit<Hit, 'status'>) => { status: number; headers?: Record<string, string> }) {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { caseId?: string } };
      const hit = { at: Date.now(), id: Number(String(req.headers['webhook-id']).replace('msg_', '')), caseId: body.data?.caseId ?? null };
      const { status, headers } = answer(hit);
      hits.push({ ...hit, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{}');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CASES = 4;
const PER_CASE = 3;

describe('webhook throttling and suspension notices', () => {
  let t: TestApp;
  let sinks: MessageSinks;
  let admin: { Authorization: string };
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    sinks = await startMessageSinks();
    t = await createTestApp({
      seed: demoSeed(0),
      env: {
        ...sinks.env,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        DELIVERY_MAX_ATTEMPTS: '15',
        DELIVERY_RETRY_MAX_SECONDS: '1',
        WEBHOOK_PROBE_SECONDS: '2',
      },
    });
    admin = await as(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
    for (const close of closers) await close();
    await sinks.close();
  });

  const register = async (name: string, url: string, contactEmail: string) =>
    (
      await t.http
        .post('/api/webhook-subscribers')
        .set(admin)
        .send({ name, url, contactEmail, eventTypes: ['case.submitted', 'case.transitioned'] })
        .expect(201)
    ).body as { id: string; contactEmail: string | null };
  const view = async (id: string) =>
    (await t.http.get(`/api/webhook-subscribers/${id}`).set(admin).expect(200)).body as {
      suspendedAt: string | null;
      suspendedReason: 'failures' | 'throttled' | null;
      failureStreak: number;
      throttledUntil: string | null;
      contactEmail: string | null;
    };
  const statusCounts = async (subscriberId: string) =>
    Object.fromEntries(
      (
        await t.db.query<{ status: string; n: number }[]>(
          `SELECT status, count(*)::int AS n FROM deliveries WHERE subscriber_id = $1 GROUP BY status`,
          [subscriberId],
        )
      ).map((r) => [r.status, r.n]),
    ) as Record<string, number>;
  /** A backlog: perCase due deliveries for each of `cases` cases (in order per case). */
  const backlog = (subscriberId: string, seed: number, cases = CASES, perCase = PER_CASE) =>
    t.db.query(
      `WITH o AS (
         INSERT INTO outbox (topic, aggregate_id, payload, processed_at)
         SELECT 'case.transitioned', ('00000000-0000-4000-8000-' || lpad(($3::int * 100 + g % $1::int)::text, 12, '0'))::uuid, '{}'::jsonb, now()
           FROM generate_series(0, $1::int * $2::int - 1) g ORDER BY g RETURNING id, aggregate_id)
       INSERT INTO deliveries (outbox_id, aggregate_id, channel, target, event, subscriber_id, message)
       SELECT o.id, o.aggregate_id, 'webhook', 'webhook:' || $4::text, 'case.transitioned', $4::uuid,
              jsonb_build_object('type', 'case.transitioned', 'timestamp', now(), 'data', jsonb_build_object('caseId', o.aggregate_id))
         FROM o ORDER BY o.id`,
      [cases, perCase, seed, subscriberId],
    );
  const inOrderPerCase = (hits: Hit[]) => {
    const perCase = new Map<string, number[]>();
    for (const h of hits) if (h.caseId) perCase.set(h.caseId, [...(perCase.get(h.caseId) ?? []), h.id]);
    for (const seq of perCase.values()) expect(seq).toEqual([...seq].sort((a, b) => a - b));
  };

  it('waits for a receiver that answers 429 with Retry-After: every delivery to it waits, none counts as a failure, all arrive in order', async () => {
    let throttleUntil = 0;
    const rx = await scriptedReceiver(() => {
      // Throttles for 7 s from its first request (about four Retry-After rounds), then accepts.
      if (!throttleUntil) throttleUntil = Date.now() + 7000;
      return Date.now() < throttleUntil ? { status: 429, headers: { 'retry-after': '2' } } : { status: 204 };
    });
    closers.push(rx.close);
    const sub = await register('Mitra Sibuk', rx.url, 'ops@sibuk.example.id');
    await backlog(sub.id, 1);

    // Never suspended, while it throttles and after (checked every 100 ms until all is delivered).
    let everSuspended = false;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const r = await t.http.get(`/api/webhook-subscribers/${sub.id}`).set(admin);
        if (r.status === 200 && (r.body as { suspendedAt: string | null }).suspendedAt) everSuspended = true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const deliveriesTo = async (caseId?: string) =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM deliveries WHERE subscriber_id = $1 AND ($2::uuid IS NULL OR aggregate_id = $2)`,
          [sub.id, caseId ?? null],
        )
      )[0].n;
    let total = 0;
    let freshId = '';
    try {
      // The relay records the receiver's wait; a new event meanwhile waits for it too.
      await waitFor(() => rx.hits.some((h) => h.status === 429), 10_000, 'the first 429');
      await waitFor(async () => (await view(sub.id)).throttledUntil !== null, 5_000, 'the subscriber throttled');
      freshId = (await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru')).id;
      await waitFor(async () => (await deliveriesTo(freshId)) > 0, 10_000, "the new case's delivery");
      total = await deliveriesTo();
      expect(total).toBeGreaterThan(CASES * PER_CASE);
      await waitFor(async () => (await statusCounts(sub.id)).delivered === total, 40_000, 'everything delivered');
    } finally {
      watching = false;
      await watcher;
    }

    expect(everSuspended).toBe(false);
    expect(await statusCounts(sub.id)).toEqual({ delivered: total });
    expect(await view(sub.id)).toMatchObject({ suspendedAt: null, failureStreak: 0 });
    const throttles = rx.hits.filter((h) => h.status === 429);
    expect(throttles.length).toBeGreaterThanOrEqual(10); // more than would suspend a failing receiver
    // Nothing reached the receiver sooner than 2 s after a 429 it answered, except requests that were
    // already under way when it answered (sent before the relay could know: within 250 ms).
    const early = rx.hits.flatMap((h) =>
      throttles.filter((x) => h.at > x.at + 250 && h.at < x.at + 2000).map((x) => `${h.id} at +${h.at - x.at} ms after 429 of ${x.id}`),
    );
    expect(early).toEqual([]);
    // Each delivery was accepted once, in order per case, the new case's one too.
    const accepted = rx.hits.filter((h) => h.status === 204);
    expect(new Set(accepted.map((h) => h.id)).size).toBe(total);
    expect(accepted.some((h) => h.caseId === freshId)).toBe(true);
    inOrderPerCase(accepted);
    // Throttled attempts are counted apart: none of them used up DELIVERY_MAX_ATTEMPTS.
    const [{ worst }] = await t.db.query<{ worst: number }[]>(
      `SELECT max(attempts - throttles)::int AS worst FROM deliveries WHERE subscriber_id = $1`,
      [sub.id],
    );
    expect(worst).toBe(1);
  }, 60_000);

  it('suspends a receiver after ten 500s in a row, e-mails its contact once, and again once when the probe resumes it; admins see both', async () => {
    let failures = 10;
    const rx = await scriptedReceiver(() => (failures-- > 0 ? { status: 500 } : { status: 200 }));
    closers.push(rx.close);
    const contact = 'tim-it@rusak.example.id';
    const sub = await register('Mitra Rusak', rx.url, contact);
    expect(sub.contactEmail).toBe(contact);
    // A bad address is refused naming the field, and nothing is written.
    const bad = await t.http.put(`/api/webhook-subscribers/${sub.id}`).set(admin).send({ contactEmail: 'bukan-email' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('contactEmail');
    expect((await view(sub.id)).contactEmail).toBe(contact);

    // One case: its deliveries go one at a time, so the ten 500s are ten failures in a row.
    await backlog(sub.id, 2, 1, 12);
    await waitFor(async () => (await view(sub.id)).suspendedAt !== null, 20_000, 'suspension');
    // The console names the reason (a streak of failures); the row keeps it through failed probes.
    expect((await view(sub.id)).suspendedReason).toBe('failures');
    const toContact = (subject: RegExp) =>
      sinks.smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(contact) && subject.test(m.subject ?? ''));
    await waitFor(() => toContact(/ditangguhkan/).length > 0, 10_000, 'the suspension e-mail');
    const [mail] = toContact(/ditangguhkan/);
    expect(mail.subject).toBe('Pengiriman webhook ke Mitra Rusak ditangguhkan / Webhook deliveries to Mitra Rusak suspended');
    expect(mail.text).toMatch(/\d+ pengiriman berturut-turut gagal/);
    expect(mail.text).toContain('Receiver answered 500');

    // The probe (after WEBHOOK_PROBE_SECONDS = 2) gets a 200: resumed, everything delivered in order.
    await waitFor(async () => (await view(sub.id)).suspendedAt === null, 15_000, 'resume by the probe');
    expect((await view(sub.id)).suspendedReason).toBeNull();
    await waitFor(async () => (await statusCounts(sub.id)).delivered === 12, 20_000, 'everything delivered');
    await waitFor(() => toContact(/dilanjutkan/).length > 0, 10_000, 'the resume e-mail');
    await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate to show up
    expect(toContact(/ditangguhkan/)).toHaveLength(1);
    expect(toContact(/dilanjutkan/)).toHaveLength(1);
    expect(rx.hits.filter((h) => h.status === 500)).toHaveLength(10);
    inOrderPerCase(rx.hits.filter((h) => h.status === 200));

    // The city's administrators see both in the bell, linked to the partner.
    const notices = (await t.http.get('/api/notifications').set(admin).expect(200)).body as {
      kind: string;
      caseId: string | null;
      data: { subscriberId?: string; subscriberName?: string };
    }[];
    const mine = notices.filter((n) => n.data.subscriberId === sub.id);
    expect(mine.map((n) => n.kind).sort()).toEqual(['webhook_resumed', 'webhook_suspended']);
    expect(mine.every((n) => n.caseId === null && n.data.subscriberName === 'Mitra Rusak')).toBe(true);
  }, 60_000);

  it('suspends a receiver that has only throttled for WEBHOOK_THROTTLE_SUSPEND_SECONDS, telling its contact why; the admin resume tells it once more', async () => {
    const rx = await scriptedReceiver(() => ({ status: 503, headers: { 'retry-after': '1' } }));
    closers.push(rx.close);
    const contact = 'noc@lambat.example.id';
    const sub = await register('Mitra Lambat', rx.url, contact);
    await backlog(sub.id, 3, 2, 2);
    await waitFor(async () => (await view(sub.id)).throttledUntil !== null, 10_000, 'the subscriber throttled');
    expect((await view(sub.id)).suspendedAt).toBeNull();
    // As if it had throttled for two hours with nothing accepted (the bound is an hour by default).
    await t.db.query(`UPDATE webhook_subscribers SET throttled_since = now() - interval '2 hours' WHERE id = $1`, [sub.id]);
    await waitFor(async () => (await view(sub.id)).suspendedAt !== null, 10_000, 'suspension after the bound');
    expect((await view(sub.id)).suspendedReason).toBe('throttled');
    const toContact = (subject: RegExp) =>
      sinks.smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(contact) && subject.test(m.subject ?? ''));
    await waitFor(() => toContact(/ditangguhkan/).length > 0, 10_000, 'the suspension e-mail');
    expect(toContact(/ditangguhkan/)[0].text).toContain('terus meminta kami menunda (429/503 dengan Retry-After)');
    expect(await statusCounts(sub.id)).not.toHaveProperty('dead');

    await t.http.post(`/api/webhook-subscribers/${sub.id}/resume`).set(admin).expect(200);
    await waitFor(() => toContact(/dilanjutkan/).length > 0, 10_000, 'the resume e-mail');
    await new Promise((r) => setTimeout(r, 1500));
    expect(toContact(/ditangguhkan/)).toHaveLength(1);
    expect(toContact(/dilanjutkan/)).toHaveLength(1);
    // Resumed, it is throttled again but not suspended again at once: the bound starts over.
    expect(await view(sub.id)).toMatchObject({ suspendedAt: null, suspendedReason: null });
  }, 60_000);
});
