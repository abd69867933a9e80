import { Injectable } from '@nestjs/common';
import type { ReportGrain } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ReadDatabase } from '../database/read-database';

// Reads of the report rollups (tables `report_*`, docs/REPORTS.md) and the writes that are not
// about cases (calendar, refresh state). Reads go to the read connection (a replica when
// READ_DATABASE_URL is set: the rollups lag by the refresh interval anyway); writes take the
// caller's transaction on the primary. The rollups themselves are rebuilt from cases by
// CaseRepository (the one place with SQL on cases and their events).

type Db = DataSource | EntityManager;

/** A report's WHERE over a rollup aliased `r`: the caller's rules and filters, `$n` values. */
export interface RollupScope {
  where: string;
  values: unknown[];
  /** Placeholders of the period's first and last WIB day (inclusive). */
  from: string;
  to: string;
  /** The period's days themselves. */
  period: { from: string; to: string };
  /** Date literals of the period's whole months and whole ISO weeks: `[first, end)` (report-periods.ts `wholeUnits`). */
  months: { first: string; end: string };
  weeks: { first: string; end: string };
  /** The same rules and filters without the period, for the open-case snapshot. */
  now: Pick<RollupScope, 'where' | 'values'>;
}

export interface SlaSums {
  received: number;
  returned: number;
  closed: number;
  closed_on_time: number;
  withdrawn: number;
}
export interface BacklogSums {
  open: number;
  overdue: number;
  waiting: number;
}
export interface BucketSums {
  bucket: number;
  open: number;
  overdue: number;
}
export interface StageSums {
  state: string;
  waiting: boolean;
  n: number;
  median: number;
  p90: number;
  minutes: number;
}
export interface SeriesSums {
  period: string;
  received: number;
  closed: number;
}
export interface OfficerSums {
  user_id: string;
  name: string;
  opd_id: string;
  opd_name: string;
  open: number;
  overdue: number;
  steps: number;
}
export interface ScopeSums extends SlaSums, BacklogSums {
  opd_id: string;
  opd_name: string;
  opd_code: string;
  service_id: string | null;
  service_name: string | null;
  service_code: string | null;
  median_days: number | null;
}
export interface MonthCell {
  month: string;
  opd_id: string;
  service_id: string;
  opd_code: string;
  opd_name: string;
  service_code: string;
  service_name: string;
  received: number;
  closed: number;
  closed_on_time: number;
  median_days: number | null;
}
export interface ReportStateRow {
  watermark: Date | null;
  /** The instant the open-case snapshot was taken at (null: take it whole next time). */
  backlog_at: Date | null;
  refreshed_at: Date | null;
  calendar_key: string | null;
}

const INT = (col: string) => `coalesce(sum(${col}), 0)::int`;
const DAILY_SUMS = `${INT('received')} AS received, ${INT('returned')} AS returned, ${INT('closed')} AS closed,
  ${INT('closed_on_time')} AS closed_on_time, ${INT('withdrawn')} AS withdrawn`;

/** percentile_disc over a histogram (value `v`, count `n`) grouped by `keys`: the first value whose running share reaches `p`. */
function histogramPercentiles(source: string, keys: string[], p: number[]): string {
  const k = keys.join(', ');
  const part = keys.length ? `PARTITION BY ${k}` : '';
  return `SELECT ${k}${keys.length ? ',' : ''} max(total)::int AS n, ${p
    .map((q, i) => `min(v) FILTER (WHERE cum >= ${q} * total)::int AS p${i}`)
    .join(', ')}, sum(w)::bigint AS w
    FROM (SELECT *, sum(n) OVER (${part} ORDER BY v) AS cum, sum(n) OVER (${part}) AS total FROM (${source}) h) x
   ${keys.length ? `GROUP BY ${k}` : ''}`;
}

const NAMES = `JOIN opds o ON o.id = x.opd_id`;
const SERVICE_NAMES = `JOIN services s ON s.id = x.service_id JOIN service_versions sv ON sv.service_id = s.id AND sv.version = s.current_version`;

/**
 * The rows of a dated rollup in the scope's period, as a subquery aliased by the caller: its whole
 * months (or weeks) from the coarse table, only the days at the period's edges from the daily one.
 * Both hold the same columns (`day` = the unit's first day in the coarse one), so sums over the
 * union equal sums over the daily rows.
 */
