// Benchmark suite: `npm run bench [-- --quick] [-- --cases N] [-- --seconds S]`.
// Prepares a database (embedded PostgreSQL under .data/bench, recreated each run, or
// DATABASE_URL), loads N generated cases, starts the API like `npm start`, and measures each
// figure against a raw-SQL baseline run on the same database, with the same concurrency.
// Writes bench-results.json at the repository root.
import 'reflect-metadata';
import { defineAbilityFor } from '@layanan/authz';
import type { AuthUser, LoginResponse } from '@layanan/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { buildCaseListQuery } from '../api/src/cases/case-list.query';
import {
  ACCESS_LOG_INSERT,
  CASE_FOR_WRITE_SELECT,
  casePageSql,
  DETAIL_BY_ID,
  eventWriteText,
  eventWriteValues,
} from '../api/src/cases/case.repository';
import { chainNext } from '../api/src/cases/hash-chain';
import { ensureDemoPiiKeys, PiiCipher } from '../api/src/privacy/pii-cipher';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../api/src/database/embedded-postgres';
import { statementName } from '../api/src/common/database/prepared';
import { BULK_PASSWORD, loadWithProgress, prepareDatabase } from '../scripts/bulk-setup';
import { parseArgs, type BenchGroup } from './args';
import { measureIssuance } from './issuance';
import { measureRelay } from './relay';
import { measureOverload } from './overload';
import { measureNikSearch } from './pii';
import { measureReports, REPORT_ENDPOINTS } from './reports';
import { measureIkm } from './satisfaction';
import { measureStateTransitions } from './transitions';
import {
  httpSender,
  interleaved,
  percentile,
  reportPair,
  runApi,
  runPacedHttp,
  runWorkers,
  type HttpRequest,
  type RunStats,
} from './measure';

const say = (msg: string) => process.stdout.write(`${msg}\n`);
const ROOT = path.resolve(__dirname, '..', '..');

interface Figure {
  name: string;
  api: number;
  baseline: number;
  unit: string;
  ratio: number;
}
interface Staff {
  user: AuthUser;
  token: string;
}
interface Writable {
  id: string;
  version: number;
  token: string;
}

