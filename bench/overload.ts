// Overload figure: the API's maximum sustainable transition rate (autocannon, closed loop, as
// `transition_rate`), then twice that rate offered evenly paced (runWorkers + httpSender: a
// flood of independent callers, not autocannon's per-second bursts) to an API that sheds what
// it cannot admit (MAX_IN_FLIGHT, api/src/common/http/admission.ts). Goodput is the rate of
// 2xx at 2x, compared with the maximum; p99 is that of the admitted requests, counted from each
// request's scheduled time.
import type { Pool } from 'pg';
import { httpSender, percentile, runApi, runPacedHttp, type HttpRequest, type RunStats } from './measure';

/** Enough sockets that the 2x offer is not held back by admitted requests in progress. */
const FLOOD_CONNECTIONS = 256;
const WRITERS = 32;

interface Figure {
  name: string;
  api: number;
  baseline: number;
  unit: string;
  ratio: number;
}
interface Writable {
  id: string;
  version: number;
  token: string;
}

export async function measureOverload(
  pool: Pool,
  base: string,
  seconds: number,
  login: (username: string) => Promise<{ token: string }>,
  say: (msg: string) => void,
): Promise<Figure[]> {
  const opds = (
    await pool.query<{ id: string; code: string }>(
      `SELECT o.id, o.code FROM opds o JOIN cases c ON c.opd_id = o.id AND c.is_open
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.username = 'bulk.supervisor.' || o.code)
        GROUP BY o.id, o.code ORDER BY count(*) DESC LIMIT 4`,
    )
  ).rows;
  const tokens = new Map<string, string>();
  for (const o of opds) tokens.set(o.id, (await login(`bulk.supervisor.${o.code}`)).token);
  const cases: Writable[] = (
    await pool.query<{ id: string; version: number; opd_id: string }>(
      `SELECT id, version, opd_id FROM cases WHERE is_open AND opd_id = ANY($1::uuid[]) ORDER BY random() LIMIT 8000`,
      [opds.map((o) => o.id)],
    )
  ).rows.map((c) => ({ id: c.id, version: c.version, token: tokens.get(c.opd_id) ?? '' }));
  const inflight = new Map<string, Writable>();
  const next = (): HttpRequest | null => {
    const c = cases.shift();
    if (!c) return null;
    inflight.set(c.id, c);
    return {
      method: 'POST',
      path: `/api/cases/${c.id}/events`,
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'COMMENT', version: c.version, comment: 'Catatan uji beban lebih' }),
    };
  };
  /** A written case goes back with its new version; a refused one as it was. */
  const settle = (r: HttpRequest, status: number, body: string) => {
    const id = r.path.split('/')[3];
    const c = inflight.get(id);
    if (!c) return;
    inflight.delete(id);
    cases.push(status >= 200 && status < 300 ? { ...c, version: (JSON.parse(body) as { version: number }).version } : c);
  };

  say(`overload: max sustainable rate (closed loop, ${WRITERS} connections, ${seconds} s after a warm-up) ...`);
  const closedLoop = (s: number) =>
    runApi({
      base,
      connections: WRITERS,
      seconds: s,
      next,
      done: (status, body) => {
        if (status < 200 || status >= 300) return;
        const { id, version } = JSON.parse(body) as { id: string; version: number };
        const c = inflight.get(id);
        if (!c) return;
        inflight.delete(id);
        cases.push({ ...c, version });
      },
    });
  await closedLoop(Math.min(3, seconds));
  // A closed loop may leave requests whose answer it never reported: their cases come back.
  for (const c of inflight.values()) cases.push(c);
  inflight.clear();
  const max = await closedLoop(seconds);
  for (const c of inflight.values()) cases.push(c);
  inflight.clear();

  const offered = 2 * max.rate;
  say(`overload: ${offered.toFixed(0)}/s offered (2 x ${max.rate.toFixed(0)}/s) over ${FLOOD_CONNECTIONS} connections, ${seconds} s ...`);
  const send = httpSender(base, FLOOD_CONNECTIONS);
  const outcome = { sent: 0, shed: 0, shedWithoutRetryAfter: 0, serverErrors: 0, other: 0 };
  // Send-to-answer time of each admitted request (the figure counts from its scheduled time, so
  // it includes any lag of this load generator itself).
  const service: number[] = [];
  const flood: RunStats = await runPacedHttp({
    send,
    connections: FLOOD_CONNECTIONS,
    seconds,
    rate: offered,
    next: () => {
      const r = next();
      if (r) outcome.sent++;
      return r;
    },
    done: (res, r, ms) => {
      settle(r, res.status, res.body);
      if (res.status >= 200 && res.status < 300) service.push(ms);
      else if (res.status === 503 || res.status === 429) {
        outcome.shed++;
        if (!res.retryAfter) outcome.shedWithoutRetryAfter++;
      } else if (res.status >= 500) outcome.serverErrors++;
      else outcome.other++;
    },
  });
  const goodput = flood.rate;
  const p99 = percentile(flood.latencies, 99);
  say(
    `  overload: max ${max.rate.toFixed(0)}/s (p99 ${percentile(max.latencies, 99).toFixed(2)} ms); at 2x: sent ${(outcome.sent / flood.seconds).toFixed(0)}/s, ` +
      `admitted ${goodput.toFixed(0)}/s = ${((100 * goodput) / max.rate).toFixed(1)} % of max, shed ${outcome.shed} (503/429; ${outcome.shedWithoutRetryAfter} without Retry-After), ` +
      `other 5xx ${outcome.serverErrors}, other ${outcome.other}; admitted p50 ${percentile(flood.latencies, 50).toFixed(2)} p99 ${p99.toFixed(2)} ms from the scheduled time, ` +
      `p99 ${percentile(
        service.sort((a, b) => a - b),
        99,
      ).toFixed(2)} ms from sending`,
  );
  const ok = (label: string, pass: boolean) => say(`${pass ? 'PASS' : 'MISS'}  ${label}`);
  ok('overload: 0 5xx other than 503 with Retry-After', outcome.serverErrors === 0 && outcome.shedWithoutRetryAfter === 0);
  ok('overload: goodput at 2x >= 90 % of the max rate', goodput >= 0.9 * max.rate);
  const round = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(2)) : Number.NaN);
  return [
    { name: 'overload_goodput', api: round(goodput), baseline: round(max.rate), unit: 'req/s', ratio: round(goodput / max.rate) },
    {
      name: 'overload_p99_ms',
      api: round(p99),
      baseline: round(percentile(max.latencies, 99)),
      unit: 'ms',
      ratio: round(percentile(max.latencies, 99) / p99),
    },
    {
      name: 'overload_5xx',
      api: outcome.serverErrors + outcome.shedWithoutRetryAfter,
      baseline: 0,
      unit: 'count',
      ratio: outcome.serverErrors ? 0 : 1,
    },
  ];
}
