import { Client } from 'pg';
import { PgBoss } from 'pg-boss';
import { ESCALATION_QUEUE } from '../../api/src/jobs/jobs.service';
import { buildApi, startBuiltServer, type BuiltServer } from '../support/built-server';
import { startHttpSink, waitFor, type HttpSink } from '../support/fake-servers';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';
import { apply, login, newAcks, openCases, serviceByCode, type Target } from './support/traffic';

const PASSWORD = 'faults-demo-password';

/**
 * Three API processes on one database, as behind a load balancer: a 20-way race on one case
 * has one winner across them, each overdue case is escalated once although all three run the
 * escalation worker, a deactivated user is refused by every one at once, and the outbox relays
 * of all three deliver each webhook message once.
 */
describe('several API instances on one database', () => {
  let url: string;
  let sink: HttpSink;
  const servers: BuiltServer[] = [];
  const base = (i: number) => `http://127.0.0.1:${servers[i % servers.length].port}`;
  const at = (i: number): Target => ({ base: () => base(i), password: PASSWORD });

  beforeAll(async () => {
    buildApi();
    url = await createTestDatabase();
    sink = await startHttpSink();
    const env = {
      DATABASE_URL: url,
      DEMO_MODE: 'true',
      DEMO_PASSWORD: PASSWORD,
      JWT_SECRET: 'faults-secret-faults-secret-faults-0123456789',
      LOG_LEVEL: 'fatal',
      JOBS_ENABLED: 'true',
    };
    for (let i = 0; i < 3; i++) servers.push(await startBuiltServer(env));
  });
  afterAll(async () => {
    for (const s of servers) {
      if (s.child.exitCode === null) s.signalGroup('SIGKILL');
      s.cleanUp();
    }
    await sink.close();
    await dropTestDatabase(url);
  });

  it('lets one of 20 claims spread over three instances win', async () => {
    const token = await login(at(0), 'petugas.dukcapil');
    const [c] = await openCases(at(0), token);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${base(i)}/api/cases/${c.id}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'CLAIM', version: c.version }),
        }).then((r) => r.status),
      ),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((s) => s === 409)).toHaveLength(19);
  });

  it('escalates each overdue case once although three instances run the escalation worker', async () => {
    const acks = newAcks();
    const service = await serviceByCode(at(0), 'akta-kelahiran');
    await Promise.all(Array.from({ length: 30 }, (_, i) => apply(at(i), service, 100 + i, acks)));
    expect(acks.applications.length).toBe(30);
    const db = new Client({ connectionString: url });
    await db.connect();
    // A client of the same queue, as an operator's tool: nine runs asked for at once, taken by
    // whichever instance's worker polls first.
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false, migrate: false });
    boss.on('error', () => undefined);
    try {
      // Fixture: every open case's deadline has passed.
      const { rows: overdue } = await db.query<{ id: string }>(
        `UPDATE cases SET due_at = now() - interval '2 hours'
          WHERE is_open AND paused_at IS NULL AND completed_at IS NULL AND escalated_at IS NULL RETURNING id`,
      );
      const since = new Date();
      expect(overdue.length).toBeGreaterThanOrEqual(30);
      await boss.start();
      const jobs = await Promise.all(Array.from({ length: 9 }, () => boss.send(ESCALATION_QUEUE, {})));
      const ids = jobs.filter((j): j is string => typeof j === 'string');
      expect(ids.length).toBeGreaterThan(0);
      await waitFor(
        async () => {
          const { rows } = await db.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
          if (rows.some((r) => r.state === 'failed')) throw new Error('an escalation job failed');
          return rows.length === ids.length && rows.every((r) => r.state === 'completed');
        },
        60_000,
        'every escalation run completed',
      );
      const { rows: events } = await db.query<{ case_id: string; n: number }>(
        `SELECT case_id, count(*)::int AS n FROM case_events WHERE type = 'ESCALATE' AND created_at >= $1 GROUP BY case_id`,
        [since],
      );
      const { rows: notices } = await db.query<{ aggregate_id: string; n: number }>(
        `SELECT aggregate_id, count(*)::int AS n FROM outbox WHERE topic = 'case.escalated' AND created_at >= $1 GROUP BY aggregate_id`,
        [since],
      );
      const once = (rows: { n: number }[]) => rows.filter((r) => r.n === 1).length;
      expect(events.length).toBe(overdue.length);
      expect(once(events)).toBe(overdue.length);
      expect(new Set(events.map((e) => e.case_id))).toEqual(new Set(overdue.map((o) => o.id)));
      expect(notices.length).toBe(overdue.length);
      expect(once(notices)).toBe(overdue.length);
      // Each supervisor's inbox gets one notice per case, however many runs and relays there were.
      await waitFor(
        async () => {
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(DISTINCT case_id)::int AS n FROM staff_notifications WHERE kind = 'case_escalated' AND created_at >= $1`,
            [since],
          );
          return rows[0].n === overdue.length;
        },
        30_000,
        'an inbox notice for every escalated case',
      );
      const { rows: dup } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM staff_notifications WHERE kind = 'case_escalated' AND created_at >= $1
             GROUP BY user_id, case_id HAVING count(*) > 1) d`,
        [since],
      );
      expect(dup[0].n).toBe(0);
    } finally {
      await boss.stop({ graceful: false, timeout: 1000 }).catch(() => undefined);
      await db.end();
    }
  });

  it('refuses a deactivated user on every instance within a second', async () => {
    const admin = await login(at(0), 'admin');
    const verifier = await login(at(1), 'verifikator.dukcapil');
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${base(i)}/api/auth/me`, { headers: { authorization: `Bearer ${verifier}` } })).status).toBe(200);
    const users = (await (
      await fetch(`${base(0)}/api/users?filter=${encodeURIComponent('{"q":"verifikator.dukcapil"}')}`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { id: string; username: string }[];
    const id = users.find((u) => u.username === 'verifikator.dukcapil')?.id;
    const put = await fetch(`${base(0)}/api/users/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(put.status).toBe(200);
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) {
      await waitFor(
        async () => (await fetch(`${base(i)}/api/auth/me`, { headers: { authorization: `Bearer ${verifier}` } })).status === 401,
        1000,
        `instance ${i} refuses the deactivated user`,
      );
    }
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('delivers each webhook message once although three relays run', async () => {
    const admin = await login(at(0), 'admin');
    const sub = await fetch(`${base(0)}/api/webhook-subscribers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mitra uji', url: `${sink.url}/hook`, eventTypes: ['case.submitted'] }),
    });
    expect(sub.status).toBe(201);
    const acks = newAcks();
    const service = await serviceByCode(at(0), 'akta-kelahiran');
    await Promise.all(Array.from({ length: 24 }, (_, i) => apply(at(i), service, i, acks)));
    expect(acks.applications.length).toBe(24);
    const hooks = () => sink.requests.filter((r) => r.path === '/hook');
    await waitFor(() => new Set(hooks().map((r) => r.headers['webhook-id'])).size >= 24, 30_000, '24 deliveries');
    await new Promise((r) => setTimeout(r, 2000)); // a duplicate would arrive by now
    const ids = hooks().map((r) => String(r.headers['webhook-id']));
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids).size).toBe(24);
  });
});
