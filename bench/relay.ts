// Relay figures: a second API instance with the outbox relay running (RELAY_ENABLED) and a
// webhook subscriber whose URL is a local HTTP sink in this process. Under the transition load
// (CLAIM/RELEASE cycles: each one an event write whose outbox row becomes a `case.assigned`
// webhook) it measures outbox-to-delivery latency at the sink and the transition rate through
// the API against the same writes in raw SQL (the relay delivering both); then the relay's
// throughput draining a backlog of outbox rows, against POSTs straight to the sink.
import type { AuthUser } from '@layanan/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { CASE_FOR_WRITE_SELECT, eventWriteText, eventWriteValues } from '../api/src/cases/case.repository';
import { chainNext } from '../api/src/cases/hash-chain';
import { statementName } from '../api/src/common/database/prepared';
import type { parseArgs } from './args';
import { httpSender, percentile, runApi, runPacedHttp, runWorkers, statsLine, type HttpRequest, type RunStats } from './measure';

interface Figure {
  name: string;
  api: number;
  baseline: number;
  unit: string;
  ratio: number;
}
interface Claimable {
  id: string;
  version: number;
  opdId: string;
  /** Whose it is now: the next event releases it (else claims it). */
  claimed: boolean;
}

const ROOT = path.resolve(__dirname, '..', '..');
const RELEASE_REASON = 'Uji beban relay';
const round = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(2)) : Number.NaN);

interface Sink {
  server: Server;
  url: string;
  /** First arrival time of each webhook-id. */
  received: Map<string, number>;
  /** Per first arrival: the case and the ms since its outbox row was written (the payload's timestamp). */
  samples: { caseId: string; ms: number }[];
}

/** The sink: 204 to every POST; notes when each webhook came and how long after its outbox row was written. */
function startSink(): Promise<Sink> {
  const received = new Map<string, number>();
  const samples: Sink['samples'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      const id = req.headers['webhook-id'];
      if (typeof id === 'string' && !received.has(id)) {
        received.set(id, now);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string; data: { caseId: string } };
        samples.push({ caseId: body.data.caseId, ms: now - Date.parse(body.timestamp) });
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, samples }),
    ),
  );
}

/** Runs `op` on each item, `concurrency` at a time. */
async function eachLimit<T>(items: T[], concurrency: number, op: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < items.length) await op(items[i++]);
    }),
  );
}

async function startRelayApi(url: string, port: number, say: (m: string) => void): Promise<ChildProcess> {
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), JWT_SECRET: randomBytes(48).toString('base64url') };
  Object.assign(env, { LOG_LEVEL: 'warn', DEMO_MODE: 'false', NODE_ENV: 'production', JOBS_ENABLED: 'false' });
  Object.assign(env, { RELAY_ENABLED: 'true', WEBHOOK_ALLOW_PRIVATE: 'true', DATA_DIR: path.join(ROOT, '.data', 'bench-relay') });
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
    if (child.exitCode !== null) throw new Error(`the relay API exited (${child.exitCode}): ${stderr}`);
    if (
      await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      say(`relay API (RELAY_ENABLED) started on port ${port} (pid ${child.pid})`);
      return child;
    }
  }
  child.kill('SIGKILL');
  throw new Error(`the relay API did not become healthy: ${stderr}`);
}

