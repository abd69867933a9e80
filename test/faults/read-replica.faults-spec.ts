import { Client } from 'pg';
import { READ_APPLICATION_NAME } from '../../api/src/database/read-database';
import { buildApi, startBuiltServer, type BuiltServer } from '../support/built-server';
import { waitFor } from '../support/fake-servers';
import { createCluster, createReplica, type Cluster } from './support/postgres-cluster';
import { apply, login, newAcks, serviceByCode, type Target } from './support/traffic';

const PASSWORD = 'faults-demo-password';
const PROBES = 50;

const connect = async (url: string) => {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/**
 * A real streaming replica (pg_basebackup -R, a second postgres on its own port) behind
 * READ_DATABASE_URL: the reports are read there, case work stays on the primary; with replay
 * paused the reports stand still while the primary moves on, and catch up once it resumes.
 * Prints the replica's measured lag.
 */
describe('reports on a streaming read replica', () => {
  let primary: Cluster;
  let replica: Cluster;
  let server: BuiltServer;
  let p: Client;
  let r: Client;
  const target: Target = { base: () => `http://127.0.0.1:${server.port}`, password: PASSWORD };

  beforeAll(async () => {
    buildApi();
    primary = await createCluster();
    const admin = await connect(primary.url());
    await admin.query('CREATE DATABASE layanan');
    await admin.query('CREATE TABLE lag_probe (n int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())');
    await admin.end();
    replica = await createReplica(primary);
    server = await startBuiltServer({
      DATABASE_URL: primary.url('layanan'),
      READ_DATABASE_URL: replica.url('layanan'),
      DEMO_MODE: 'true',
      DEMO_PASSWORD: PASSWORD,
      JWT_SECRET: 'faults-secret-faults-secret-faults-0123456789',
      LOG_LEVEL: 'fatal',
      JOBS_ENABLED: 'true',
    });
    p = await connect(primary.url('layanan'));
    r = await connect(replica.url('layanan'));
  });
  afterAll(async () => {
    await p?.end();
    await r?.end();
    if (server.child.exitCode === null) server.signalGroup('SIGKILL');
    server.cleanUp();
    replica?.destroy();
    primary?.destroy();
  });

  const report = async (token: string) => {
    const res = await fetch(`${target.base()}/api/reports/sla`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { asOf: string | null };
  };
  const primaryAsOf = async () =>
    (await p.query<{ at: Date | null }>(`SELECT refreshed_at AS at FROM report_state WHERE id = 1`)).rows[0].at?.toISOString() ?? null;
  const readConnections = async () =>
    (
      await r.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = 'layanan'`, [
        READ_APPLICATION_NAME,
      ])
    ).rows[0].n;

  it('is a hot standby of the primary, and the lag of a write is measured', async () => {
    expect((await r.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
    await expect(r.query(`UPDATE report_state SET refreshed_at = now()`)).rejects.toThrow(/read-only/);
    const probe = await connect(replica.url());
    const write = await connect(primary.url());
    const lags: number[] = [];
    try {
      for (let n = 1; n <= PROBES; n++) {
        const t0 = performance.now();
        await write.query('INSERT INTO lag_probe (n) VALUES ($1)', [n]);
        const committed = performance.now();
        while ((await probe.query('SELECT 1 FROM lag_probe WHERE n = $1', [n])).rowCount === 0) {
          if (performance.now() - t0 > 10_000) throw new Error(`probe ${n} not on the replica after 10 s`);
        }
        lags.push(performance.now() - committed);
      }
      const { rows } = await write.query<{ replay_lag: string | null; state: string }>(
        `SELECT state, replay_lag::text FROM pg_stat_replication`,
      );
      expect(rows).toEqual([expect.objectContaining({ state: 'streaming' })]);
      process.stdout.write(
        `read replica: commit-to-visible lag over ${PROBES} writes p50 ${quantile(lags, 0.5).toFixed(1)} ms, ` +
          `p95 ${quantile(lags, 0.95).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms; pg_stat_replication.replay_lag ${rows[0].replay_lag ?? 'null (idle)'}\n`,
      );
      expect(quantile(lags, 0.95)).toBeLessThan(1000);
    } finally {
      await probe.end();
      await write.end();
    }
  });

  it('serves reports from the replica and case work from the primary; paused replay freezes the reports only', async () => {
    const head = await login(target, 'pimpinan');
    await waitFor(async () => (await report(head)).asOf !== null, 30_000, 'the first rollup on the replica');
    expect(await readConnections()).toBeGreaterThan(0);

    await r.query('SELECT pg_wal_replay_pause()');
    try {
      await waitFor(
        async () => (await r.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0].s === 'paused',
        5000,
        'replay paused',
      );
      const frozen = (await report(head)).asOf;
      // The primary's rollup moves on (every 15 s); the reports keep the replica's older figure.
      await waitFor(async () => (await primaryAsOf()) !== frozen, 40_000, 'a newer rollup on the primary');
      expect((await report(head)).asOf).toBe(frozen);
      // Writes and the reads behind them are the primary's: a new application is there at once.
      const acks = newAcks();
      await apply(target, await serviceByCode(target, 'akta-kelahiran'), 1, acks);
      expect(acks.applications).toHaveLength(1);
      const officer = await login(target, 'petugas.dukcapil');
      const filter = encodeURIComponent(JSON.stringify({ q: acks.applications[0].trackingCode }));
      const list = await fetch(`${target.base()}/api/cases?filter=${filter}`, { headers: { authorization: `Bearer ${officer}` } });
      expect(list.status).toBe(200);
      expect(await list.json()).toHaveLength(1);
      const { rows } = await r.query<{ lag: number }>(`SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float AS lag`);
      process.stdout.write(`read replica: with replay paused the reports lagged ${rows[0].lag.toFixed(1)} s behind the primary\n`);
      expect(rows[0].lag).toBeGreaterThan(0);
    } finally {
      await r.query('SELECT pg_wal_replay_resume()');
    }
    // Replay resumed: the reports catch up with the primary's last rollup.
    const t0 = Date.now();
    await waitFor(async () => (await report(head)).asOf === (await primaryAsOf()), 20_000, 'the reports catch up');
    process.stdout.write(`read replica: reports caught up ${Date.now() - t0} ms after replay resumed\n`);
  });
});
