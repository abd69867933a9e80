// Report figures (issue 18): each /api/reports/* endpoint as leadership (city-wide), read from the
// rollups, against the same figure computed by a live GROUP BY over the raw `cases`, `case_events`
// and `case_state_intervals` (today's approach), 4 concurrent readers each way, while COMMENT
// transitions run through the main API. The reports are read from a second API instance that
// refreshes the rollups (REPORT_ROLLUP_ENABLED) and nothing else; then the case-list CSV export
// (/api/exports/cases, every case) from that instance: rows/s against streaming the rows from
// PostgreSQL directly, and the instance's RSS (sampled VmRSS) before and at its peak during it.
import { RETURN_EVENT, WITHDRAWN_STATE } from '@layanan/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { httpSender, percentile, runApi, runWorkers, type RunStats } from './measure';

const ROOT = path.resolve(__dirname, '..', '..');
const WIB = 'Asia/Jakarta';

export const REPORT_ENDPOINTS = ['sla', 'backlog', 'stages', 'throughput', 'officers', 'services', 'opds'] as const;
export type ReportEndpoint = (typeof REPORT_ENDPOINTS)[number];

export interface ReportFigures {
  reports: { name: ReportEndpoint; api: RunStats; live: RunStats }[];
  /** COMMENT transitions written through the main API while the reports were read. */
  transitions: { ok: number; seconds: number };
  /** Incremental refreshes seen while the reports were read: ms from each one's start (`refreshed_at`) to its commit. */
  refreshMs: number[];
  exportRows: number;
  export: { apiRowsPerSecond: number; rawRowsPerSecond: number; rssBeforeMb: number; rssPeakMb: number };
}

/** The period ($1 from, $2 to exclusive) as WIB day bounds. */
const FROM = `($1::date::timestamp AT TIME ZONE '${WIB}')`;
const TO = `(($2::date + 1)::timestamp AT TIME ZONE '${WIB}')`;
const CLOSED = `c.completed_at >= ${FROM} AND c.completed_at < ${TO} AND c.state <> '${WITHDRAWN_STATE}'`;
const RECEIVED = `c.submitted_at >= ${FROM} AND c.submitted_at < ${TO}`;

