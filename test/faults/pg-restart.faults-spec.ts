import { Client } from 'pg';
import { buildApi, startBuiltServer, type BuiltServer } from '../support/built-server';
import { createCluster, type Cluster } from './support/postgres-cluster';
import { apply, audit, login, newAcks, openCases, serviceByCode, work, type Target } from './support/traffic';

const PASSWORD = 'faults-demo-password';
const DOWN_MS = 4000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Probe {
  url: string;
  at: number;
  status: number;
  ms: number;
  retryAfter: string | null;
}

/**
 * The database stops as in a crash (pg_ctl -m immediate) under load and comes back: meanwhile
 * the API answers 503 with Retry-After, quickly, never a 500; health goes 503 -> 200; the pool,
 * the LISTEN connection (sessions) and the job queue recover by themselves; no acknowledged
 * write is lost.
 */
describe('PostgreSQL restart under load', () => {
  let cluster: Cluster;
  let server: BuiltServer;
  const target: Target = { base: () => `http://127.0.0.1:${server.port}`, password: PASSWORD };

  beforeAll(async () => {
    buildApi();
    cluster = await createCluster();
    const admin = new Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE layanan');
    await admin.end();
    server = await startBuiltServer({
      DATABASE_URL: cluster.url('layanan'),
      DEMO_MODE: 'true',
      DEMO_PASSWORD: PASSWORD,
      JWT_SECRET: 'faults-secret-faults-secret-faults-0123456789',
      LOG_LEVEL: 'fatal',
      JOBS_ENABLED: 'true',
    });
  });
  afterAll(() => {
    if (server.child.exitCode === null) server.signalGroup('SIGKILL');
    server.cleanUp();
    cluster.destroy();
  });

  it('answers 503 with Retry-After while it is down, recovers within 5 s of its return, and loses no acknowledged write', async () => {
    const acks = newAcks();
    const service = await serviceByCode(target, 'akta-kelahiran');
    const officer = await login(target, 'petugas.dukcapil');
    const verifier = await login(target, 'verifikator.dukcapil');
    const adminToken = await login(target, 'admin');
    let running = true;
    let n = 0;
    const statuses: number[] = [];
    const citizens = Array.from({ length: 2 }, async () => {
      while (running) {
        await apply(target, service, ++n, acks);
        await sleep(100);
      }
    });
    const staff = (
      [
        ['claim', officer],
        ['check', verifier],
      ] as const
    ).map(async ([job, token]) => {
      while (running) {
        const cases = await openCases(target, token);
        for (const c of cases.slice(0, 10)) await work(target, token, c, acks, job);
        await sleep(50);
      }
    });
    const probes: Probe[] = [];
    const probe = async (url: string, token?: string) => {
      const t0 = Date.now();
      const res = await fetch(`${target.base()}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      await res.arrayBuffer();
      const p = { url, at: t0, status: res.status, ms: Date.now() - t0, retryAfter: res.headers.get('retry-after') };
      probes.push(p);
      statuses.push(res.status);
      return p;
    };

    await sleep(2000);
    cluster.crash();
    const downAt = Date.now();
    const whileDown: Probe[] = [];
    while (Date.now() - downAt < DOWN_MS) {
      whileDown.push(await probe('/api/health'), await probe('/api/cases?range=%5B0%2C9%5D', officer));
      await sleep(200);
    }
    cluster.start();
    const upAt = Date.now();
    let healthyAt = 0;
    let writableAt = 0;
    while (Date.now() - upAt < 15_000 && !(healthyAt && writableAt)) {
      if (!healthyAt && (await probe('/api/health')).status === 200) healthyAt = Date.now();
      // A write of our own (the load's own writes may have run dry): a local holiday on a fresh date.
      if (!writableAt) {
        const day = new Date(Date.UTC(2031, 0, 1) + probes.length * 86_400_000).toISOString().slice(0, 10);
        const res = await fetch(`${target.base()}/api/holidays`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ date: day, name: 'Uji pemulihan', kind: 'local' }),
        });
        statuses.push(res.status);
        if (res.status === 201) writableAt = Date.now();
      }
      await sleep(100);
    }
    await sleep(1500);
    running = false;
    await Promise.all([...citizens, ...staff]);

    // Sessions: the LISTEN connection is back, so a deactivation reaches this process at once.
    const users = (
      (await await fetch(`${target.base()}/api/users?filter=${encodeURIComponent('{"q":"verifikator.dukcapil"}')}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      }).then((r) => r.json())) as { id: string; username: string }[]
    ).filter((u) => u.username === 'verifikator.dukcapil');
    const put = await fetch(`${target.base()}/api/users/${users[0].id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(put.status).toBe(200);
    await sleep(500);
    const refused = await probe('/api/cases?range=%5B0%2C9%5D', verifier);

    const result = await audit(cluster.url('layanan'), acks);
    const downProbes = whileDown.filter((p) => p.status !== 200);
    process.stdout.write(
      `PostgreSQL down ${DOWN_MS} ms: ${whileDown.length} probes, statuses ${JSON.stringify(countBy(whileDown.map((p) => p.status)))}, ` +
        `slowest ${Math.max(...whileDown.map((p) => p.ms))} ms; healthy ${healthyAt - upAt} ms and writing ${writableAt - upAt} ms after the start; ` +
        `${acks.applications.length} applications, ${acks.checks.length} checks, ${acks.events.length} claims acknowledged\n`,
    );
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(downProbes.length).toBeGreaterThan(whileDown.length / 2);
    for (const p of downProbes) {
      expect(p.status).toBe(503);
      expect(p.ms).toBeLessThan(3000);
    }
    // Every API answer while down says when to come back (health reports the state and is polled anyway).
    expect(downProbes.filter((p) => p.url.startsWith('/api/cases') && !p.retryAfter)).toEqual([]);
    expect(healthyAt).toBeGreaterThan(0);
    expect(healthyAt - upAt).toBeLessThan(5000);
    expect(writableAt).toBeGreaterThan(0);
    expect(writableAt - upAt).toBeLessThan(5000);
    expect(refused.status).toBe(401);
    expect(result.lost).toEqual([]);
    expect(result.broken).toEqual([]);
    expect(server.child.exitCode).toBeNull();
  });
});

function countBy(xs: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