/** Baselines run the API's statements the way the API does: named (prepared once per connection). */
function named(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: statementName(text), text, values };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  let embedded: EmbeddedDatabase | null = null;
  let url = process.env.DATABASE_URL ?? '';
  if (!url) {
    const dir = path.resolve(ROOT, args.dataDir);
    if (!args.reuse) rmSync(dir, { recursive: true, force: true });
    if (!args.reuse) rmSync(path.join(ROOT, '.data', 'bench-api'), { recursive: true, force: true });
    say(`starting an embedded PostgreSQL in ${dir} (port ${args.pgPort}) ...`);
    embedded = await startEmbeddedPostgres(dir, args.pgPort, say);
    url = embedded.url;
  }
  // One keyring for the loader's rows and the API that reads them, kept with the data (--reuse).
  ensureDemoPiiKeys(path.resolve(ROOT, args.dataDir));
  let api: ChildProcess | null = null;
  let pool: Pool | null = null;
  try {
    const prepared = await prepareDatabase(url, say, args.writeConnections + args.readConnections + 4);
    pool = prepared.pool;
    pool.on('error', (e) => say(`pg pool: ${e.message}`));
    const existing = args.reuse ? (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`)).rows[0].n : 0;
    const load =
      existing >= args.cases
        ? (say(`reusing ${existing.toLocaleString('en')} loaded cases`), { seconds: Number.NaN })
        : await loadWithProgress(pool, prepared.ref, args.cases, say);
    api = await startApi(url, args.apiPort, args.cpuProfile);
    const child = api;
    process.once('exit', () => child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${args.apiPort}`;
    const { figures, sameQueueFirstPage } = await measureAll(pool, base, args);
    printTable(figures, sameQueueFirstPage);
    const out = {
      cases: args.cases,
      startedAt,
      loadSeconds: Number.isNaN(load.seconds) ? null : Number(load.seconds.toFixed(1)),
      figures,
      sameQueueFirstPage,
    };
    writeFileSync(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(out, null, 2)}\n`);
    say(`wrote ${path.join(ROOT, 'bench-results.json')}`);
    const missing = figures.filter((f) => !Number.isFinite(f.api) || !Number.isFinite(f.baseline));
    if (missing.length) {
      process.stderr.write(`figures not produced: ${missing.map((f) => f.name).join(', ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    if (api) await stopApi(api);
    if (pool) await pool.end();
    if (embedded) await embedded.stop();
  }
}

/**
 * The API as `npm start` runs it, except for the jobs: the generated cases' due dates lie in the
 * past, and the escalation job's first runs (thousands of ESCALATE events) would land inside
 * the measurements.
 */
async function startApi(url: string, port: number, cpuProfile: boolean): Promise<ChildProcess> {
  const profile = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.data', 'profiles')}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, 'dist', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      JWT_SECRET: randomBytes(48).toString('base64url'),
      LOG_LEVEL: 'warn',
      DEMO_MODE: 'false',
      NODE_ENV: 'production',
      JOBS_ENABLED: 'false',
      // Issued PDFs and the seal key of the bench's API, away from the demo's .data.
      DATA_DIR: path.join(ROOT, '.data', 'bench-api'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      say(`API started on port ${port} (pid ${child.pid})`);
      return child;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`the API did not become healthy within 60 s: ${stderr}`);
}

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function login(base: string, username: string): Promise<Staff> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BULK_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as LoginResponse;
  return { user: body.user, token: body.accessToken };
}

const auth = (s: Staff) => ({ authorization: `Bearer ${s.token}` });
/** The bench's list specs never search by NIK; a search figure is bench/pii.ts. */
const nikIndex = (nik: string) => PiiCipher.fromEnv().nikIndex(nik);
const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

/**
 * The six figures, plus the first page of the deep page's own queue (`sameQueueFirstPage`): the
 * figure's first page is that of random staff, most of whose queues are small, so deep ÷ first
 * compares two queues as well as two depths; the same queue's first page takes the queue out
 * (not PostgreSQL's plan cache: see "Performance" in docs/ARCHITECTURE.md).
 */
async function measureAll(
  pool: Pool,
  base: string,
  args: ReturnType<typeof parseArgs>,
): Promise<{ figures: Figure[]; sameQueueFirstPage: Figure | null }> {
  const secs = args.seconds;
  const selected = (group: BenchGroup) => args.only.length === 0 || args.only.includes(group);
  // The busiest OPDs; a verifier and a supervisor of each (login is throttled to 30/min).
  const opds = (
    await pool.query<{ id: string; code: string }>(
      `SELECT o.id, o.code FROM opds o JOIN cases c ON c.opd_id = o.id AND c.is_open
      WHERE EXISTS (SELECT 1 FROM users u WHERE u.username = 'bulk.supervisor.' || o.code)
      GROUP BY o.id, o.code ORDER BY count(*) DESC LIMIT 8`,
    )
  ).rows;
  const staff: Staff[] = [];
  for (const o of opds) for (const role of ['verifier', 'supervisor']) staff.push(await login(base, `bulk.${role}.${o.code}`));
  const supervisors = new Map(staff.filter((s) => s.user.roles.includes('supervisor')).map((s) => [s.user.opdId as string, s]));
  say(`logged in ${staff.length} staff users of ${opds.length} OPDs`);
  const figures: Figure[] = [];
  let sameQueueFirstPage: Figure | null = null;
  // Each run is warmed up unmeasured (JIT, caches, prepared statements); runs compared with each
  // other alternate in rounds of a quarter of their time.
  const measure = (...runs: ((seconds: number) => Promise<RunStats>)[]): Promise<RunStats[]> =>
    interleaved(runs, { seconds: args.seconds, rounds: 4, warmup: Math.min(3, args.seconds) });

  const wc = args.writeConnections;
  const onClientError = (e: Error) => say(`pg client: ${e.message}`);
  if (selected('transitions')) {
    // ---- transitions: COMMENT events on disjoint sets of open cases --------------------------
    // The load's dirty pages written out first: otherwise the checkpoint the load started runs
    // during whichever transition rounds come next.
    await pool.query('CHECKPOINT');
    const open = (
      await pool.query<{ id: string; version: number; opd_id: string }>(
        `SELECT id, version, opd_id FROM cases WHERE is_open AND opd_id = ANY($1::uuid[]) ORDER BY random() LIMIT 4000`,
        [opds.map((o) => o.id)],
      )
    ).rows;
    const apiCases: Writable[] = [];
    const rawCases: Writable[] = [];
    open.forEach((c, i) =>
      (i % 2 ? rawCases : apiCases).push({ id: c.id, version: c.version, token: supervisors.get(c.opd_id)?.token ?? '' }),
    );
    const touched = { api: new Set<string>(), raw: new Set<string>() };
    const inflight = new Map<string, Writable>();
    const commentReq = (): HttpRequest | null => {
      const c = apiCases.shift();
      if (!c) return null;
      inflight.set(c.id, c);
      return {
        method: 'POST',
        path: `/api/cases/${c.id}/events`,
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'COMMENT', version: c.version, comment: 'Catatan uji beban' }),
      };
    };
    const commentDone = (status: number, body: string) => {
      if (status < 200 || status >= 300) return;
      const r = JSON.parse(body) as { id: string; version: number };
      const c = inflight.get(r.id);
      if (!c) return;
      inflight.delete(r.id);
      touched.api.add(r.id);
      apiCases.push({ ...c, version: r.version });
    };
    const clients: PoolClient[] = [];
    // The API's SQL for a COMMENT: the case read (with its documents' facts) and the one
    // conditional statement that writes case row, log entry and outbox notice and returns the new detail row.
    const transitionOp = async (w: number): Promise<boolean> => {
      const c = rawCases.shift();
      if (!c) return false;
      const db = clients[w];
      const {
        rows: [{ row }],
      } = await db.query<{ row: { version: number; event_count: number; last_event_hash: string | null; state: string; opd_id: string } }>(
        named(CASE_FOR_WRITE_SELECT, [c.id]),
      );
      if (row.version !== c.version) throw new Error('stale version');
      const next = chainNext(
        {
          caseId: c.id,
          type: 'COMMENT',
          fromState: row.state,
          toState: row.state,
          actorId: null,
          actorName: 'bench',
          actorRole: 'supervisor',
          comment: 'Catatan uji beban',
          reason: null,
          public: false,
          payload: {},
          createdAt: new Date(),
        },
        { lastHash: row.last_event_hash, count: row.event_count },
      );
      const notice = { topic: 'case.comment', payload: { opdId: row.opd_id } };
      const { rowCount } = await db.query(named(eventWriteText([]), eventWriteValues(row.version, next, notice, {})));
      if (rowCount !== 1) throw new Error('lost a write race');
      touched.raw.add(c.id);
      rawCases.push({ ...c, version: c.version + 1 });
      return true;
    };
    for (let i = 0; i < wc; i++) clients.push(await pool.connect().then((c) => c.on('error', onClientError)));
    try {
      say(`transitions: max rate, ${wc} connections, ${secs} s each ...`);
      const [apiMax, rawMax] = await measure(
        (seconds) => runApi({ base, connections: wc, seconds, next: commentReq, done: commentDone }),
        (seconds) => runWorkers({ connections: wc, seconds, op: transitionOp }),
      );
      const half = apiMax.rate / 2;
      say(`transitions: fixed rate ${half.toFixed(0)}/s (half the API's max) ...`);
      const send = httpSender(base, wc);
      const [apiHalf, rawHalf] = await measure(
        (seconds) =>
          runPacedHttp({ send, connections: wc, seconds, rate: half, next: commentReq, done: (a) => commentDone(a.status, a.body) }),
        (seconds) => runWorkers({ connections: wc, seconds, rate: half, op: transitionOp }),
      );
      report('transitions max', apiMax, rawMax);
      report('transitions at half rate', apiHalf, rawHalf);
      figures.push(rateFigure('transition_rate', apiMax.rate, rawMax.rate));
      figures.push(timeFigure('transition_p50_ms', percentile(apiHalf.latencies, 50), percentile(rawHalf.latencies, 50)));
      figures.push(timeFigure('transition_p99_ms', percentile(apiHalf.latencies, 99), percentile(rawHalf.latencies, 99)));
    } finally {
      for (const c of clients) c.release();
    }
    await checkAudit(base, [...touched.api].slice(0, 5), [...touched.raw].slice(0, 5), supervisors, open);
  }
  if (selected('state')) {
    // State-changing transitions (RETURN / RESUBMIT, writing case_state_intervals), the three busiest OPDs.
    const st = await measureStateTransitions(pool, base, wc, opds.slice(0, 3), (u) => login(base, u), measure, say);
    report('state transitions max', st.max.api, st.max.raw);
    report('state transitions at half rate', st.half.api, st.half.raw);
    figures.push(rateFigure('state_transition_rate', st.max.api.rate, st.max.raw.rate));
    figures.push(timeFigure('state_transition_p99_ms', percentile(st.half.api.latencies, 99), percentile(st.half.raw.latencies, 99)));
  }
  // Settle the write phase before the read figures: otherwise autovacuum of its tens of
  // thousands of new rows runs during whichever read run comes next.
  const settle = performance.now();
  await pool.query('VACUUM (ANALYZE) cases, case_events, outbox, case_state_intervals');
  await pool.query('CHECKPOINT');
  say(`settled the write phase (VACUUM ANALYZE, CHECKPOINT) in ${((performance.now() - settle) / 1000).toFixed(1)} s`);

  // ---- reads ------------------------------------------------------------------------------
  if (selected('reads')) {
    const rc = args.readConnections;
    const readClients: PoolClient[] = [];
    for (let i = 0; i < rc; i++) readClients.push(await pool.connect().then((c) => c.on('error', onClientError)));
    try {
      const queuePath = `/api/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'unassigned' }))}&range=${encodeURIComponent('[0,24]')}`;
      const spec = { filter: { queue: 'unassigned' }, sort: null, offset: 0, limit: 25 };
      const queueSql = new Map(
        staff.map((s) => {
          const b = buildCaseListQuery(s.user, defineAbilityFor(s.user), spec, nikIndex);
          return [s.user.id, { text: casePageSql(b, spec), values: b.values }];
        }),
      );
      // First and deep page alternate in rounds, so the deep ÷ first comparison sees the same machine.
      const deep = await deepCursor(pool, staff, spec);
      const deepPath = `${queuePath}&cursor=${deep.cursor}`;
      const probe = await fetch(`${base}${deepPath}`, { headers: auth(deep.staff) });
      const probeRows = (await probe.json()) as { id: string }[];
      if (!probe.ok || !Array.isArray(probeRows) || probeRows.length === 0) throw new Error(`deep page probe failed: ${probe.status}`);
      say(
        `queue first page (random staff), deep page (cursor at row ${deep.depth.toLocaleString('en')} of ${deep.total.toLocaleString('en')}, ${deep.staff.user.username}) and that queue's first page: ${rc} connections, ${secs} s each ...`,
      );
      const ownFirst = queueSql.get(deep.staff.user.id);
      if (!ownFirst) throw new Error("no first-page statement for the deep page's user");
      const [apiQ, rawQ, apiD, rawD, apiOwn, rawOwn] = await measure(
        (seconds) =>
          runApi({
            base,
            connections: rc,
            seconds,
            next: () => {
              const s = pickOf(staff);
              return { method: 'GET', path: queuePath, headers: auth(s) };
            },
          }),
        (seconds) =>
          runWorkers({
            connections: rc,
            seconds,
            op: async (w) => {
              const q = queueSql.get(pickOf(staff).user.id);
              if (!q) return false;
              await readClients[w].query(named(q.text, q.values));
              return true;
            },
          }),
        (seconds) => runApi({ base, connections: rc, seconds, next: () => ({ method: 'GET', path: deepPath, headers: auth(deep.staff) }) }),
        (seconds) =>
          runWorkers({
            connections: rc,
            seconds,
            op: async (w) => {
              await readClients[w].query(named(deep.sql.text, deep.sql.values));
              return true;
            },
          }),
        (seconds) =>
          runApi({ base, connections: rc, seconds, next: () => ({ method: 'GET', path: queuePath, headers: auth(deep.staff) }) }),
        (seconds) =>
          runWorkers({
            connections: rc,
            seconds,
            op: async (w) => {
              await readClients[w].query(named(ownFirst.text, ownFirst.values));
              return true;
            },
          }),
      );
      report('queue first page', apiQ, rawQ);
      report('queue deep page', apiD, rawD);
      report("queue first page, deep page's queue", apiOwn, rawOwn);
      sameQueueFirstPage = timeFigure(
        'queue_first_page_same_queue_p95_ms',
        percentile(apiOwn.latencies, 95),
        percentile(rawOwn.latencies, 95),
      );
      figures.push(timeFigure('queue_first_page_p95_ms', percentile(apiQ.latencies, 95), percentile(rawQ.latencies, 95)));
      figures.push(timeFigure('queue_deep_page_p95_ms', percentile(apiD.latencies, 95), percentile(rawD.latencies, 95)));

      // Case detail as a random staff user of the case's OPD.
      const sample = (
        await pool.query<{ id: string; opd_id: string }>(
          `SELECT id, opd_id FROM cases WHERE opd_id = ANY($1::uuid[]) ORDER BY random() LIMIT 5000`,
          [opds.map((o) => o.id)],
        )
      ).rows;
      const staffByOpd = new Map<string, Staff[]>();
      for (const s of staff) staffByOpd.set(s.user.opdId as string, [...(staffByOpd.get(s.user.opdId as string) ?? []), s]);
      say(`case detail: ${rc} connections, ${secs} s each ...`);
      const [apiC, rawC] = await measure(
        (seconds) =>
          runApi({
            base,
            connections: rc,
            seconds,
            next: () => {
              const c = pickOf(sample);
              return { method: 'GET', path: `/api/cases/${c.id}`, headers: auth(pickOf(staffByOpd.get(c.opd_id) ?? staff)) };
            },
          }),
        (seconds) =>
          runWorkers({
            connections: rc,
            seconds,
            op: async (w) => {
              const c = pickOf(sample);
              const s = pickOf(staffByOpd.get(c.opd_id) ?? staff);
              const db = readClients[w];
              await db.query(named(DETAIL_BY_ID, [c.id]));
              await db.query(named(ACCESS_LOG_INSERT, [s.user.id, c.id, 'read_case']));
              return true;
            },
          }),
      );
      report('case detail', apiC, rawC);
      figures.push(timeFigure('case_detail_p95_ms', percentile(apiC.latencies, 95), percentile(rawC.latencies, 95)));

      const nik = await measureNikSearch(pool, base, readClients, staffByOpd, measure, say);
      report('search by exact NIK', nik.api, nik.raw);
      figures.push(timeFigure('nik_search_p95_ms', percentile(nik.api.latencies, 95), percentile(nik.raw.latencies, 95)));
    } finally {
      for (const c of readClients) c.release();
    }
  }
  // ---- IKM report: pre-summed totals through the API vs the live computation in SQL ----------
  if (selected('ikm')) {
    const ikm = await measureIkm(pool, base, args.readConnections, args.cases, (u) => login(base, u), measure, say);
    report('ikm report', ikm.api, ikm.live);
    figures.push(timeFigure('ikm_report_p95_ms', percentile(ikm.api.latencies, 95), percentile(ikm.live.latencies, 95)));
  }
  // ---- reports: the rollups through the API vs a live GROUP BY over the raw tables; the case-list CSV export ----
  if (selected('reports')) {
    const rep = await measureReports(pool, base, args.apiPort + 2, args.readConnections, login, measure, say);
    for (const r of rep.reports) {
      report(`report ${r.name}`, r.api, r.live);
      figures.push(timeFigure(`report_${r.name}_p95_ms`, percentile(r.api.latencies, 95), percentile(r.live.latencies, 95)));
    }
    figures.push({ ...rateFigure('case_export_rows_per_s', rep.export.apiRowsPerSecond, rep.export.rawRowsPerSecond), unit: 'rows/s' });
    figures.push({ ...timeFigure('case_export_peak_rss_mb', rep.export.rssPeakMb, rep.export.rssBeforeMb), unit: 'MB' });
  }
  // ---- issuance: ISSUE (render, number, seal, store, event) vs render + sign in process ----
  // Last, so its writes and CPU cannot touch the figures above.
  // An issuance takes tens of ms (render and sign), so each of its rounds needs seconds, not a fraction of one.
  if (selected('issuance')) {
    const issuanceSeconds = Math.max(8, args.seconds);
    const iss = await measureIssuance(
      pool,
      base,
      4,
      (u) => login(base, u),
      (...runs) => interleaved(runs, { seconds: issuanceSeconds, rounds: 4, warmup: Math.min(3, issuanceSeconds) }),
      say,
    );
    report('issuance max', iss.max.api, iss.max.raw);
    report('issuance at half rate', iss.half.api, iss.half.raw);
    figures.push(rateFigure('issuance_rate', iss.max.api.rate, iss.max.raw.rate));
    figures.push(timeFigure('issuance_p95_ms', percentile(iss.half.api.latencies, 95), percentile(iss.half.raw.latencies, 95)));
  }
  if (selected('relay')) figures.push(...(await measureRelay(pool, args, login, measure, say)));
  // ---- overload: the max transition rate, then 2x it offered to an API that sheds (last: it floods) ----
  if (selected('overload')) figures.push(...(await measureOverload(pool, base, secs, (u) => login(base, u), say)));
  if (selected('reads') && !sameQueueFirstPage) throw new Error('the same-queue first page was not measured');
  return { figures, sameQueueFirstPage };
}