/** Each report's figures computed from the raw tables, city-wide, for the period. */
const LIVE_SQL: Record<ReportEndpoint, string> = {
  sla: `SELECT c.opd_id, count(*) FILTER (WHERE ${CLOSED}) AS closed,
               count(*) FILTER (WHERE ${CLOSED} AND c.due_at IS NOT NULL AND c.completed_at <= c.due_at) AS on_time,
               count(*) FILTER (WHERE c.is_open AND c.due_at < now()) AS open_overdue
          FROM cases c WHERE (${CLOSED}) OR c.is_open GROUP BY 1`,
  backlog: `SELECT c.opd_id, width_bucket(t.cum_days - s.cum_days, ARRAY[3, 6, 11, 21]) AS age,
                   width_bucket(extract(epoch FROM now() - c.submitted_at) / nullif(extract(epoch FROM c.due_at - c.submitted_at), 0),
                                ARRAY[0.5, 0.8, 1.0]) AS sla, count(*), count(*) FILTER (WHERE c.due_at < now()) AS overdue
              FROM cases c
              JOIN report_calendar s ON s.day = (c.submitted_at AT TIME ZONE '${WIB}')::date
              JOIN report_calendar t ON t.day = (now() AT TIME ZONE '${WIB}')::date
             WHERE c.is_open AND c.completed_at IS NULL AND $1::date IS NOT NULL AND $2::date IS NOT NULL GROUP BY 1, 2, 3`,
  stages: `SELECT i.state, i.waiting, percentile_cont(0.5) WITHIN GROUP (ORDER BY i.working_minutes) / 60 AS median_hours,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY i.working_minutes) / 60 AS p90_hours, count(*)
             FROM case_state_intervals i WHERE i.left_at >= ${FROM} AND i.left_at < ${TO} GROUP BY 1, 2`,
  throughput: `SELECT w, sum(received) AS received, sum(closed) AS closed, sum(online) AS online, sum(returned) AS returned FROM (
                 SELECT date_trunc('week', c.submitted_at AT TIME ZONE '${WIB}') AS w, 1 AS received, 0 AS closed,
                        (c.channel = 'online')::int AS online,
                        (EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = '${RETURN_EVENT}'))::int AS returned
                   FROM cases c WHERE ${RECEIVED}
                 UNION ALL
                 SELECT date_trunc('week', c.completed_at AT TIME ZONE '${WIB}'), 0, 1, 0, 0 FROM cases c WHERE ${CLOSED}
               ) x GROUP BY 1
               UNION ALL
               SELECT NULL, count(*), 0, 0, 0 FROM case_events e
                WHERE e.type = '${RETURN_EVENT}' AND e.created_at >= ${FROM} AND e.created_at < ${TO} GROUP BY e.reason`,
  officers: `SELECT c.assignee_id, count(*) FILTER (WHERE c.is_open) AS open,
                    count(*) FILTER (WHERE c.is_open AND c.due_at < now()) AS overdue, count(*) FILTER (WHERE ${CLOSED}) AS completed
               FROM cases c WHERE c.assignee_id IS NOT NULL AND (c.is_open OR ${CLOSED}) GROUP BY 1`,
  services: `SELECT c.service_id, c.opd_id, count(*) FILTER (WHERE ${RECEIVED}) AS received, count(*) FILTER (WHERE ${CLOSED}) AS closed,
                    count(*) FILTER (WHERE ${CLOSED} AND c.completed_at <= c.due_at) AS on_time,
                    count(*) FILTER (WHERE c.is_open AND c.due_at < now()) AS overdue
               FROM cases c WHERE (${RECEIVED}) OR (${CLOSED}) OR c.is_open GROUP BY 1, 2`,
  opds: `SELECT c.opd_id, count(*) FILTER (WHERE ${RECEIVED}) AS received, count(*) FILTER (WHERE ${CLOSED}) AS closed,
                count(*) FILTER (WHERE ${CLOSED} AND c.completed_at <= c.due_at) AS on_time,
                count(*) FILTER (WHERE c.is_open) AS open, count(*) FILTER (WHERE c.is_open AND c.due_at < now()) AS overdue
           FROM cases c WHERE (${RECEIVED}) OR (${CLOSED}) OR c.is_open GROUP BY 1`,
};

/** Resident memory of a process now, in MB (Linux). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function startReportsApi(url: string, port: number, say: (m: string) => void): Promise<ChildProcess> {
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), JWT_SECRET: randomBytes(48).toString('base64url') };
  Object.assign(env, { LOG_LEVEL: 'warn', DEMO_MODE: 'false', NODE_ENV: 'production', JOBS_ENABLED: 'false' });
  Object.assign(env, { REPORT_ROLLUP_ENABLED: 'true', DATA_DIR: path.join(ROOT, '.data', 'bench-reports') });
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
    if (child.exitCode !== null) throw new Error(`the reports API exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      say(`reports API (REPORT_ROLLUP_ENABLED) started on port ${port} (pid ${child.pid})`);
      return child;
    }
  }
  child.kill('SIGKILL');
  throw new Error(`the reports API did not become healthy: ${stderr}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** COMMENT transitions through the main API on one OPD's open cases, `workers` at a time, until `stop()`. */
function backgroundTransitions(
  base: string,
  token: string,
  cases: { id: string; version: number }[],
  workers: number,
): { stop: () => Promise<{ ok: number; seconds: number }> } {
  const send = httpSender(base, workers);
  let running = true;
  let ok = 0;
  const started = performance.now();
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const c = cases.shift();
      if (!c) return;
      const res = await send({
        method: 'POST',
        path: `/api/cases/${c.id}/events`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'COMMENT', version: c.version, comment: 'Catatan uji beban (laporan)' }),
      });
      if (res.status >= 200 && res.status < 300) {
        ok++;
        cases.push({ id: c.id, version: (JSON.parse(res.body) as { version: number }).version });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { ok, seconds: (performance.now() - started) / 1000 };
    },
  };
}