function spanned(s: RollupScope, daily: string, coarse: string, unit: 'months' | 'weeks', cols: string): string {
  const u = s[unit];
  return `(SELECT ${cols} FROM ${coarse} r WHERE ${s.where} AND r.day >= ${u.first} AND r.day < ${u.end}
           UNION ALL
           SELECT ${cols} FROM ${daily} r WHERE ${s.where} AND r.day BETWEEN ${s.from} AND ${s.to} AND (r.day < ${u.first} OR r.day >= ${u.end}))`;
}
const DAILY_COLS = 'r.received, r.returned, r.closed, r.closed_on_time, r.withdrawn';
const dailySpan = (s: RollupScope, cols: string) => spanned(s, 'report_daily', 'report_daily_monthly', 'months', cols);

/** How long a read of the refresh state serves `recentState`. */
const STATE_TTL_MS = 1000;

async function rows<T>(db: Db, text: string, values: unknown[]): Promise<T[]> {
  return await db.query<T[]>(text, values);
}

@Injectable()
export class ReportRepository {
  private stateRead: { at: number; value: Promise<ReportStateRow> } | null = null;

  constructor(private readonly read: ReadDatabase) {}

  /**
   * The refresh state as read at most STATE_TTL_MS ago (a cached report then costs no query): the
   * reports' `asOf` lags a refresh by at most that, and not at all on the instance that ran it
   * (`forgetState`).
   */
  recentState(): Promise<ReportStateRow> {
    const now = Date.now();
    if (!this.stateRead || now - this.stateRead.at >= STATE_TTL_MS) {
      const value = this.state();
      this.stateRead = { at: now, value };
      value.catch(() => {
        if (this.stateRead?.value === value) this.stateRead = null;
      });
    }
    return this.stateRead.value;
  }

  /** After a refresh committed: the next `recentState` reads it. */
  forgetState(): void {
    this.stateRead = null;
  }

  async state(m: Db = this.read.source): Promise<ReportStateRow> {
    const [r] = await rows<ReportStateRow>(
      m,
      `SELECT watermark, backlog_at, refreshed_at, calendar_key FROM report_state WHERE id = 1`,
      [],
    );
    return r;
  }

  /** Locks the refresh for this transaction; false when another instance holds it. */
  async tryLockRefresh(m: EntityManager): Promise<boolean> {
    const [r] = await rows<{ ok: boolean }>(m, `SELECT pg_try_advisory_xact_lock(hashtext('report-rollup')) AS ok`, []);
    return r.ok;
  }

  async saveState(m: EntityManager, s: { watermark: Date; refreshedAt: Date; calendarKey: string }): Promise<void> {
    await m.query(`UPDATE report_state SET watermark = $1, refreshed_at = $2, backlog_at = $2, calendar_key = $3 WHERE id = 1`, [
      s.watermark,
      s.refreshedAt,
      s.calendarKey,
    ]);
  }

  /** Replaces the working calendar: per day whether it is a working day, working days up to it, office minutes before it. */
  async replaceCalendar(
    m: EntityManager,
    days: { day: string; working: boolean; cumDays: number; cumMinutesBefore: number }[],
  ): Promise<void> {
    await m.query(`DELETE FROM report_calendar`);
    await m.query(
      `INSERT INTO report_calendar (day, working, cum_days, cum_minutes_before)
       SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[], $4::bigint[])`,
      [days.map((d) => d.day), days.map((d) => d.working), days.map((d) => d.cumDays), days.map((d) => d.cumMinutesBefore)],
    );
  }

  /**
   * Recomputes the coarse rollups of the whole units from `fromDay` to `toDay` (inclusive, unit
   * bounds) from the daily rows, in the caller's transaction (after the daily rows were rebuilt).
   */
  async rebuildCoarse(m: EntityManager, unit: 'month' | 'week', fromDay: string, toDay: string): Promise<void> {
    const span = [fromDay, toDay];
    const tables: [string, string, string, string][] =
      unit === 'week'
        ? [['report_weekly', 'report_daily', 'opd_id, service_id', 'sum(received), sum(closed)']]
        : [
            [
              'report_daily_monthly',
              'report_daily',
              'opd_id, service_id, channel',
              'sum(received), sum(returned), sum(closed), sum(closed_on_time), sum(withdrawn)',
            ],
            ['report_case_days_monthly', 'report_case_days', 'opd_id, service_id, days', 'sum(n)'],
            ['report_return_reasons_monthly', 'report_return_reasons', 'opd_id, service_id, reason', 'sum(n)'],
          ];
    for (const [coarse, daily, keys, sums] of tables) {
      await m.query(`DELETE FROM ${coarse} WHERE day BETWEEN $1::date AND $2::date`, span);
      await m.query(
        `INSERT INTO ${coarse} SELECT date_trunc('${unit}', day)::date, ${keys}, ${sums}
           FROM ${daily} WHERE day BETWEEN $1::date AND $2::date GROUP BY 1, ${keys}`,
        span,
      );
    }
  }