async function deepCursor(
  pool: Pool,
  staff: Staff[],
  spec: { filter: Record<string, unknown>; sort: null; offset: number; limit: number },
) {
  let best: { staff: Staff; total: number; where: string; values: unknown[] } | null = null;
  for (const s of staff.filter((x) => x.user.roles.includes('verifier'))) {
    const b = buildCaseListQuery(s.user, defineAbilityFor(s.user), spec, nikIndex);
    const {
      rows: [{ n }],
    } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${b.where}`, b.values);
    if (!best || n > best.total) best = { staff: s, total: n, where: b.where, values: b.values };
  }
  if (!best || best.total < 2) throw new Error('no unassigned queue to page through');
  const depth = Math.max(1, Math.min(40_000, best.total - 25));
  const {
    rows: [row],
  } = await pool.query<{ due_at: Date; id: string }>(
    `SELECT c.due_at, c.id FROM cases c WHERE ${best.where} ORDER BY c.due_at ASC, c.id ASC OFFSET ${depth - 1} LIMIT 1`,
    best.values,
  );
  const cursor = Buffer.from(JSON.stringify([row.due_at.toISOString(), row.id])).toString('base64url');
  const b = buildCaseListQuery(best.staff.user, defineAbilityFor(best.staff.user), { ...spec, cursor }, nikIndex);
  const sql = { text: casePageSql(b, spec), values: b.values };
  return { staff: best.staff, total: best.total, depth, cursor, sql };
}

/** The hash chains of cases written by both runs must still verify through the API. */
async function checkAudit(
  base: string,
  apiIds: string[],
  rawIds: string[],
  supervisors: Map<string, Staff>,
  cases: { id: string; opd_id: string }[],
): Promise<void> {
  const opdOf = new Map(cases.map((c) => [c.id, c.opd_id]));
  for (const id of [...apiIds, ...rawIds]) {
    const s = supervisors.get(opdOf.get(id) ?? '');
    if (!s) continue;
    const res = await fetch(`${base}/api/cases/${id}/audit`, { headers: auth(s) });
    const body = (await res.json()) as { valid?: boolean; events?: number };
    if (!res.ok || body.valid !== true) throw new Error(`audit of case ${id} failed: ${res.status} ${JSON.stringify(body)}`);
  }
  say(`audit: hash chains of ${apiIds.length + rawIds.length} benchmarked cases verify`);
}

function report(label: string, api: RunStats, raw: RunStats): void {
  reportPair(say, label, api, raw);
}

const round = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(2)) : Number.NaN);
function rateFigure(name: string, api: number, baseline: number): Figure {
  return { name, api: round(api), baseline: round(baseline), unit: 'req/s', ratio: round(api / baseline) };
}
function timeFigure(name: string, api: number, baseline: number): Figure {
  return { name, api: round(api), baseline: round(baseline), unit: 'ms', ratio: round(baseline / api) };
}

function printTable(figures: Figure[], sameQueueFirstPage: Figure | null): void {
  const rows = [
    ['figure', 'api', 'baseline', 'unit', 'ratio'],
    ...figures.map((f) => [f.name, String(f.api), String(f.baseline), f.unit, String(f.ratio)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  say('');
  for (const [i, r] of rows.entries()) {
    say(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) say(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const get = (n: string) => figures.find((f) => f.name === n);
  const checks: [string, boolean, string[]][] = [
    ['transitions >= 0.5 x raw rate', (get('transition_rate')?.ratio ?? 0) >= 0.5, ['transition_rate']],
    ['transition p99 <= 50 ms at half the max rate', (get('transition_p99_ms')?.api ?? Infinity) <= 50, ['transition_p99_ms']],
    ['state-changing transitions >= 0.5 x raw rate', (get('state_transition_rate')?.ratio ?? 0) >= 0.5, ['state_transition_rate']],
    ['queue first page p95 <= 15 ms', (get('queue_first_page_p95_ms')?.api ?? Infinity) <= 15, ['queue_first_page_p95_ms']],
    ['IKM report p95 <= 20 ms (300k responses at 1M cases)', (get('ikm_report_p95_ms')?.api ?? Infinity) <= 20, ['ikm_report_p95_ms']],
    [
      'each report endpoint p95 <= 20 ms (4 readers, transitions running)',
      REPORT_ENDPOINTS.every((n) => (get(`report_${n}_p95_ms`)?.api ?? Infinity) <= 20),
      REPORT_ENDPOINTS.map((n) => `report_${n}_p95_ms`),
    ],
    [
      'case CSV export in constant memory (peak RSS <= RSS before + 64 MB)',
      (get('case_export_peak_rss_mb')?.api ?? Infinity) <= (get('case_export_peak_rss_mb')?.baseline ?? Number.NaN) + 64,
      ['case_export_peak_rss_mb'],
    ],
    ['issuance >= 0.7 x in-process render + sign', (get('issuance_rate')?.ratio ?? 0) >= 0.7, ['issuance_rate']],
    ['issuance p95 <= 150 ms at half the max rate', (get('issuance_p95_ms')?.api ?? Infinity) <= 150, ['issuance_p95_ms']],
    [
      'deep page p95 within 1.5 x the first page',
      (get('queue_deep_page_p95_ms')?.api ?? Infinity) <= 1.5 * (get('queue_first_page_p95_ms')?.api ?? 0),
      ['queue_deep_page_p95_ms'],
    ],
  ];
  const deepOver = (f: 'api' | 'baseline', first: number | undefined) =>
    ((get('queue_deep_page_p95_ms')?.[f] ?? Number.NaN) / (first ?? Number.NaN)).toFixed(2);
  say('');
  if (get('queue_deep_page_p95_ms'))
    say(
      `deep page p95 / first page p95: api ${deepOver('api', get('queue_first_page_p95_ms')?.api)}, baseline ${deepOver('baseline', get('queue_first_page_p95_ms')?.baseline)}`,
    );
  if (sameQueueFirstPage)
    say(
      `deep page p95 / the same queue's first page p95 (${sameQueueFirstPage.api} ms, baseline ${sameQueueFirstPage.baseline} ms): api ${deepOver('api', sameQueueFirstPage.api)}, baseline ${deepOver('baseline', sameQueueFirstPage.baseline)}`,
    );
  for (const [label, ok, names] of checks) {
    if (names.some((n) => get(n))) say(`${ok ? 'PASS' : 'MISS'}  ${label}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