async function waitForRollup(pool: Pool, say: (m: string) => void): Promise<void> {
  const started = performance.now();
  for (const until = Date.now() + 30 * 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
    const {
      rows: [s],
    } = await pool.query<{ refreshed_at: Date | null }>(`SELECT refreshed_at FROM report_state WHERE id = 1`);
    if (s?.refreshed_at) {
      say(`reports: first rollup refresh done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
  }
  throw new Error('the report rollups were not refreshed within 30 min');
}

/**
 * Watches `report_state` every 25 ms: each new `refreshed_at` (a refresh's start, written in its
 * transaction) becomes visible when that refresh commits, so the time seen minus it is the
 * refresh's duration (to within the polling interval), whatever the API's version.
 */
function watchRefreshes(pool: Pool): { stop: () => Promise<number[]> } {
  const seen: number[] = [];
  let last: number | null = null;
  let running = true;
  const loop = (async () => {
    while (running) {
      const {
        rows: [s],
      } = await pool.query<{ refreshed_at: Date | null }>(`SELECT refreshed_at FROM report_state WHERE id = 1`);
      const at = s?.refreshed_at?.getTime() ?? null;
      if (at !== null && last !== null && at !== last) seen.push(Date.now() - at);
      last = at;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}

/** Streams the CSV, counting its lines, while sampling the API's RSS every 20 ms. */
async function streamExport(url: string, token: string, pid: number): Promise<{ rows: number; seconds: number; peakMb: number }> {
  let peakMb = rssMb(pid);
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 20);
  const started = performance.now();
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body) throw new Error(`case export: ${res.status} ${await res.text()}`);
    let lines = 0;
    const body = res.body.getReader();
    for (let r = await body.read(); !r.done; r = await body.read()) for (const b of r.value) if (b === 10) lines++;
    return { rows: lines - 1, seconds: (performance.now() - started) / 1000, peakMb };
  } finally {
    clearInterval(sampler);
  }
}

/** The same cases streamed straight from PostgreSQL through a cursor: the export's floor. */
async function streamRaw(client: PoolClient): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const stream = client.query(new QueryStream(`SELECT c.* FROM cases c ORDER BY c.submitted_at DESC, c.id`, [], { batchSize: 1000 }));
  let rows = 0;
  for await (const _row of stream as AsyncIterable<unknown>) rows++;
  return { rows, seconds: (performance.now() - started) / 1000 };
}

export async function measureReports(
  pool: Pool,
  base: string,
  port: number,
  connections: number,
  login: (base: string, username: string) => Promise<{ token: string }>,
  measure: (...runs: ((seconds: number) => Promise<RunStats>)[]) => Promise<RunStats[]>,
  say: (msg: string) => void,
): Promise<ReportFigures> {
  const url = pool.options.connectionString;
  if (!url) throw new Error('the report figures need the pool connection string');
  await pool.query(
    `INSERT INTO users (username, full_name, password_hash, roles, opd_id)
     SELECT 'bulk.leadership', 'Pimpinan (bench)', password_hash, '{leadership}', NULL FROM users WHERE username LIKE 'bulk.supervisor.%' LIMIT 1
     ON CONFLICT (username) DO NOTHING`,
  );
  const {
    rows: [busiest],
  } = await pool.query<{ id: string; code: string }>(
    `SELECT o.id, o.code FROM opds o JOIN cases c ON c.opd_id = o.id AND c.is_open
      WHERE EXISTS (SELECT 1 FROM users u WHERE u.username = 'bulk.supervisor.' || o.code)
      GROUP BY o.id, o.code ORDER BY count(*) DESC LIMIT 1`,
  );
  const writable = (
    await pool.query<{ id: string; version: number }>(
      `SELECT id, version FROM cases WHERE is_open AND opd_id = $1 ORDER BY random() LIMIT 2000`,
      [busiest.id],
    )
  ).rows;
  const writer = await login(base, `bulk.supervisor.${busiest.code}`);
  await pool.query(`UPDATE report_state SET refreshed_at = NULL, watermark = NULL WHERE id = 1`);
  const api = await startReportsApi(url, port, say);
  const clients: PoolClient[] = [];
  try {
    const reportsBase = `http://127.0.0.1:${port}`;
    await waitForRollup(pool, say);
    const reader = await login(reportsBase, 'bulk.leadership');
    const headers = { authorization: `Bearer ${reader.token}` };
    // The last twelve months up to today (WIB): the generated cases' span.
    const today = new Date(Date.now() + 7 * 3600_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const from = day(new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), 1)));
    const to = day(today);
    const query = `from=${from}&to=${to}`;
    for (const name of REPORT_ENDPOINTS) {
      const res = await fetch(`${reportsBase}/api/reports/${name}?${query}`, { headers });
      if (!res.ok) throw new Error(`report ${name}: ${res.status} ${await res.text()}`);
    }
    for (let i = 0; i < connections; i++) clients.push(await pool.connect());
    const transitions = backgroundTransitions(base, writer.token, writable, 2);
    const refreshes = watchRefreshes(pool);
    const reports: ReportFigures['reports'] = [];
    let done = { ok: 0, seconds: 0 };
    let refreshMs: number[] = [];
    try {
      for (const name of REPORT_ENDPOINTS) {
        say(`report ${name}: ${connections} connections, API (rollups) vs live GROUP BY, transitions running ...`);
        const [a, live] = await measure(
          (seconds) =>
            runApi({
              base: reportsBase,
              connections,
              seconds,
              next: () => ({ method: 'GET', path: `/api/reports/${name}?${query}`, headers }),
            }),
          (seconds) =>
            runWorkers({
              connections,
              seconds,
              op: async (w) => {
                await clients[w].query(LIVE_SQL[name], [from, to]);
                return true;
              },
            }),
        );
        reports.push({ name, api: a, live });
        // Said now, not only in the table at the end: a later failure (the export) must not lose it.
        say(`report ${name}: p95 api ${percentile(a.latencies, 95).toFixed(2)} ms, live ${percentile(live.latencies, 95).toFixed(2)} ms`);
      }
    } finally {
      done = await transitions.stop();
      refreshMs = await refreshes.stop();
      say(`reports: ${done.ok.toLocaleString('en')} COMMENT transitions ran meanwhile (${(done.ok / done.seconds).toFixed(0)}/s)`);
      if (refreshMs.length)
        say(
          `reports: ${refreshMs.length} refreshes meanwhile, ${percentile(
            [...refreshMs].sort((a, b) => a - b),
            50,
          ).toFixed(0)} ms median, ${Math.max(...refreshMs).toFixed(0)} ms longest (start to commit)`,
        );
    }
    // ---- the case list as CSV, every case the caller may read (leadership: all) ----
    const pid = api.pid ?? 0;
    const before = rssMb(pid);
    const exp = await streamExport(`${reportsBase}/api/exports/cases?format=csv`, reader.token, pid);
    const raw = await streamRaw(clients[0]);
    say(
      `case export: ${exp.rows.toLocaleString('en')} rows in ${exp.seconds.toFixed(1)} s (${(exp.rows / exp.seconds).toFixed(0)}/s), API RSS ${before.toFixed(0)} MB before, peak ${exp.peakMb.toFixed(0)} MB; raw cursor ${raw.rows.toLocaleString('en')} rows in ${raw.seconds.toFixed(1)} s`,
    );
    // Lines, not records: a quoted field may hold a line break, so a difference is reported, not fatal.
    if (exp.rows !== raw.rows) say(`case export: ${exp.rows} lines after the header, the table holds ${raw.rows} cases`);
    return {
      reports,
      transitions: done,
      refreshMs,
      exportRows: exp.rows,
      export: {
        apiRowsPerSecond: exp.rows / exp.seconds,
        rawRowsPerSecond: raw.rows / raw.seconds,
        rssBeforeMb: before,
        rssPeakMb: exp.peakMb,
      },
    };
  } finally {
    for (const c of clients) c.release();
    await stop(api);
  }
}