  async slaSums(s: RollupScope): Promise<SlaSums> {
    const [r] = await rows<SlaSums>(this.read.source, `SELECT ${DAILY_SUMS} FROM ${dailySpan(s, DAILY_COLS)} r`, s.values);
    return r;
  }

  /** The open-case snapshot's totals (no period: it is "now"). */
  async backlogSums(s: Pick<RollupScope, 'where' | 'values'>): Promise<BacklogSums> {
    const [r] = await rows<BacklogSums>(
      this.read.source,
      `SELECT ${INT('open')} AS open, ${INT('overdue')} AS overdue, ${INT('waiting')} AS waiting FROM report_backlog r WHERE ${s.where}`,
      s.values,
    );
    return r;
  }

  async backlogBuckets(s: Pick<RollupScope, 'where' | 'values'>, by: 'age_bucket' | 'sla_bucket'): Promise<BucketSums[]> {
    return rows<BucketSums>(
      this.read.source,
      `SELECT ${by} AS bucket, ${INT('open')} AS open, ${INT('overdue')} AS overdue FROM report_backlog r WHERE ${s.where} GROUP BY 1 ORDER BY 1`,
      s.values,
    );
  }

  async stages(s: RollupScope): Promise<StageSums[]> {
    const source = `SELECT r.state, r.waiting, r.hours AS v, sum(r.n) AS n, sum(r.minutes) AS w FROM report_stage_hours r
                     WHERE ${s.where} AND r.day BETWEEN ${s.from} AND ${s.to} GROUP BY 1, 2, 3`;
    return rows<StageSums>(
      this.read.source,
      `SELECT state, waiting, n, p0 AS median, p1 AS p90, w::int AS minutes FROM (${histogramPercentiles(source, ['state', 'waiting'], [0.5, 0.9])}) t ORDER BY waiting, n DESC`,
      s.values,
    );
  }

  async series(s: RollupScope, grain: ReportGrain): Promise<SeriesSums[]> {
    const cols = 'r.day, r.received, r.closed';
    const source = grain === 'week' ? spanned(s, 'report_daily', 'report_weekly', 'weeks', cols) : dailySpan(s, cols);
    return rows<SeriesSums>(
      this.read.source,
      `SELECT to_char(date_trunc('${grain === 'week' ? 'week' : 'month'}', r.day), 'YYYY-MM-DD') AS period,
              ${INT('received')} AS received, ${INT('closed')} AS closed
         FROM ${source} r GROUP BY 1 ORDER BY 1`,
      s.values,
    );
  }

  async channels(s: RollupScope): Promise<{ channel: string; received: number }[]> {
    return rows(
      this.read.source,
      `SELECT r.channel, ${INT('received')} AS received FROM ${dailySpan(s, 'r.channel, r.received')} r GROUP BY 1`,
      s.values,
    );
  }

  async returnReasons(s: RollupScope, limit: number): Promise<{ reason: string; n: number }[]> {
    return rows(
      this.read.source,
      `SELECT r.reason, sum(r.n)::int AS n FROM ${spanned(s, 'report_return_reasons', 'report_return_reasons_monthly', 'months', 'r.reason, r.n')} r
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${Number(limit)}`,
      s.values,
    );
  }

