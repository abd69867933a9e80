// State-changing transitions: RETURN (submitted → returned, the SLA clock pauses) and RESUBMIT
// (returned → submitted, the due date moves by the paused working time) in turn on open cases of
// the standard workflow (unassigned: any verifier and officer of the OPD may act), through HTTP, against the same writes in raw SQL: the case read, then the
// one conditional statement that updates the case row and inserts the event, the outbox notice and
// the `case_state_intervals` row of the state left. The COMMENT figures in run.ts change no state.
import { resumeDueAt, workingMinutesBetween, type WorkingCalendar } from '@layanan/sla';
import { nextRoles, STANDARD_WORKFLOW } from '@layanan/workflow';
import type { Pool, PoolClient } from 'pg';
import { CASE_FOR_WRITE_SELECT, eventWriteText, eventWriteValues, type CaseUpdate } from '../api/src/cases/case.repository';
import { chainNext } from '../api/src/cases/hash-chain';
import { statementName } from '../api/src/common/database/prepared';
import { httpSender, percentile, runApi, runPacedHttp, runWorkers, type HttpRequest, type RunStats } from './measure';

export interface StateTransitionFigures {
  max: { api: RunStats; raw: RunStats };
  half: { api: RunStats; raw: RunStats };
  /** case_state_intervals rows the measured runs wrote (API, raw). */
  intervals: { api: number; raw: number };
}

interface Moving {
  id: string;
  version: number;
  state: 'submitted' | 'returned';
  opd: string;
}

interface CaseForWrite {
  version: number;
  event_count: number;
  last_event_hash: string | null;
  state: string;
  opd_id: string;
  due_at: string | null;
  paused_at: string | null;
  state_entered_at: string;
  assignee_id: string | null;
}

const REASON = 'Berkas belum lengkap (uji beban)';
const named = (text: string, values: unknown[]) => ({ name: statementName(text), text, values });

/**
 * `connections` concurrent writers each way; the API's verifier RETURNs and its officer
 * RESUBMITs (staff at the counter), the raw side writes what those events write.
 */
