import { buildApi, startBuiltServer, type BuiltServer } from '../support/built-server';
import { startHttpSink, waitFor, type HttpSink } from '../support/fake-servers';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';
import { apply, login, newAcks, openCases, serviceByCode, type Target } from './support/traffic';

const PASSWORD = 'faults-demo-password';

/**
 * Three API processes on one database, as behind a load balancer: a 20-way race on one case
 * has one winner across them, a deactivated user is refused by every one at once, and the
 * outbox relays of all three deliver each webhook message once.
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
    for (let i = 1; i < 3; i++) {
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
