// IKM figure: GET /api/satisfaction/ikm (city-wide as leadership, one OPD as its supervisor)
// reading the pre-summed `survey_totals`, against the live computation of the same figures
// (GROUP BY over `survey_responses`, raw SQL) on the same database. Loads one survey response
// for 30 % of the cases (300k at 1M), spread over the last 24 months.
import { SKM_ELEMENTS } from '@layanan/contracts';
import type { Pool } from 'pg';
import { runApi, runWorkers, type RunStats } from './measure';

export interface IkmFigures {
  api: RunStats;
  live: RunStats;
  responses: number;
}

const SCORE = `(1 + floor(random() * 4))::smallint`;

/** Responses, their totals and the population, as the API and the population job would leave them. */
async function loadResponses(pool: Pool, count: number, say: (msg: string) => void): Promise<number> {
  const started = performance.now();
  await pool.query(`TRUNCATE survey_responses, survey_totals, survey_population`);
  // Each response gets a case's service and OPD and its own day (the lateral names the case, so it
  // is evaluated per row); the token stands for HMAC(key, case id).
  await pool.query(
    `INSERT INTO survey_responses (case_token, service_id, opd_id, month, submitted_on, ${SKM_ELEMENTS.join(', ')}, suggestion)
     SELECT decode(md5(c.id::text) || md5(c.tracking_code), 'hex'), c.service_id, c.opd_id,
            date_trunc('month', d)::date, d::date, ${SKM_ELEMENTS.map(() => SCORE).join(', ')},
            CASE WHEN random() < 0.1 THEN 'Saran nomor ' || c.tracking_code END
       FROM (SELECT id, tracking_code, service_id, opd_id FROM cases ORDER BY random() LIMIT $1) c,
            LATERAL (SELECT (now() AT TIME ZONE 'Asia/Jakarta') - (random() + 0 * length(c.tracking_code)) * interval '730 days' AS d) t`,
    [count],
  );
  await pool.query(
    `INSERT INTO survey_totals (service_id, opd_id, month, respondents, ${SKM_ELEMENTS.flatMap((e) => [`${e}_sum`, `${e}_n`]).join(', ')})
     SELECT service_id, opd_id, month, count(*), ${SKM_ELEMENTS.map((e) => `sum(${e}), count(${e})`).join(', ')}
       FROM survey_responses GROUP BY 1, 2, 3`,
  );
  await pool.query(
    `INSERT INTO survey_population (service_id, opd_id, month, completed)
     SELECT service_id, opd_id, date_trunc('month', completed_at AT TIME ZONE 'Asia/Jakarta')::date, count(*)
       FROM cases WHERE completed_at IS NOT NULL GROUP BY 1, 2, 3`,
  );
  await pool.query(`ANALYZE survey_responses; ANALYZE survey_totals; ANALYZE survey_population`);
  const {
    rows: [{ n }],
  } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_responses`);
  say(`ikm: ${n.toLocaleString('en')} survey responses loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return n;
}

/** The IKM figures computed from the responses themselves: what the report would cost without `survey_totals`. */
const LIVE_SQL = (scoped: boolean) => `
  SELECT r.service_id, r.opd_id, to_char(r.month, 'YYYY-MM') AS month, count(*)::int AS respondents,
         ${SKM_ELEMENTS.map((e) => `sum(r.${e})::int AS ${e}_sum, count(r.${e})::int AS ${e}_n`).join(', ')},
         max(coalesce(p.completed, 0)) AS population
    FROM survey_responses r
    LEFT JOIN survey_population p ON p.service_id = r.service_id AND p.opd_id = r.opd_id AND p.month = r.month
   WHERE r.month >= $1::date AND r.month <= $2::date${scoped ? ' AND r.opd_id = $3' : ''}
   GROUP BY 1, 2, 3`;

export async function measureIkm(
  pool: Pool,
  base: string,
  connections: number,
  cases: number,
  login: (username: string) => Promise<{ token: string }>,
  measure: (...runs: ((seconds: number) => Promise<RunStats>)[]) => Promise<RunStats[]>,
  say: (msg: string) => void,
): Promise<IkmFigures> {
  const responses = await loadResponses(pool, Math.round(cases * 0.3), say);
  // A city-wide reader (leadership) and the supervisor of the OPD with the most responses.
  await pool.query(
    `INSERT INTO users (username, full_name, password_hash, roles, opd_id)
     SELECT 'bulk.leadership', 'Pimpinan (bench)', password_hash, '{leadership}', NULL FROM users WHERE username LIKE 'bulk.supervisor.%' LIMIT 1
     ON CONFLICT (username) DO NOTHING`,
  );
  const {
    rows: [busiest],
  } = await pool.query<{ id: string; code: string }>(
    `SELECT o.id, o.code FROM survey_totals t JOIN opds o ON o.id = t.opd_id
      WHERE EXISTS (SELECT 1 FROM users u WHERE u.username = 'bulk.supervisor.' || o.code)
      GROUP BY o.id, o.code ORDER BY sum(t.respondents) DESC LIMIT 1`,
  );
  const readers = [
    { token: (await login('bulk.leadership')).token, opdId: null as string | null },
    { token: (await login(`bulk.supervisor.${busiest.code}`)).token, opdId: busiest.id },
  ];
  // The report's default period: the last twelve months up to this one (Asia/Jakarta).
  const now = new Date(Date.now() + 7 * 3600_000);
  const month = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const to = month(now);
  const from = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));
  const check = await fetch(`${base}/api/satisfaction/ikm`, { headers: { authorization: `Bearer ${readers[0].token}` } });
  const body = (await check.json()) as { total?: { respondents: number; ikm: number | null } };
  if (!check.ok || !body.total) throw new Error(`ikm report: ${check.status} ${JSON.stringify(body)}`);
  say(`ikm: city-wide ${from}..${to}: ${body.total.respondents.toLocaleString('en')} respondents, IKM ${body.total.ikm}`);

  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  try {
    let i = 0;
    say(`ikm report: ${connections} connections, API (survey_totals) vs live GROUP BY over survey_responses ...`);
    const [api, live] = await measure(
      (seconds) =>
        runApi({
          base,
          connections,
          seconds,
          next: () => ({ method: 'GET', path: '/api/satisfaction/ikm', headers: { authorization: `Bearer ${readers[i++ % 2].token}` } }),
        }),
      (seconds) =>
        runWorkers({
          connections,
          seconds,
          op: async (w) => {
            const r = readers[i++ % 2];
            const values = r.opdId ? [`${from}-01`, `${to}-01`, r.opdId] : [`${from}-01`, `${to}-01`];
            await clients[w].query(LIVE_SQL(r.opdId !== null), values);
            return true;
          },
        }),
    );
    return { api, live, responses };
  } finally {
    for (const c of clients) c.release();
  }
}