export async function measureStateTransitions(
  pool: Pool,
  base: string,
  connections: number,
  opds: { id: string; code: string }[],
  login: (username: string) => Promise<{ token: string }>,
  measure: (...runs: ((seconds: number) => Promise<RunStats>)[]) => Promise<RunStats[]>,
  say: (msg: string) => void,
): Promise<StateTransitionFigures> {
  const tokens = new Map<string, { verifier: string; officer: string }>();
  for (const o of opds) {
    tokens.set(o.code, {
      verifier: (await login(`bulk.verifier.${o.code}`)).token,
      officer: (await login(`bulk.officer.${o.code}`)).token,
    });
  }
  const rows = (
    await pool.query<{ id: string; version: number; code: string }>(
      `SELECT c.id, c.version, o.code FROM cases c JOIN opds o ON o.id = c.opd_id
        WHERE c.state = 'submitted' AND c.workflow_key = 'standard' AND c.assignee_id IS NULL AND c.opd_id = ANY($1::uuid[])
        ORDER BY random() LIMIT 4000`,
      [opds.map((o) => o.id)],
    )
  ).rows;
  const apiCases: Moving[] = [];
  const rawCases: Moving[] = [];
  rows.forEach((r, i) => (i % 2 ? rawCases : apiCases).push({ id: r.id, version: r.version, state: 'submitted', opd: r.code }));
  say(`state transitions: ${rows.length.toLocaleString('en')} submitted cases, RETURN and RESUBMIT in turn`);
  const {
    rows: [{ n: before }],
  } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_state_intervals`);

  const touched = { api: new Set<string>(), raw: new Set<string>() };
  const inflight = new Map<string, Moving>();
  const next = (): HttpRequest | null => {
    const c = apiCases.shift();
    if (!c) return null;
    inflight.set(c.id, c);
    const who = tokens.get(c.opd);
    const returning = c.state === 'submitted';
    return {
      method: 'POST',
      path: `/api/cases/${c.id}/events`,
      headers: { authorization: `Bearer ${returning ? who?.verifier : who?.officer}`, 'content-type': 'application/json' },
      body: JSON.stringify(returning ? { type: 'RETURN', version: c.version, reason: REASON } : { type: 'RESUBMIT', version: c.version }),
    };
  };
  const refusals = new Map<string, number>();
  const done = (status: number, body: string) => {
    if (status < 200 || status >= 300) {
      const code = `${status} ${(JSON.parse(body || '{}') as { code?: string }).code ?? ''}`.trim();
      refusals.set(code, (refusals.get(code) ?? 0) + 1);
      return;
    }
    const r = JSON.parse(body) as { id: string; version: number; state: Moving['state'] };
    const c = inflight.get(r.id);
    if (!c) return;
    inflight.delete(r.id);
    touched.api.add(r.id);
    apiCases.push({ ...c, version: r.version, state: r.state });
  };

  // The raw side: the same read, the same calendar arithmetic, the same single write statement.
  const holidays = await pool.query<{ d: string }>(`SELECT to_char(date, 'YYYY-MM-DD') AS d FROM holidays`);
  const cal: WorkingCalendar = { holidays: new Set(holidays.rows.map((h) => h.d)) };
  const clients: PoolClient[] = [];
  for (let i = 0; i < connections; i++) clients.push(await pool.connect());
  const rawOp = async (w: number): Promise<boolean> => {
    const c = rawCases.shift();
    if (!c) return false;
    const db = clients[w];
    const {
      rows: [{ row }],
    } = await db.query<{ row: CaseForWrite }>(named(CASE_FOR_WRITE_SELECT, [c.id]));
    if (row.version !== c.version || row.state !== c.state) throw new Error('stale case');
    const now = new Date();
    const returning = row.state === 'submitted';
    const to = returning ? 'returned' : 'submitted';
    const entered = new Date(row.state_entered_at);
    const dueAt = row.due_at ? new Date(row.due_at) : null;
    const resumed = !returning && dueAt && row.paused_at ? resumeDueAt(dueAt, new Date(row.paused_at), now, cal) : dueAt;
    const set: CaseUpdate = {
      state: to,
      next_roles: nextRoles(STANDARD_WORKFLOW, to),
      is_open: true,
      assignee_id: null,
      due_at: resumed,
      paused_at: returning ? now : null,
      state_entered_at: now,
    };
    const type = returning ? 'RETURN' : 'RESUBMIT';
    const link = chainNext(
      {
        caseId: c.id,
        type,
        fromState: row.state,
        toState: to,
        actorId: null,
        actorName: 'bench',
        actorRole: returning ? 'verifier' : 'officer',
        comment: null,
        reason: returning ? REASON : null,
        public: true,
        payload: resumed?.getTime() !== dueAt?.getTime() ? { dueAt: resumed?.toISOString() } : {},
        createdAt: now,
      },
      { lastHash: row.last_event_hash, count: row.event_count },
    );
    const interval = {
      state: row.state,
      enteredAt: entered,
      workingMinutes: workingMinutesBetween(entered, now, cal),
      waiting: !returning,
    };
    const notice = { topic: 'case.transitioned', payload: { type, from: row.state, to, opdId: row.opd_id } };
    const { rowCount } = await db.query(
      named(eventWriteText(Object.keys(set), true), eventWriteValues(row.version, link, notice, set, interval)),
    );
    if (rowCount !== 1) throw new Error('lost a write race');
    touched.raw.add(c.id);
    rawCases.push({ ...c, version: row.version + 1, state: to });
    return true;
  };

  try {
    say(`state transitions: max rate, ${connections} connections ...`);
    const [apiMax, rawMax] = await measure(
      (seconds) => runApi({ base, connections, seconds, next, done }),
      (seconds) => runWorkers({ connections, seconds, op: rawOp }),
    );
    const half = apiMax.rate / 2;
    say(`state transitions: fixed rate ${half.toFixed(0)}/s (half the API's max) ...`);
    const send = httpSender(base, connections);
    const [apiHalf, rawHalf] = await measure(
      (seconds) => runPacedHttp({ send, connections, seconds, rate: half, next, done: (a) => done(a.status, a.body) }),
      (seconds) => runWorkers({ connections, seconds, rate: half, op: rawOp }),
    );
    const {
      rows: [{ api, raw }],
    } = await pool.query<{ api: number; raw: number }>(
      `SELECT count(*) FILTER (WHERE case_id = ANY($1::uuid[]))::int AS api, count(*) FILTER (WHERE case_id = ANY($2::uuid[]))::int AS raw
         FROM case_state_intervals`,
      [[...touched.api], [...touched.raw]],
    );
    const failed = apiMax.failed + apiHalf.failed + rawMax.failed + rawHalf.failed;
    if (failed) say(`state transitions: ${failed} failed (API answers: ${JSON.stringify(Object.fromEntries(refusals))})`);
    say(
      `state transitions: ${api + raw} state intervals written (API ${api}, raw ${raw}; ${before} before); p99 API ${percentile(apiHalf.latencies, 99).toFixed(1)} ms at half rate`,
    );
    if (!api || !raw) throw new Error('state transitions wrote no state intervals');
    return { max: { api: apiMax, raw: rawMax }, half: { api: apiHalf, raw: rawHalf }, intervals: { api, raw } };
  } finally {
    for (const c of clients) c.release();
  }
}