  async officers(s: RollupScope): Promise<OfficerSums[]> {
    return rows<OfficerSums>(
      this.read.source,
      `SELECT x.user_id, u.full_name AS name, x.opd_id, o.short_name AS opd_name, sum(x.open)::int AS open, sum(x.overdue)::int AS overdue,
              sum(x.steps)::int AS steps
         FROM (SELECT r.assignee_id AS user_id, r.opd_id, r.open, r.overdue, 0 AS steps FROM report_backlog r WHERE ${s.where} AND r.assignee_id IS NOT NULL
               UNION ALL
               SELECT r.user_id, r.opd_id, 0, 0, r.steps FROM report_officer_daily r WHERE ${s.where} AND r.day BETWEEN ${s.from} AND ${s.to}) x
         JOIN users u ON u.id = x.user_id ${NAMES}
        GROUP BY 1, 2, 3, 4 ORDER BY open DESC, steps DESC, name`,
      s.values,
    );
  }

  /** Figures per OPD (`perService` false) or per service of an OPD, side by side. */
  async byScope(s: RollupScope, perService: boolean): Promise<ScopeSums[]> {
    const keys = perService ? ['opd_id', 'service_id'] : ['opd_id'];
    const k = keys.map((c) => `r.${c}`).join(', ');
    const days = histogramPercentiles(
      `SELECT ${k}, r.days AS v, sum(r.n) AS n, 0 AS w FROM ${spanned(s, 'report_case_days', 'report_case_days_monthly', 'months', `${k}, r.days, r.n`)} r GROUP BY ${k}, r.days`,
      keys,
      [0.5],
    );
    const join = keys.map((c) => `x.${c} = m.${c}`).join(' AND ');
    return rows<ScopeSums>(
      this.read.source,
      `WITH d AS (SELECT ${k}, ${DAILY_SUMS} FROM ${dailySpan(s, `${k}, ${DAILY_COLS}`)} r GROUP BY ${k}),
            b AS (SELECT ${k}, ${INT('open')} AS open, ${INT('overdue')} AS overdue, ${INT('waiting')} AS waiting FROM report_backlog r WHERE ${s.where} GROUP BY ${k}),
            x AS MATERIALIZED (SELECT ${keys.map((c) => `coalesce(d.${c}, b.${c}) AS ${c}`).join(', ')},
                         coalesce(d.received, 0) AS received, coalesce(d.returned, 0) AS returned, coalesce(d.closed, 0) AS closed,
                         coalesce(d.closed_on_time, 0) AS closed_on_time, coalesce(d.withdrawn, 0) AS withdrawn,
                         coalesce(b.open, 0) AS open, coalesce(b.overdue, 0) AS overdue, coalesce(b.waiting, 0) AS waiting
                    FROM d FULL JOIN b USING (${keys.join(', ')})),
            m AS MATERIALIZED (${days})
       SELECT x.*, m.p0 AS median_days, o.short_name AS opd_name, o.code AS opd_code,
              ${perService ? 'sv.name AS service_name, s.code AS service_code' : 'NULL::uuid AS service_id, NULL AS service_name, NULL AS service_code'}
         FROM x LEFT JOIN m ON ${join} ${NAMES} ${perService ? SERVICE_NAMES : ''}
        ORDER BY o.short_name${perService ? ', sv.name' : ''}`,
      s.values,
    );
  }

  /** The public table: per month, OPD and service of `year` (WIB), no scope (aggregates only). */
  async months(year: number): Promise<MonthCell[]> {
    const from = `make_date(${Number(year)}, 1, 1)`;
    const to = `make_date(${Number(year)}, 12, 31)`;
    const days = histogramPercentiles(
      `SELECT r.day AS month, r.opd_id, r.service_id, r.days AS v, r.n, 0 AS w
         FROM report_case_days_monthly r WHERE r.day BETWEEN ${from} AND ${to}`,
      ['month', 'opd_id', 'service_id'],
      [0.5],
    );
    return rows<MonthCell>(
      this.read.source,
      `WITH x AS (SELECT r.day AS month, r.opd_id, r.service_id, ${DAILY_SUMS}
                    FROM report_daily_monthly r WHERE r.day BETWEEN ${from} AND ${to} GROUP BY 1, 2, 3),
            m AS (${days})
       SELECT to_char(x.month, 'YYYY-MM') AS month, x.opd_id, x.service_id, o.code AS opd_code, o.name AS opd_name, s.code AS service_code, sv.name AS service_name,
              x.received, x.closed, x.closed_on_time, m.p0 AS median_days
         FROM x LEFT JOIN m ON m.month = x.month AND m.opd_id = x.opd_id AND m.service_id = x.service_id ${NAMES} ${SERVICE_NAMES}
        ORDER BY 1, o.name, sv.name`,
      [],
    );
  }
}