export async function measureRelay(
  pool: Pool,
  args: ReturnType<typeof parseArgs>,
  login: (base: string, username: string) => Promise<{ user: AuthUser; token: string }>,
  measure: (...runs: ((seconds: number) => Promise<RunStats>)[]) => Promise<RunStats[]>,
  say: (msg: string) => void,
): Promise<Figure[]> {
  const url = pool.options.connectionString;
  if (!url) throw new Error('the relay figures need the pool connection string');
  const sink = await startSink();
  const port = args.apiPort + 1;
  const base = `http://127.0.0.1:${port}`;
  const [sub] = (
    await pool.query<{ id: string }>(
      `INSERT INTO webhook_subscribers (name, url, event_types, secret) VALUES ($1, $2, '{case.assigned}', $3) RETURNING id`,
      [`bench sink ${Date.now()}`, sink.url, `whsec_${randomBytes(32).toString('base64')}`],
    )
  ).rows;
  // Nothing already waiting in the outbox (earlier figures' rows) may count as this load's deliveries.
  await pool.query(`UPDATE outbox SET processed_at = now() WHERE processed_at IS NULL`);
  const api = await startRelayApi(url, port, say);
  const clients: PoolClient[] = [];
  try {
    const opds = (
      await pool.query<{ id: string; code: string }>(
        `SELECT o.id, o.code FROM opds o JOIN cases c ON c.opd_id = o.id AND c.is_open AND c.assignee_id IS NULL
          WHERE EXISTS (SELECT 1 FROM users u WHERE u.username = 'bulk.verifier.' || o.code)
          GROUP BY o.id, o.code ORDER BY count(*) DESC LIMIT 4`,
      )
    ).rows;
    const verifiers = new Map<string, { user: AuthUser; token: string }>();
    for (const o of opds) verifiers.set(o.id, await login(base, `bulk.verifier.${o.code}`));
    // Unassigned open cases a verifier may claim: found by claiming them (through the API, once).
    const candidates = (
      await pool.query<{ id: string; version: number; opd_id: string }>(
        `SELECT id, version, opd_id FROM cases WHERE is_open AND assignee_id IS NULL AND opd_id = ANY($1::uuid[]) ORDER BY random() LIMIT 6000`,
        [opds.map((o) => o.id)],
      )
    ).rows;
    const send = httpSender(base, args.writeConnections);
    const claimable: Claimable[] = [];
    await eachLimit(candidates, args.writeConnections, async (c) => {
      const res = await send(eventRequest({ id: c.id, version: c.version, opdId: c.opd_id, claimed: false }, verifiers));
      if (res.status !== 200) return;
      const version = (JSON.parse(res.body) as { version: number }).version;
      claimable.push({ id: c.id, version, opdId: c.opd_id, claimed: true });
    });
    if (claimable.length < 200) throw new Error(`only ${claimable.length} claimable cases for the relay load`);
    // Which run a webhook belongs to: API cases' ids start with one hex digit set, raw with the other.
    const apiCases = claimable.filter((c) => c.id < '8');
    const rawCases = claimable.filter((c) => c.id >= '8');
    say(
      `relay: ${claimable.length.toLocaleString('en')} claimable cases (${apiCases.length} API, ${rawCases.length} raw), sink ${sink.url}`,
    );
    for (let i = 0; i < args.writeConnections; i++) clients.push(await pool.connect());

    const inflight = new Map<string, Claimable>();
    const next = (): HttpRequest | null => {
      const c = apiCases.shift();
      if (!c) return null;
      inflight.set(c.id, c);
      return eventRequest(c, verifiers);
    };
    const done = (status: number, body: string) => {
      if (status !== 200) return;
      const r = JSON.parse(body) as { id: string; version: number };
      const c = inflight.get(r.id);
      if (!c) return;
      inflight.delete(r.id);
      apiCases.push({ ...c, version: r.version, claimed: !c.claimed });
    };
    // The API's SQL for a CLAIM / RELEASE: the case read, then the one statement writing case, event and outbox row.
    const rawOp = async (w: number): Promise<boolean> => {
      const c = rawCases.shift();
      if (!c) return false;
      const db = clients[w];
      const verifier = verifiers.get(c.opdId)?.user;
      if (!verifier) return false;
      const text = CASE_FOR_WRITE_SELECT;
      const {
        rows: [{ row }],
      } = await db.query<{ row: { version: number; event_count: number; last_event_hash: string | null; state: string; opd_id: string } }>({
        name: statementName(text),
        text,
        values: [c.id],
      });
      const type = c.claimed ? 'RELEASE' : 'CLAIM';
      const entry = { caseId: c.id, type, fromState: row.state, toState: row.state, actorId: verifier.id, actorName: verifier.fullName };
      const link = chainNext(
        {
          ...entry,
          actorRole: 'verifier',
          comment: null,
          reason: c.claimed ? RELEASE_REASON : null,
          public: false,
          payload: {},
          createdAt: new Date(),
        },
        { lastHash: row.last_event_hash, count: row.event_count },
      );
      const payload = c.claimed ? { previousAssigneeId: verifier.id, opdId: row.opd_id } : { assigneeId: verifier.id, opdId: row.opd_id };
      const write = eventWriteText(['assignee_id']);
      const values = eventWriteValues(
        row.version,
        link,
        { topic: `case.${type.toLowerCase()}`, payload },
        {
          assignee_id: c.claimed ? null : verifier.id,
        },
      );
      const { rowCount } = await db.query({ name: statementName(write), text: write, values });
      if (rowCount !== 1) throw new Error('lost a write race');
      rawCases.push({ ...c, version: row.version + 1, claimed: !c.claimed });
      return true;
    };
    const pending = async () =>
      (
        await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE subscriber_id = $1 AND status = 'pending'`, [
          sub.id,
        ])
      ).rows[0].n;
    const waitDrained = async (what: string, seconds = 120) => {
      const until = Date.now() + seconds * 1000;
      while ((await pending()) > 0 || (await pool.query(`SELECT 1 FROM outbox WHERE processed_at IS NULL LIMIT 1`)).rowCount) {
        if (Date.now() > until) throw new Error(`the relay did not drain ${what} within ${seconds} s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // The probing claims' webhooks are not the load's.
    await waitDrained('the probing claims');
    sink.samples.length = 0;
    const wc = args.writeConnections;
    say(`relay: transitions at max rate with the relay delivering, ${wc} connections, ${args.seconds} s each ...`);
    const [apiRun, rawRun] = await measure(
      (seconds) => runApi({ base, connections: wc, seconds, next, done }),
      (seconds) => runWorkers({ connections: wc, seconds, op: rawOp }),
    );
    await waitDrained('the transition load');
    // Latency as the transition figures take theirs: at half the API's max rate, evenly paced (the
    // API and the raw writers in turn), so the relay's delay is not the queue of a saturated API.
    const half = apiRun.rate / 2;
    sink.samples.length = 0;
    say(`relay: transitions at a fixed ${half.toFixed(0)}/s (half the API's max), outbox-to-sink latency ...`);
    const [apiHalf, rawHalf] = await measure(
      (seconds) =>
        runPacedHttp({
          send,
          connections: wc,
          seconds,
          rate: half,
          next,
          done: (a) => done(a.status, a.body),
          ok: (status) => status === 200,
        }),
      (seconds) => runWorkers({ connections: wc, seconds, rate: half, op: rawOp }),
    );
    await waitDrained('the paced load');
    const latencies = (api: boolean) =>
      sink.samples
        .filter((x) => x.caseId < '8' === api)
        .map((x) => x.ms)
        .sort((a, b) => a - b);
    const apiLat = latencies(true);
    const rawLat = latencies(false);
    const f = (s: RunStats) => statsLine(s, false);
    const l = (xs: number[]) =>
      `delivered ${xs.length}, outbox->sink p50=${percentile(xs, 50).toFixed(0)} p95=${percentile(xs, 95).toFixed(0)} p99=${percentile(xs, 99).toFixed(0)} ms`;
    say(`  relay max rate: api ${f(apiRun)}, raw ${f(rawRun)}`);
    say(`  relay half rate: api ${f(apiHalf)}, ${l(apiLat)}`);
    say(`  relay half rate: raw ${f(rawHalf)}, ${l(rawLat)}`);

    // ---- throughput: a backlog of outbox rows (one webhook each, distinct cases) drained by the relay --
    // A throughput figure: its size need not grow with the case count (a slow relay then costs minutes, not a failed run).
    const backlog = 10_000;
    const before = sink.received.size;
    const t0 = Date.now();
    await pool.query(
      `INSERT INTO outbox (topic, aggregate_id, payload)
       SELECT 'case.claim', id, jsonb_build_object('assigneeId', NULL, 'opdId', opd_id) FROM cases ORDER BY id LIMIT $1`,
      [backlog],
    );
    await waitDrained('the backlog', 300);
    const drainedAt = Math.max(...[...sink.received.values()].slice(before));
    const delivered = sink.received.size - before;
    const relayRate = delivered / ((drainedAt - t0) / 1000);
    // Baseline: the same POSTs straight to the sink, as many at once as the relay sends.
    const sinkUrl = new URL(sink.url);
    const post = httpSender(sinkUrl.origin, 64);
    const sample = JSON.stringify({ type: 'case.assigned', timestamp: new Date().toISOString(), data: { caseId: 'x', links: {} } });
    const direct = await runWorkers({
      connections: 64,
      seconds: Math.max(2, args.seconds / 2),
      op: async () =>
        (await post({ method: 'POST', path: sinkUrl.pathname, headers: { 'content-type': 'application/json' }, body: sample })).status ===
        204,
    });
    say(
      `  relay drain: ${delivered.toLocaleString('en')} deliveries in ${((drainedAt - t0) / 1000).toFixed(2)} s = ${relayRate.toFixed(0)}/s; direct POSTs to the sink ${direct.rate.toFixed(0)}/s`,
    );
    const p95 = percentile(apiLat, 95);
    const checks: [string, boolean][] = [
      ['relay: outbox-to-delivery p95 <= 1 s under the transition load', p95 <= 1000],
      ['relay: throughput >= 500 deliveries/s', relayRate >= 500],
      ['relay: transitions with the relay running >= 0.5 x raw rate', apiRun.rate / rawRun.rate >= 0.5],
    ];
    for (const [label, ok] of checks) say(`${ok ? 'PASS' : 'MISS'}  ${label}`);
    return [
      {
        name: 'relay_transition_rate',
        api: round(apiRun.rate),
        baseline: round(rawRun.rate),
        unit: 'req/s',
        ratio: round(apiRun.rate / rawRun.rate),
      },
      {
        name: 'relay_delivery_p95_ms',
        api: round(p95),
        baseline: round(percentile(rawLat, 95)),
        unit: 'ms',
        ratio: round(percentile(rawLat, 95) / p95),
      },
      {
        name: 'relay_throughput',
        api: round(relayRate),
        baseline: round(direct.rate),
        unit: 'deliveries/s',
        ratio: round(relayRate / direct.rate),
      },
    ];
  } finally {
    for (const c of clients) c.release();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    // Its sink is gone: later figures (and a --reuse run) must not deliver to it.
    await pool.query(`UPDATE webhook_subscribers SET active = false, disabled_reason = 'bench sink closed' WHERE id = $1`, [sub.id]);
    await new Promise((r) => sink.server.close(r));
  }
}

function eventRequest(c: Claimable, verifiers: Map<string, { token: string }>): HttpRequest {
  return {
    method: 'POST',
    path: `/api/cases/${c.id}/events`,
    headers: { authorization: `Bearer ${verifiers.get(c.opdId)?.token ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(
      c.claimed ? { type: 'RELEASE', version: c.version, reason: RELEASE_REASON } : { type: 'CLAIM', version: c.version },
    ),
  };
}
